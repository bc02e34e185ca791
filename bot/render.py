"""Renders a Decision with jinja2: plain text for console/CLI, escaped HTML for Telegram."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from knowledge.queries import format_number

TEMPLATE_DIR = Path(__file__).parent / "templates"
_BLANKS = re.compile(r"\n{3,}")


def _env(html: bool) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=html,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
        keep_trailing_newline=False,
        auto_reload=False,  # templates ship with the package: no stat() per render
    )
    if html:
        env.globals["b"] = lambda x: Markup("<b>") + escape(x) + Markup("</b>")
        env.globals["i"] = lambda x: Markup("<i>") + escape(x) + Markup("</i>")
        env.globals["q"] = lambda x: Markup("<blockquote>") + escape(x) + Markup("</blockquote>")
    else:
        env.globals["b"] = lambda x: str(x)
        env.globals["i"] = lambda x: str(x)
        env.globals["q"] = lambda x: f"«{x}»"
    env.filters["num"] = format_number
    env.globals["html"] = html
    return env


@functools.lru_cache(maxsize=2)
def environment(html: bool) -> Environment:
    """The jinja2 environment for one output format, built once."""
    return _env(html)


def render(template: str, context: dict, *, html: bool) -> str:
    """Render a template by name (without extension) to text or Telegram HTML."""
    out = environment(html).get_template(f"{template}.j2").render(**context)
    out = "\n".join(line.rstrip() for line in out.strip().splitlines())
    return _BLANKS.sub("\n\n", out)


def render_view(view, frame: dict | None = None, *, html: bool) -> str:
    """Render a typed view (bot.views) with its template; `frame` holds what every reply shares (source, doc …)."""
    return render(view.template, {**(frame or {}), **view.values()}, html=html)


def template_names() -> list[str]:
    """Templates available (for KB validation)."""
    return sorted(p.stem for p in TEMPLATE_DIR.glob("*.j2") if not p.stem.startswith("_"))


def source_labels(kb, clause_ids: list[str]) -> list[str]:
    """How a source line names clauses: numbered ones by number, the preamble and the annex by their title."""
    labels = []
    for cid in clause_ids:
        clause = kb.clause(cid) if kb.has_clause(cid) else None
        numbered = any(ch.isdigit() for ch in cid) or set(cid) <= set("IVX")
        label = cid if numbered or clause is None else clause.title.split(":")[0].strip()
        if label not in labels:
            labels.append(label)
    numbered = [lb for lb in labels if lb in clause_ids]
    if len(numbered) > 2:  # II.1.a … II.1.e: the section they share, the reply's bullets show each one
        common = []
        for parts in zip(*(lb.split(".") for lb in numbered)):
            if len(set(parts)) > 1:
                break
            common.append(parts[0])
        if common:
            labels = [".".join(common)] + [lb for lb in labels if lb not in numbered]
    return labels

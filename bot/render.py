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


def template_names() -> list[str]:
    """Templates available (for KB validation)."""
    return sorted(p.stem for p in TEMPLATE_DIR.glob("*.j2") if not p.stem.startswith("_"))

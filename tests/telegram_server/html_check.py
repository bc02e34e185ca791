"""Telegram's parse_mode=HTML rules, strictly: allowed tags, balanced nesting, valid entities."""

from __future__ import annotations

import html
import re

ALLOWED = {
    "b": set(), "strong": set(), "i": set(), "em": set(), "u": set(), "ins": set(),
    "s": set(), "strike": set(), "del": set(), "tg-spoiler": set(), "pre": set(),
    "a": {"href"}, "code": {"class"}, "span": {"class"}, "blockquote": {"expandable"},
    "tg-emoji": {"emoji-id"},
}
_TOKEN = re.compile(r"<[^<>]*>|&[^;\s<>&]*;?|[^<>&]+|[<>&]")
_OPEN = re.compile(r"^<([a-z][a-z-]*)((?:\s+[a-z-]+(?:=\"[^\"]*\"|='[^']*'|=[^\s\"'>]+)?)*)\s*>$")
_CLOSE = re.compile(r"^</([a-z][a-z-]*)\s*>$")
_ATTR = re.compile(r"([a-z-]+)(?:=(\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?")
_ENTITY = re.compile(r"^&(lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});$")


class HtmlError(ValueError):
    """The text is not valid Telegram HTML; the message reads like Telegram's."""


def parse_html(text: str) -> str:
    """The plain text Telegram would show, or HtmlError as Telegram would refuse it."""
    out: list[str] = []
    stack: list[str] = []
    for m in _TOKEN.finditer(text):
        tok = m.group(0)
        try:
            if tok.startswith("<") and len(tok) > 1 and tok.endswith(">"):
                _tag(tok, stack)
            elif tok.startswith("&"):
                if not _ENTITY.match(tok):
                    raise HtmlError("Can't parse entities: unsupported entity or unescaped \"&\" at byte offset {}")
                out.append(html.unescape(tok))
            elif tok in "<>":
                raise HtmlError(f"Can't parse entities: unexpected \"{tok}\" at byte offset {{}}")
            else:
                out.append(tok)
        except HtmlError as exc:
            raise HtmlError(str(exc).replace("{}", str(len(text[: m.start()].encode("utf-8"))))) from None
    if stack:
        raise HtmlError(f"Can't parse entities: can't find end tag corresponding to start tag \"{stack[-1]}\"")
    return "".join(out)


def _tag(tok: str, stack: list[str]) -> None:
    close = _CLOSE.match(tok)
    if close:
        name = close.group(1)
        if not stack or stack[-1] != name:
            raise HtmlError(f"Can't parse entities: unmatched end tag at byte offset {{}}, expected \"</{stack[-1] if stack else ''}>\", found \"</{name}>\"")
        stack.pop()
        return
    opening = _OPEN.match(tok)
    if not opening or opening.group(1) not in ALLOWED:
        raise HtmlError(f"Can't parse entities: unsupported start tag \"{tok[1:-1].split()[0] if tok[1:-1].split() else ''}\" at byte offset {{}}")
    name = opening.group(1)
    attrs = dict((k, (v or "").strip("\"'")) for k, v in _ATTR.findall(opening.group(2)))
    unknown = set(attrs) - ALLOWED[name]
    if unknown:
        raise HtmlError(f"Can't parse entities: unsupported attribute \"{sorted(unknown)[0]}\" of tag \"{name}\" at byte offset {{}}")
    if name == "span" and attrs.get("class") != "tg-spoiler":
        raise HtmlError(f"Can't parse entities: tag \"span\" must have class \"tg-spoiler\" at byte offset {{}}")
    if name == "a" and not attrs.get("href"):
        raise HtmlError(f"Can't parse entities: tag \"a\" must have attribute \"href\" at byte offset {{}}")
    if name == "blockquote" and "blockquote" in stack:
        raise HtmlError("Can't parse entities: blockquote can't be nested in blockquote at byte offset {}")
    if name == "blockquote" and "expandable" in attrs and attrs["expandable"]:
        raise HtmlError("Can't parse entities: attribute \"expandable\" of tag \"blockquote\" takes no value "
                        "at byte offset {}")
    if name in {"a", "code", "pre"} and stack and stack[-1] in {"code", "pre"} and not (name == "code" and stack[-1] == "pre"):
        raise HtmlError(f"Can't parse entities: tag \"{name}\" can't be nested in \"{stack[-1]}\" at byte offset {{}}")
    stack.append(name)


def telegram_length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2

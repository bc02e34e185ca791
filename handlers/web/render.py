"""A reply's plain text made safe for HTML: everything escaped, then the clause ids it cites linked to /dieu/<id>."""

from __future__ import annotations

import re
from urllib.parse import quote

from markupsafe import Markup, escape


def clause_url(clause_id: str) -> str:
    """Where a clause is shown verbatim."""
    return "/dieu/" + quote(clause_id, safe=".")


def linked_text(text: str, clauses: list[str]) -> Markup:
    """Escaped text with each cited clause id (a whole token, longest first) turned into a link."""
    safe = str(escape(text))
    ids = sorted({c for c in clauses if c}, key=len, reverse=True)
    if not ids:
        return Markup(safe)
    # ids are escaped like the text so they match it; a token ends at a space, a bracket, a comma or a final dot
    pattern = re.compile(
        r"(?<![\w.])(" + "|".join(re.escape(str(escape(c))) for c in ids) + r")(?![\w]|\.\w)"
    )
    by_escaped = {str(escape(c)): c for c in ids}
    return Markup(pattern.sub(
        lambda m: f'<a class="clause" href="{escape(clause_url(by_escaped[m.group(1)]))}">{m.group(1)}</a>', safe))

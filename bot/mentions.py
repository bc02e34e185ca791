"""Replace what folded-text patterns find in a raw message, whatever its marks, case and punctuation."""

from __future__ import annotations

import re

from knowledge.text import fold

_TOKEN = re.compile(r"\S+")


def folded_tokens(text: str) -> tuple[list[str], str, list[int]]:
    """The message's tokens, its folded text, and for each folded character the token it comes from."""
    tokens = _TOKEN.findall(text)
    folded, owner = "", []
    for i, token in enumerate(tokens):
        f = fold(token)
        if not f:
            continue
        if folded:
            folded += " "
            owner.append(i)
        folded += f
        owner.extend([i] * len(f))
    return tokens, folded, owner


def replace_mentions(text: str, patterns: list[re.Pattern], replacement: str) -> str:
    """The message with every token a pattern (over the folded text) touches replaced, a run of them by one
    replacement; the message unchanged when nothing matches."""
    tokens, folded, owner = folded_tokens(text)
    hit: set[int] = set()
    for pattern in patterns:
        for m in pattern.finditer(folded):
            if m.end() > m.start():
                hit.update(range(owner[m.start()], owner[m.end() - 1] + 1))
    if not hit:
        return text
    out: list[str] = []
    for i, token in enumerate(tokens):
        if i not in hit:
            out.append(token)
        elif i - 1 not in hit and replacement:
            out.append(replacement)
    return " ".join(out)

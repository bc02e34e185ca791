"""Split plain text into Zalo messages of at most 2,000 characters, at paragraph or line breaks, never in a word."""

from __future__ import annotations

LIMIT = 2000  # sendMessage accepts 1 to 2,000 characters


def split_text(text: str, limit: int = LIMIT) -> list[str]:
    """Pieces of at most `limit` characters; breaks at a blank line, else a line end, else a space (in the latter
    half of a piece, so no piece is tiny), and inside a word only when one word alone is longer than `limit`."""
    text = text.strip()
    parts: list[str] = []
    while len(text) > limit:
        cut = _break(text, limit)
        head, text = text[:cut].rstrip(), text[cut:].lstrip()
        if head:
            parts.append(head)
    if text:
        parts.append(text)
    return parts


def _break(text: str, limit: int) -> int:
    """Where to end the next piece: the best break in text[:limit + 1]."""
    window = text[: limit + 1]  # a break right after the limit still leaves the piece within it
    half = limit // 2
    for separator in ("\n\n", "\n"):
        at = window.rfind(separator, half)
        if at > 0:
            return at
    at = window.rfind(" ", half)
    if at > 0:
        return at
    for separator in ("\n\n", "\n", " "):  # a very long word or line after an early break
        at = window.rfind(separator)
        if at > 0:
            return at
    return limit

"""Split Telegram HTML into messages under the length limit, at paragraph or line breaks, tags kept balanced."""

from __future__ import annotations

import re
from dataclasses import dataclass

LIMIT = 4096
_ATOM = re.compile(r"<[^>]*>|&#?[A-Za-z0-9]+;|[^<&]+|[<&]", re.S)
_TAG = re.compile(r"<\s*(/?)\s*([A-Za-z][\w-]*)")


@dataclass
class _Break:
    at: int  # atom index the next chunk starts at
    rank: int  # 3 paragraph, 2 line, 1 word, 0 anywhere
    stack: tuple[tuple[str, str], ...]  # open tags (name, opening text) at the break


def _atoms(html: str) -> list[str]:
    """Tags and entities whole; text one character at a time so breaks can fall anywhere in it."""
    atoms: list[str] = []
    for m in _ATOM.finditer(html):
        piece = m.group(0)
        if piece[0] in "<&" and len(piece) > 1:
            atoms.append(piece)
        else:
            atoms.extend(piece)
    return atoms


def _closing(stack: tuple[tuple[str, str], ...]) -> str:
    return "".join(f"</{name}>" for name, _ in reversed(stack))


def _opening(stack: tuple[tuple[str, str], ...]) -> str:
    return "".join(opening for _, opening in stack)


def split_html(html: str, limit: int = LIMIT) -> list[str]:
    """Pieces of at most `limit` characters each (counting markup), each valid HTML on its own."""
    html = html.strip()
    if len(html) <= limit:
        return [html] if html else []
    atoms = _atoms(html)
    chunks: list[str] = []
    start, stack = 0, ()
    while start < len(atoms):
        chunk, start, stack = _next_chunk(atoms, start, stack, limit)
        if chunk.strip():
            chunks.append(chunk.strip())
    return chunks


def _next_chunk(atoms: list[str], start: int, stack: tuple, limit: int) -> tuple[str, int, tuple]:
    """One chunk from atoms[start:], given the tags open at start; returns it, the next start and stack."""
    prefix = _opening(stack)
    size = len(prefix)
    latest: dict[int, _Break] = {}  # rank -> latest break of that rank
    cur = stack
    i = start
    while i < len(atoms):
        atom = atoms[i]
        nxt = _push(cur, atom)
        if size + len(atom) + len(_closing(nxt)) > limit:
            break
        size += len(atom)
        cur = nxt
        i += 1
        rank = _rank(atoms, i)
        if rank is not None:
            latest[rank] = _Break(i, rank, cur)
    else:
        return prefix + "".join(atoms[start:]), len(atoms), cur
    half = start + (i - start) // 2
    good = [b for b in latest.values() if b.at > half] or list(latest.values())
    best = max(good, key=lambda b: (b.rank, b.at)) if good else _Break(max(i, start + 1), 0, cur)
    body = prefix + "".join(atoms[start : best.at]).rstrip() + _closing(best.stack)
    nxt = best.at
    while nxt < len(atoms) and atoms[nxt] in ("\n", " "):
        nxt += 1
    return body, nxt, best.stack


def _push(stack: tuple, atom: str) -> tuple:
    if not atom.startswith("<") or len(atom) == 1:
        return stack
    m = _TAG.match(atom)
    if not m or atom.endswith("/>"):
        return stack
    closing, name = m.group(1), m.group(2).lower()
    if not closing:
        return stack + ((name, atom),)
    for k in range(len(stack) - 1, -1, -1):
        if stack[k][0] == name:
            return stack[:k] + stack[k + 1 :]
    return stack


def _rank(atoms: list[str], i: int) -> int | None:
    """How good a break just before atoms[i] is, or None if it falls inside a word."""
    if i >= len(atoms):
        return None
    prev = atoms[i - 1]
    if prev == "\n":
        return 3 if i >= 2 and atoms[i - 2] == "\n" else 2
    if prev == " ":
        return 1
    return None

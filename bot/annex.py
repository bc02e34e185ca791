"""Reading questions about the annex table: which rows, which year, and which row or year has the most."""

from __future__ import annotations

import re

from bot.cuebook import cue_book
from knowledge.queries import format_number


TOTAL_OF_ROW_WORDS = 8  # a part this short naming only the total, after a row was named, asks for that row's total


class AnnexRows:
    """Which rows of the annex a phrase names, from the rows' aliases in the plan data."""

    def __init__(self, annex, canonical) -> None:
        self.annex = annex
        phrases: dict[str, list[str]] = {}
        for row in annex.rows:
            for alias in {row.label, *row.aliases}:
                phrase = canonical(alias)
                if phrase:
                    phrases.setdefault(phrase, []).append(row.code)
        self._phrases = phrases
        self._any = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)) + r")\b")
        self.total = next((r.code for r in annex.rows if r.parts and annex.parent(r.code) is None), annex.rows[0].code)

    def named(self, text: str) -> list[str]:
        """Codes of every row an alias in the text names (longest phrases first, no overlaps)."""
        return [c for m in self._any.finditer(text) for c in self._phrases[m.group(0)]]

    def phrases(self, text: str) -> set[str]:
        """The distinct row aliases in the text ("bồi dưỡng" twice, naming two rows, is one)."""
        return {m.group(0) for m in self._any.finditer(text)}

    def select(self, parts: list[str]) -> list[str]:
        """Rows a question asks about; each part (split at commas, 'hay' ...) may name its own."""
        if len(parts) > 1:
            merged: list[str] = []
            whole_places = self._places(" ".join(parts))
            for part in parts:
                named = self._select_one(part, extra=whole_places)
                if named == [self.total] and merged and len(part.split()) <= TOTAL_OF_ROW_WORDS \
                        and cue_book()["doc_period"].search(part):
                    continue  # "các lớp CMNV theo từng năm, và tổng cả giai đoạn": that row's total, not the table's
                if named != [self.total] or self.total in self.named(part):
                    merged.extend(c for c in named if c not in merged)
            if merged:
                return merged
        return self._select_one(" ".join(parts))

    def parallel(self, code: str, place: str) -> str:
        """The row under another place with the same label path ("Nước ngoài › Bồi dưỡng" → "Trong nước › Bồi
        dưỡng"); the place itself when it has none, or when the row is not under a place."""
        inner = self._labels_below_place(code)
        for row in self.annex.rows:
            if inner and place in self.annex.ancestors(row.code) and self._labels_below_place(row.code) == inner:
                return row.code
        return place

    def _labels_below_place(self, code: str) -> list[str]:
        """The labels of a row and its parents below the place rows ("bồi dưỡng" for Nước ngoài › Bồi dưỡng)."""
        tops = {self.total, *self.annex.row(self.total).parts}
        chain = [*reversed(self.annex.ancestors(code)), code]
        return [self.annex.row(c).label.lower() for c in chain if c not in tops]

    def deepest(self, codes: list[str]) -> list[str]:
        """The rows at the deepest level under the given rows (the classes of a table part)."""
        under = [r.code for r in self.annex.rows if any(c in self.annex.ancestors(r.code) for c in codes)]
        depth = max((len(self.annex.ancestors(c)) for c in under), default=0)
        return [c for c in under if len(self.annex.ancestors(c)) == depth] or codes

    def _specific(self, text: str) -> list[str]:
        """Rows named, where a phrase naming several rows ("đào tạo": at home and abroad) gives way entirely when one
        of them is named more precisely ("đào tạo các lớp CMNV": the class, not the training abroad)."""
        found = [list(dict.fromkeys(self._phrases[m.group(0)])) for m in self._any.finditer(text)]
        every = {c for codes in found for c in codes}
        return [c for codes in found
                if not (len(codes) > 1 and any(c2 in self.annex.ancestors(o) for c2 in codes for o in every if o != c2))
                for c in codes]

    def _places(self, text: str) -> list[str]:
        """Rows directly under the total that the text names ('trong nước', 'nước ngoài')."""
        tops = set(self.annex.row(self.total).parts)
        return [c for c in self.named(text) if c in tops]

    def _select_one(self, text: str, extra: list[str] | None = None) -> list[str]:
        excluded = {c for m in cue_book()["excluded"].finditer(text) for c in self.named(m.group(1))}
        named = [c for c in dict.fromkeys(self._specific(text)) if c not in excluded]
        if not named and excluded:  # "không tính bồi dưỡng": the other parts of the same rows
            named = [c for x in excluded for c in self.annex.parent(x).parts if c not in excluded]
        # a row whose parts are all named is the row itself ("cả trong nước và nước ngoài" is the total)
        changed = bool(cue_book()["together"].search(text))  # "cả … và …", "lẫn", "tổng": parts taken together
        while changed:
            changed = False
            for row in self.annex.rows:
                if row.parts and all(p in named for p in row.parts):
                    named = [c for c in named if c not in row.parts] + ([] if row.code in named else [row.code])
                    changed = True
        places = [c for c in named if c in self.annex.row(self.total).parts] or [
            c for c in (extra or []) if len(extra or []) == 1]
        # the most specific rows: drop a row when a row inside it is named too
        rows = [c for c in named if not any(c in self.annex.ancestors(o) for o in named if o != c)]
        if places:  # "đào tạo trong nước": only the rows under the place named
            rows = [c for c in rows if c in places or any(p in self.annex.ancestors(c) for p in places)] or places
        return rows or [self.total]




def annex_extreme(annex, rows, cues: frozenset[str], paths: dict[str, str]) -> str | None:
    """The answer to 'which year / which row has the most (least)', computed from the table."""
    most, least = "most" in cues, "least" in cues
    if not (most or least) or not rows:
        return None
    pick = max if most else min
    word = "nhiều nhất" if most else "ít nhất"
    if "which_year" in cues:
        row = rows[0]
        best = pick(row.by_year)
        years = [str(y) for y, v in zip(annex.years, row.by_year) if v == best]
        return f"{paths[row.code]}: {word} là năm {', '.join(years)} ({format_number(best)} {annex.unit})."
    if len(rows) > 1:
        best = pick(r.total for r in rows)
        names = [paths[r.code] for r in rows if r.total == best]
        return f"{word[:1].upper()}{word[1:]} cả giai đoạn: {', '.join(names)} ({format_number(best)} {annex.unit})."
    return None


def annex_arithmetic(annex, rows, years: list[int], year: int | None, cues: frozenset[str],
                     paths: dict[str, str]) -> str | None:
    """A difference or a sum the question asks of the table ("2011 nhiều hơn 2015 bao nhiêu", "cả trong nước lẫn
    nước ngoài"), computed from it: of one row between years, or of rows (none inside another) for one year or all."""
    difference = "difference" in cues
    if "average" in cues and len(rows) == 1 and year is None:  # "trung bình mỗi năm": the period's total by its years
        row, n = rows[0], len(annex.years)
        mean = f"{row.total / n:.1f}".replace(".", ",").removesuffix(",0")
        mean = format_number(row.total // n) if row.total % n == 0 else mean
        return (f"{paths[row.code]}, trung bình mỗi năm ({annex.years[0]} - {annex.years[-1]}): "
                f"{format_number(row.total)} : {n} = {mean} {annex.unit}.")
    if "share" in cues and len(rows) == 2 and rows[1].code in annex.ancestors(rows[0].code):
        part, whole = rows
        pick = (lambda r: r.by_year[annex.years.index(year)]) if year else (lambda r: r.total)
        label = f"năm {year}" if year else f"cả giai đoạn {annex.years[0]} - {annex.years[-1]}"
        share = f"{100 * pick(part) / pick(whole):.1f}".replace(".", ",").removesuffix(",0")
        return (f"{label}: {paths[part.code]} ({format_number(pick(part))}) chiếm {share}% của "
                f"{paths[whole.code]} ({format_number(pick(whole))} {annex.unit}).")
    # "tổng số đào tạo (cả trong nước và nước ngoài)", "cộng … của 3 năm 2011, 2012 và 2013": rows or years named
    # together make one sum
    add_up = "add_up" in cues or ("together" in cues and (len(rows) >= 2 or len(years) >= 2))
    if not (difference or add_up) or not rows:
        return None
    unit = annex.unit
    if len(rows) == 1 and len(years) >= 2 and sorted(set(years)) != list(annex.years):  # the whole period: its total
        row = rows[0]
        values = [(f"năm {y}", row.by_year[annex.years.index(y)]) for y in years[:2 if difference else None]]
        label = paths[row.code] if difference else f"{paths[row.code]}, {' + '.join(n for n, _ in values)}"
    else:
        kept = [r for r in rows if not any(o is not r and (o.code in annex.ancestors(r.code)
                                                           or r.code in annex.ancestors(o.code)) for o in rows)]
        if len(kept) < 2:
            return None
        if difference and len(kept) > 2:  # "chính trị ít hơn CMNV": the two most specific rows named
            kept = sorted(kept, key=lambda r: -len(annex.ancestors(r.code)))[:2]
        pick = (lambda r: r.by_year[annex.years.index(year)]) if year else (lambda r: r.total)
        values = [(paths[r.code], pick(r)) for r in kept[:2 if difference else None]]
        label = f"năm {year}" if year else f"cả giai đoạn {annex.years[0]} - {annex.years[-1]}"
    if difference:
        (high_name, high), (low_name, low) = sorted(values, key=lambda v: -v[1])
        return (f"{label}: {high_name} ({format_number(high)}) nhiều hơn {low_name} ({format_number(low)}) "
                f"là {format_number(high - low)} {unit}.")
    total = sum(v for _, v in values)
    return f"{label}: {' + '.join(format_number(v) for _, v in values)} = {format_number(total)} {unit}."


def annex_path(annex, code: str) -> str:
    """Human label of a row with its parents: 'Trong nước › Đào tạo › Các lớp chính trị'."""
    parts = code.split(".")
    labels = []
    for i in range(len(parts)):
        sub = ".".join(parts[: i + 1])
        try:
            labels.append(annex.row(sub).label.capitalize() if sub != code else annex.row(sub).label)
        except KeyError:
            pass
    return " › ".join(labels)

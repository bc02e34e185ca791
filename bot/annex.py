"""Reading questions about the annex table: which rows, which year, and which row or year has the most."""

from __future__ import annotations

import re

from knowledge.queries import format_number


def select_annex_rows(parts: list[str], areas: list[str]) -> list[str]:
    """Rows of the annex a question asks about; each part of a question (split at commas) may name its own."""
    if len(parts) > 1:
        merged: list[str] = []
        whole = " ".join(parts)
        places = [p for p in ("trong nuoc", "nuoc ngoai") if re.search(rf"\b{p}\b", whole)]
        for part in parts:
            if len(places) == 1 and places[0] not in part and not re.search(r"\btong\b", part):
                part = f"{part} {places[0]}"  # "trong nước, đào tạo hay bồi dưỡng": the place holds for every part
            rows = select_annex_row(part, areas)
            if rows != ["TONG"] or re.search(r"\btong\b", part):
                merged.extend(r for r in rows if r not in merged)
        if merged:
            return merged
    return select_annex_row(" ".join(parts), areas)


def select_annex_row(text: str, areas: list[str]) -> list[str]:
    """Rows of the annex one phrase asks about."""
    if re.search(r"\b(lop chinh tri|chinh tri)\b", text) or "llct" in areas:
        return ["A.I.1"]
    if re.search(r"\b(chuyen mon|nghiep vu)\b", text):
        return ["A.I.2"]
    if re.search(r"\btieng anh\b", text):
        return ["A.I.3"]
    inland = bool(re.search(r"\btrong nuoc\b", text))
    abroad = bool(re.search(r"\bnuoc ngoai\b", text))
    rest = text.replace("dao tao boi duong", " ")
    only_train = bool(re.search(r"\bkhong tinh boi duong\b", text)) or ("dao tao" in rest and "boi duong" not in rest)
    only_foster = bool(re.search(r"\bkhong tinh dao tao\b", text)) or ("boi duong" in rest and "dao tao" not in rest)
    kind = ".I" if only_train and not only_foster else ".II" if only_foster and not only_train else ""
    if inland and abroad:
        if re.search(r"\btrong nuoc hay (o )?nuoc ngoai\b|\bnuoc ngoai hay (o )?trong nuoc\b", text):
            return ["A" + kind, "B" + kind]
        return ["TONG"] if not kind else ["A" + kind, "B" + kind]
    if inland:
        return ["A" + kind]
    if abroad:
        return ["B" + kind]
    if kind:
        return ["A" + kind, "B" + kind]
    return ["TONG"]


ANNEX_SPLIT = r"[;?.]+|,\s*(?=và|còn|với|va |con |tổng|tong )|\s+và\s+(?=số|tổng|so |tong )|\s+hay\s+|\s+hoặc\s+"
_MOST = re.compile(r"\b(nhieu|cao|dong|lon)( nguoi)? (nhat|hon)\b")
_LEAST = re.compile(r"\b(it|thap|nho)( nguoi)? (nhat|hon)\b")
_WHICH_YEAR = re.compile(r"\bnam nao\b")
WHICH_CLASS = re.compile(r"\b(lop nao|loai nao|noi dung nao)\b")


def annex_extreme(annex, rows, text: str, paths: dict[str, str]) -> str | None:
    """The answer to 'which year / which row has the most (least)', computed from the table."""
    most, least = bool(_MOST.search(text)), bool(_LEAST.search(text))
    if not (most or least) or not rows:
        return None
    pick = max if most else min
    word = "nhiều nhất" if most else "ít nhất"
    if _WHICH_YEAR.search(text):
        row = rows[0]
        best = pick(row.by_year)
        years = [str(y) for y, v in zip(annex.years, row.by_year) if v == best]
        return f"{paths[row.code]}: {word} là năm {', '.join(years)} ({format_number(best)} {annex.unit})."
    if len(rows) > 1:
        best = pick(r.total for r in rows)
        names = [paths[r.code] for r in rows if r.total == best]
        return f"{word[:1].upper()}{word[1:]} cả giai đoạn: {', '.join(names)} ({format_number(best)} {annex.unit})."
    return None


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

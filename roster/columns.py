"""The roster's columns: template headers and the ways HR staff write them (only a name column is required)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.text import fold


@dataclass(frozen=True)
class Column:
    """One recognised column: its key, the template header, the header variants it accepts."""

    key: str
    header: str
    aliases: tuple[str, ...]
    required: bool = False
    note: str = ""


COLUMNS: tuple[Column, ...] = (
    Column("stt", "STT", ("stt", "tt", "so tt", "so thu tu")),
    Column("name", "Họ và tên", ("ho va ten", "ho ten", "ho va ten can bo", "ho ten can bo", "ho va ten can bo cong chuc",
                                 "ho ten can bo cong chuc"), required=True),
    Column("family_name", "Họ và tên đệm", ("ho", "ho va ten dem", "ho va ten lot", "ho dem", "ho va chu lot")),
    Column("given_name", "Tên", ("ten",)),
    Column("unit", "Đơn vị", ("don vi", "co quan", "don vi cong tac", "co quan don vi", "co quan cong tac",
                              "noi cong tac", "phong ban", "ten don vi", "ten co quan", "don vi phong ban", "bo phan",
                              "xa phuong thi tran", "xa phuong", "dia phuong")),
    Column("tier", "Cấp", ("cap", "cap hanh chinh", "cap cong tac", "cap quan ly", "cap don vi", "thuoc cap"),
           note="Cấp tỉnh (sở, ban, ngành), cấp huyện (huyện, thị xã, thành phố) hoặc cấp xã (xã, phường, thị trấn)"),
    Column("grade", "Ngạch", ("ngach", "ngach cong chuc", "ngach hien giu", "ngach cong chuc hien giu", "ma ngach",
                              "ngach bac", "ngach cong chuc dang giu", "ngach cc", "ngach ccvc", "ngach vien chuc",
                              "ma so ngach", "ngach luong", "ngach bac luong", "ngach dang giu", "ma ngach cong chuc"),
           note="Cán sự, chuyên viên, chuyên viên chính, chuyên viên cao cấp (và tương đương); có thể ghi CS, CV, CVC, CVCC"),
    Column("role", "Chức danh", ("chuc danh", "chuc vu", "vai tro", "chuc vu chuc danh", "chuc danh chuc vu",
                                 "chuc vu hien tai", "chuc danh cong chuc", "chuc danh dang dam nhiem",
                                 "chuc vu dang dam nhiem", "chuc vu dang giu"),
           note="Chỉ cần với cấp xã: cán bộ xã, công chức xã, chủ tịch xã, không chuyên trách, đại biểu HĐND"),
    Column("chuyen_mon", "Trình độ chuyên môn", ("chuyen mon", "chuyen mon nghiep vu", "cmnv", "cm", "tdcm",
                                                 "van bang", "bang cap", "hoc van chuyen mon", "cmnv", "chuyen nganh",
                                                 "tdcmnv", "trinh do dao tao"),
           note="Sơ cấp, trung cấp, cao đẳng, đại học (cử nhân, kỹ sư), thạc sĩ, tiến sĩ; “Chưa” nếu chưa có"),
    Column("llct", "Lý luận chính trị", ("ly luan chinh tri", "llct", "chinh tri", "tdllct", "ly luan"),
           note="Sơ cấp, trung cấp, cao cấp (cử nhân); “Chưa” nếu chưa có"),
    Column("qlnn", "Quản lý nhà nước", ("quan ly nha nuoc", "qlnn", "tdqlnn", "chuong trinh qlnn",
                                        "chuong trinh quan ly nha nuoc", "qlhcnn", "quan ly hanh chinh nha nuoc"),
           note="Chương trình đã học: cán sự, chuyên viên, chuyên viên chính, chuyên viên cao cấp; “Chưa” nếu chưa học"),
    Column("tin_hoc", "Tin học", ("tin hoc", "vi tinh", "may vi tinh", "cntt", "cong nghe thong tin", "ud cntt",
                                  "ung dung cntt"),
           note="Có / chứng chỉ A, B, C / ứng dụng CNTT cơ bản, nâng cao; “Chưa” nếu chưa có"),
    Column("qp_an", "QP-AN", ("qp an", "qpan", "quoc phong an ninh", "quoc phong", "qp", "qp va an",
                              "kien thuc qp an", "qp an ninh", "giao duc quoc phong"),
           note="Đã học lớp bồi dưỡng kiến thức quốc phòng - an ninh: “Có” hoặc “Chưa”"),
    Column("target_group", "Đối tượng QP-AN", ("doi tuong", "doi tuong qp an", "doi tuong qpan",
                                               "doi tuong boi duong qp an", "doi tuong boi duong", "dt qp an", "dt qpan"),
           note="Đối tượng bồi dưỡng kiến thức quốc phòng - an ninh: 1, 2, 3 hoặc 4"),
    Column("birth", "Năm sinh", ("nam sinh", "ngay sinh", "ngay thang nam sinh", "sinh nam", "ns"),
           note="Năm sinh (ví dụ 1985) hoặc ngày sinh"),
    Column("age", "Tuổi", ("tuoi",)),
    Column("ethnic_area", "Vùng dân tộc thiểu số", ("vung dan toc thieu so", "vung dtts", "dtts", "vung dong bao dtts",
                                                    "vung dong bao dan toc thieu so", "cong tac vung dtts",
                                                    "cong tac o vung dtts", "cong tac vung dan toc thieu so"),
           note="Có nếu công tác ở vùng đồng bào dân tộc thiểu số, Không nếu không"),
    Column("newly_recruited", "Mới trúng tuyển", ("moi trung tuyen", "moi tuyen dung", "tuyen dung moi", "moi tuyen"),
           note="Có nếu mới trúng tuyển công chức (năm đầu)"),
    Column("planned_appointment", "Dự kiến bổ nhiệm", ("du kien bo nhiem", "du kien de bat bo nhiem",
                                                       "du kien de bat", "sap bo nhiem"),
           note="Có nếu dự kiến đề bạt, bổ nhiệm"),
)

BY_KEY = {c.key: c for c in COLUMNS}
TEMPLATE_DATA_SHEET, TEMPLATE_GUIDE_SHEET, TEMPLATE_LISTS_SHEET = "Danh sách", "Hướng dẫn", "Danh mục"
"""Sheets of the /mau template; the guide and the lists are not staff lists."""
TEMPLATE_KEYS = ("stt", "name", "unit", "tier", "grade", "chuyen_mon", "llct", "qlnn", "tin_hoc", "qp_an", "birth",
                 "ethnic_area", "role", "target_group", "newly_recruited", "planned_appointment")
"""Columns of the /mau template, in order."""

MIN_PREFIX_CHARS = 4  # "cm", "qp", "tt" match only a whole header, never its first word
_PREFIXES = ("trinh do", "boi duong", "kien thuc", "chung chi", "lop", "da hoc", "da qua")
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_ALIASES: dict[str, str] = {}
for _c in COLUMNS:
    for _a in (*_c.aliases, fold(_c.header)):
        _ALIASES.setdefault(_a, _c.key)
        _ALIASES.setdefault(_a.replace(" ", ""), _c.key)
_LONGEST = max(len(a.split(" ")) for a in _ALIASES)


def header_key(text: object) -> str | None:
    """The column a header names, or None: exact match after folding, notes in brackets and generic prefixes dropped."""
    if text is None:
        return None
    folded = fold(_PARENS.sub(" ", str(text)))
    candidates = [folded]
    for prefix in _PREFIXES:
        if folded.startswith(prefix + " "):
            candidates.append(folded[len(prefix) + 1:])
    for cand in candidates:
        for form in (cand, cand.replace(" ", "")):
            if form in _ALIASES:
                return _ALIASES[form]
    for cand in candidates:  # "Ngạch công chức đang hưởng lương": the longest alias its words begin with
        words = cand.split(" ")
        for n in range(min(len(words) - 1, _LONGEST), 0, -1):
            key = _ALIASES.get(" ".join(words[:n]))
            if key is not None and len(" ".join(words[:n])) >= MIN_PREFIX_CHARS:
                return key
    return None


def required_headers() -> list[str]:
    """Template headers of the columns a roster must have."""
    return [c.header for c in COLUMNS if c.required]

"""Shared pieces of the decision: cue patterns, thresholds and small helpers of the decision modules."""

from __future__ import annotations

import re

from bot.understand import Analysis
from knowledge.queries import level_name

VARYING_AREAS = ("chuyen_mon", "llct", "qlnn")  # areas whose requirement differs by grade
REQUIREMENT_AREAS = ("chuyen_mon", "llct", "qlnn", "tin_hoc", "ngoai_ngu", "quoc_phong", "tieng_dan_toc")

QUOTE_CUE = re.compile(r"\b(nguyen van|trich|noi gi|xem|doc|toan van|chi tiet)\b")
DOC_CUE = re.compile(
    r"\b(ki|nguoi ki|ban hanh|so hieu|so may|quyet dinh|nghi dinh|luat|phap li|van ban nao|noi nhan|hieu luc|het han)\b"
    r"|\bcan cu (phap li|vao (nhung |cac )?van ban|nao)\b|\b(ke hoach|van ban)( \w+){0,4} can cu\b"
)
LEARN_CUE = re.compile(r"\b(can hoc|phai hoc|hoc gi|boi duong gi|dao tao gi|can gi|can nhung gi|phai co gi|yeu cau gi|tieu chuan gi"
                        r"|duoc (dao tao|boi duong)( \w+){0,3} (gi|nao)|trinh do gi|boi duong theo)\b")
GENERIC_CHECK = re.compile(
    r"\b(thieu (gi|nhung gi)|con thieu|dap ung (du )?(cac |nhung )?yeu cau|du (tieu )?chuan chua|dat (tieu )?chuan chua"
    r"|da dat chua|du chua|bo sung (gi|nhung gi)|de dat chuan|can (hoc )?them (gi|nhung gi))\b"
)
SCOPE_CUE = re.compile(
    r"\b(cap (tinh|huyen|xa)|huyen|xa|thi xa|thanh pho|phuong|thi tran)( trong ke hoach( nay)?)? (gom|bao gom|co nhung)\b"
    r"|\b(thuoc|tinh la|la) cap (nao|huyen|xa|tinh)\b"
)
CHECK_CUE = re.compile(
    r"\b(dat chuan|du chuan|dap ung|dat yeu cau|dat chua|du chua|thieu|con thieu|du de|dat khong|duoc khong|bo sung gi)\b"
)
NEED_CUE = re.compile(  # "cần" folds to "can" like "cán bộ", "cán sự": those are not a need
    r"\b(can(?! (bo|su|doi)\b)|phai|bat buoc|yeu cau|tieu chuan|dat chuan|chuan hoa|hoc|bo sung|trinh do|dieu kien)\b"
)

PROFILE_FILLER = re.compile(
    r"\b(toi|em|minh|la|o|lam|cong tac|ngach|cap|tinh|huyen|xa|phuong|thi tran|thi xa|thanh pho|so|chuyen vien|chinh|cao cap"
    r"|can su|cong chuc|can bo|thi sao|con|va|tuong duong)\b"
)


def only_profile(ent) -> bool:
    """The message names only a grade and/or a tier (no question of its own)."""
    if not (ent.grade or ent.tier) or ent.areas or ent.held or ent.lacks:
        return False
    text = ent.text
    for place in ent.places:  # "em ở huyện Ngã Năm": the place's name is part of the profile
        text = text.replace(place, " ")
    return not PROFILE_FILLER.sub(" ", text).split()


STRUCTURE = re.compile(
    r"\b(chia ra|chia thanh|gom (nhung|may|bao nhieu) (phan|nhom|muc|noi dung)|nhung (phan|nhom|muc) nao"
    r"|co (may|bao nhieu) (phan(?! tram)|muc|nhom)|cau truc|bo cuc)\b"
)
ABOUT_ME = re.compile(r"\b(doi voi (toi|em|minh)|cho (toi|em|minh)|cua (toi|em|minh))\b")
WHOLE_CLAUSE_ITEMS = 6
SCREEN = 600  # characters of quoted items that fit one phone screen
NEAR_SCORE = 6.0
WHOLE = re.compile(r"\b(hoc gi|can gi|nhung gi|tat ca|day du|tieu chuan gi|yeu cau gi|nhung yeu cau)\b")
FRAGMENT_WORDS = 7  # an annex question without a verb is short: "bồi dưỡng trong nước 2014"
FOLLOWUP_WORDS = 10  # after figures, "trong đó các lớp chuyên môn nghiệp vụ?" still asks for figures
ASKING = re.compile(r"\b(gi|nao|bao nhieu|khong|chua|sao|hoi|the nao|ra sao)\b")  # a passage scoring this well is where the plan speaks of the topic asked about
SECOND_CLAUSE_SHARE = 0.85  # a second clause is shown when its best passage scores this close to the first


# pairs of intents answered by the same handler: a near tie between them needs no second reading
SAME_FAMILY = [{"yeu_cau", "kiem_tra"}, {"tro_giup", "nguyen_van"}]

# roles that stand for a condition of a training item rather than a grade
CONDITION_ROLES = {"moi_trung_tuyen": "newly_recruited", "chu_chot": "chu_chot"}


def followup(a: Analysis) -> bool:
    return len(a.ent.text.split()) <= 6


def mentions_condition(a: Analysis, req) -> bool:
    cond = req.when
    if cond is None:
        return True
    text = a.ent.text
    if cond.age_under is not None:
        return a.ent.age is not None or bool(re.search(r"\b(tuoi|ielts|toefl|thac si|tien si)\b", text))
    if cond.ethnic_area:
        return bool(re.search(r"\b(dan toc|khmer|dong bao)\b", text))
    if cond.newly_recruited:
        return bool(re.search(r"\b(trung tuyen|tien cong vu|moi tuyen)\b", text))
    if cond.planned_appointment:
        return bool(re.search(r"\b(bo nhiem|de bat)\b", text))
    return False


HELD_SUFFIX = {"llct": " lý luận chính trị", "qlnn": " (lớp QLNN)"}


def held_level_name(kb, area, level):
    """How a held level reads in a verdict: 'trung cấp lý luận chính trị', 'chuyên viên (lớp QLNN)'."""
    if level is None:
        return None
    return level_name(kb, area, level) + HELD_SUFFIX.get(area, "")


def unique(values) -> list[str]:
    return list(dict.fromkeys(values))

# "… cần đào tạo, bồi dưỡng gì", "được bồi dưỡng những gì": what training, not when or how many
WHAT_TRAINING = re.compile(r"\b(can|phai|duoc)( \w+){0,3} (dao tao|boi duong|hoc)( \w+){0,3} (gi|nhung gi)\b"
                           r"|\bboi duong theo\b")

"""The plan as data: loads, quotes the seed verbatim, adds up, and rejects inconsistencies."""

import re
from pathlib import Path

import pytest
import yaml

from knowledge import KBError, default_kb, load_kb
from knowledge.loader import DEFAULT_FILE
from knowledge.queries import Person, find_level, meets, requirements_for
from knowledge.schema import parse_plan_number

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_e3437248f0bea0a4.txt"


def _fold_ws(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def kb():
    return default_kb()


def test_document_metadata(kb):
    assert kb.document.number == "39/KH-UBND"
    assert kb.document.date.isoformat() == "2011-12-05"
    assert kb.document.signer.name == "Nguyễn Trung Hiếu"
    assert (kb.document.period.start, kb.document.period.end) == (2011, 2015)


def test_every_eval_clause_id_exists(kb):
    ids = ["CC", "I.1", "I.2.a", "I.2.b", "I.2.c", "II.1.a", "II.1.b", "II.1.c", "II.1.d", "II.1.đ", "II.1.e",
           "II.2.a", "II.2.b", "II.3", "III.1", "III.2", "III.3", "III.4", "IV.1", "IV.2", "IV.3", "PL"]
    assert all(kb.has_clause(i) for i in ids)


@pytest.mark.skipif(not SEED.is_file(), reason="the seed text is beside the project in shared/")
def test_every_clause_item_is_verbatim_in_the_seed(kb):
    seed = _fold_ws(SEED.read_text(encoding="utf-8"))
    for clause in kb.clauses:
        for item in clause.items:
            assert _fold_ws(item) in seed, (clause.id, item[:60])


def test_annex_parsed_as_integers_and_adds_up(kb):
    annex = kb.annex
    assert annex.value("TONG") == 25950
    assert annex.value("A") == 25750
    assert annex.value("A.I.2", 2015) == 120
    assert annex.value("B.II", 2012) == 30
    assert parse_plan_number("25.950") == 25950


def _write(tmp_path, mutate) -> Path:
    raw = yaml.safe_load(DEFAULT_FILE.read_text(encoding="utf-8"))
    mutate(raw)
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_loader_rejects_a_requirement_pointing_to_a_missing_clause(tmp_path):
    path = _write(tmp_path, lambda r: r["requirements"][0].update(clause="II.9.z"))
    with pytest.raises(KBError, match=r"plan.yaml.*requirement cm_cvcc: clause II.9.z does not exist"):
        load_kb(path)


def test_loader_rejects_a_quote_that_is_not_verbatim(tmp_path):
    path = _write(tmp_path, lambda r: r["requirements"][1].update(quote="phải có bằng tiến sĩ"))
    with pytest.raises(KBError, match="not verbatim"):
        load_kb(path)


def test_loader_rejects_annex_rows_that_do_not_add_up(tmp_path):
    def bump(raw):
        raw["annex"]["rows"][2]["by_year"][0] = "71"

    with pytest.raises(KBError, match=r"annex row A.I.1 .*years add up to 391"):
        load_kb(_write(tmp_path, bump))


def test_loader_rejects_unknown_keys(tmp_path):
    path = _write(tmp_path, lambda r: r["grades"][0].update(salary="x"))
    with pytest.raises(KBError, match="grades.0.salary"):
        load_kb(path)


def test_loader_rejects_a_level_off_its_scale(tmp_path):
    path = _write(tmp_path, lambda r: r["requirements"][1].update(min_level="bang_vang"))
    with pytest.raises(KBError, match="level bang_vang is not on scale chuyen_mon"):
        load_kb(path)


def test_requirements_for_a_grade_come_from_the_kb(kb):
    ids = [r.id for r in requirements_for(kb, Person(grade="chuyen_vien_chinh", tier="tinh"), kinds=("standard",))]
    assert ids == ["cm_cvc_cv", "llct_cvcc_cvc", "qlnn_cvc", "tin_hoc", "ngoai_ngu", "quoc_phong"]
    xa = [r.id for r in requirements_for(kb, Person(tier="xa"), kinds=("standard",))]
    assert xa == ["xa_chuyen_mon", "xa_tieu_chuan"]


@pytest.mark.parametrize(
    "grade,held,ok",
    [("chuyen_vien", "cao_dang", False), ("chuyen_vien", "dai_hoc", True), ("chuyen_vien", "thac_si", True),
     ("can_su", "cao_dang", True), ("can_su", "so_cap", False)],
)
def test_levels_compare_in_order(kb, grade, held, ok):
    req = requirements_for(kb, Person(grade=grade, tier="huyen"), area="chuyen_mon")[0]
    assert meets(kb, req, held) is ok


def test_not_checkable_requirements_give_no_verdict(kb):
    req = requirements_for(kb, Person(grade="chuyen_vien_cao_cap"), area="chuyen_mon")[0]
    assert req.checkable is False
    assert meets(kb, req, "tien_si") is None


def test_find_level_reads_hr_writing(kb):
    assert find_level(kb, "chuyen_mon", "Cử nhân Luật") == "dai_hoc"
    assert find_level(kb, "llct", "Trung cấp LLCT") == "trung_cap"

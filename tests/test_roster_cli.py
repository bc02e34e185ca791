"""The check command: text summary, XLSX report, JSON rows, progress on a terminal, Vietnamese errors and exit 2."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from roster.cli import main
from roster.report import DETAIL_SHEET, RESULT_SHEET

ROOT = Path(__file__).resolve().parents[1]
HEADERS = "STT;Họ và tên;Cấp;Ngạch;Trình độ chuyên môn;Lý luận chính trị;Quản lý nhà nước;Tin học;QP-AN;Năm sinh"
ROWS = [
    "1;Nguyễn Văn An;Sở Nội vụ;CV;Đại học;Trung cấp;CV;B;Có;1985",
    "2;Trần Thị Bình;huyện Kế Sách;CV;Cao đẳng;Trung cấp;CV;B;Có;1970",
    "3;Lê Văn Chi;xã Đại Hải;;;;;;;",
    "4;Phạm Dũng;Ấp 5;CVC;ĐH;Cao cấp;CVC;A;x;1975",
]


class Terminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def roster_file(tmp_path: Path) -> Path:
    path = tmp_path / "ds.csv"
    path.write_text("\n".join([HEADERS, *ROWS]) + "\n", encoding="utf-8")
    return path


def run(argv: list[str], err: io.StringIO | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), err or io.StringIO()
    code = main(argv, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_default_prints_a_short_summary(roster_file):
    code, out, err = run([str(roster_file), "--year", "2015"])
    assert code == 0
    understood, verdicts = out.split("\n", 2)[:2]
    assert understood.startswith("Đọc 4 người; cấp lấy từ cột “Cấp”")
    assert verdicts.startswith("Đã kiểm tra 4 người")
    assert "Chưa đạt ít nhất một yêu cầu: 1" in out
    assert err == ""


def test_output_option_writes_the_report(roster_file, tmp_path):
    target = tmp_path / "bao-cao.xlsx"
    code, out, _ = run([str(roster_file), "-o", str(target)])
    assert code == 0
    assert f"Đã ghi báo cáo: {target}" in out
    ws = openpyxl.load_workbook(target)[DETAIL_SHEET]
    assert ws.max_row == len(ROWS) + 1
    assert [c.value for c in openpyxl.load_workbook(target)[RESULT_SHEET]["B"][5:9]] == [r.split(";")[1] for r in ROWS]


def test_output_name_derived_from_the_list_and_unit_printed(roster_file):
    code, out, _ = run([str(roster_file), "-o", "--unit", "Phòng Nội vụ huyện Kế Sách", "--year", "2015"])
    target = roster_file.with_name("ds_ket_qua_kiem_tra.xlsx")
    assert code == 0 and target.is_file() and f"Đã ghi báo cáo: {target}" in out
    facts = openpyxl.load_workbook(target)[RESULT_SHEET]["A3"].value
    assert "Đơn vị: Phòng Nội vụ huyện Kế Sách" in facts and "Tệp: ds.csv" in facts


def test_json_is_one_object_per_input_row_in_order(roster_file):
    code, out, _ = run([str(roster_file), "--json", "--year", "2015"])
    assert code == 0
    rows = json.loads(out)
    assert [r["row"] for r in rows] == [2, 3, 4, 5]
    assert [r["name"] for r in rows] == ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Chi", "Phạm Dũng"]
    first = rows[1]["checks"][0]
    assert {"clause", "area", "status", "required", "has"} <= set(first)
    assert (first["clause"], first["area"], first["status"]) == ("II.1.a", "chuyen_mon", "missing")
    assert rows[0]["errors"] == [] and "Cấp" in rows[3]["errors"][0]
    assert all(c["status"] in {"met", "missing", "unknown"} for r in rows for c in r["checks"])


def test_json_and_output_together(roster_file, tmp_path):
    target = tmp_path / "r.xlsx"
    code, out, _ = run([str(roster_file), "--json", "-o", str(target)])
    assert code == 0 and target.exists()
    assert len(json.loads(out)) == len(ROWS)


def test_progress_is_shown_on_a_terminal_for_large_files(tmp_path):
    path = tmp_path / "lon.csv"
    path.write_text("\n".join([HEADERS] + [ROWS[0]] * 2500) + "\n", encoding="utf-8")
    code, _, err = run([str(path)], err=Terminal())
    assert code == 0
    assert "\rĐang đọc: 2.000 người" in err
    assert "\rĐang kiểm tra [" + "#" * 20 + "] 2.500/2.500" in err


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path):
    path = tmp_path / "lon.csv"
    path.write_text("\n".join([HEADERS] + [ROWS[0]] * 2500) + "\n", encoding="utf-8")
    code, _, err = run([str(path)])
    assert (code, err) == (0, "")


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "ds.xlsx", "mật khẩu"),
        (b"%PDF-1.4", "ds.pdf", "Chỉ nhận tệp"),
        (b"%PDF-1.4 binary", "ds.xlsx", "là PDF, không phải bảng tính Excel"),
        ("a;b\n1;2\n".encode(), "ds.csv", "Không tìm thấy dòng tiêu đề"),
    ],
)
def test_bad_files_give_a_vietnamese_error_and_exit_2(tmp_path, content, name, message):
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = run([str(path)])
    assert code == 2
    assert out == ""
    assert err.startswith("Lỗi: ") and message in err
    assert "Traceback" not in err


def test_missing_file(tmp_path):
    code, _, err = run([str(tmp_path / "khong.xlsx")])
    assert code == 2 and "không tìm thấy tệp" in err


def test_report_may_not_overwrite_the_input(roster_file):
    code, _, err = run([str(roster_file), "-o", str(roster_file)])
    assert code == 2 and "trùng" in err
    assert roster_file.read_text(encoding="utf-8").startswith("STT")


def test_unwritable_report_path(roster_file, tmp_path):
    code, _, err = run([str(roster_file), "-o", str(tmp_path / "khong" / "co" / "r.xlsx")])
    assert code == 2 and err.startswith("Lỗi: không ghi được báo cáo")


def test_usage_errors_exit_2_in_vietnamese(capsys):
    assert main([]) == 2
    assert "Lỗi: thiếu tên tệp danh sách" in capsys.readouterr().err
    assert main(["a.csv", "--year", "abc"]) == 2
    assert "năm phải là một số" in capsys.readouterr().err


def test_help_exits_0(capsys):
    assert main(["--help"]) == 0
    assert "Cách dùng: python -m bot check" in capsys.readouterr().out


def test_module_entry_point(roster_file, tmp_path):
    ok = subprocess.run([sys.executable, "-m", "roster.cli", str(roster_file)], cwd=ROOT,
                        capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0 and "Đã kiểm tra 4 người" in ok.stdout
    bad = tmp_path / "x.xls"
    bad.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    failed = subprocess.run([sys.executable, "-m", "roster.cli", str(bad)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert failed.returncode == 2
    assert failed.stderr.startswith("Lỗi: ") and "Traceback" not in failed.stderr

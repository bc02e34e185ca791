"""Benchmark of the staff-list check: read + check + XLSX report for a generated 20,000-row roster (target ≤ 5 s).

    python3 scripts/bench_roster.py [--rows 20000] [--repeat 3] [--seed 39] [--csv]

The roster is deterministic (seeded) and messy the way HR files are: abbreviations, missing marks, blanks,
"Chưa", unreadable cells, formula-like notes. The input XLSX is written by openpyxl's normal mode, which stores
the sheet dimension as Excel does. Generation is not timed.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from roster.check import check_roster  # noqa: E402
from roster.reader import read_roster  # noqa: E402
from roster.report import write_report  # noqa: E402
from knowledge import default_kb  # noqa: E402

TARGET_SECONDS = 5.0
HEADERS = ["STT", "Họ và tên", "Cấp", "Ngạch", "Trình độ chuyên môn", "Lý luận chính trị", "Quản lý nhà nước",
           "Tin học", "QP-AN", "Năm sinh", "Vùng dân tộc thiểu số", "Đơn vị", "Ghi chú"]
VALUES = {
    "Cấp": ["Sở Nội vụ", "cấp tỉnh", "Huyện Kế Sách", "huyen My Xuyen", "TX Vĩnh Châu", "TP Sóc Trăng", "Xã Đại Hải",
            "Phường 2", "thi tran", ""],
    "Ngạch": ["CV", "Chuyên viên", "CVC", "chuyen vien chinh", "CVCC", "Cán sự", "01.003", "", "Nhân viên"],
    "Trình độ chuyên môn": ["ĐH", "Đại học", "Cử nhân Luật", "Kỹ sư", "Ths", "Thạc sĩ", "TC", "Trung cấp", "CĐ",
                            "12/12", "Chưa", ""],
    "Lý luận chính trị": ["Sơ cấp", "Trung cấp", "TC", "Cao cấp", "Cử nhân", "Chưa", "Không", ""],
    "Quản lý nhà nước": ["CV", "Chuyên viên", "CVC", "Cán sự", "CVCC", "Chưa", ""],
    "Tin học": ["A", "B", "Chứng chỉ B", "UDCNTT cơ bản", "Có", "Chưa", ""],
    "QP-AN": ["Có", "x", "Đã học", "ĐT3", "Chưa", ""],
    "Vùng dân tộc thiểu số": ["Có", "Không", "x", "", "Khmer"],
    "Ghi chú": ["", "", "", "chuyển công tác", "=SUM(A1:A2)", "+84 912 000 000"],
}
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Thạch", "Lâm", "Sơn", "Danh"]
MIDDLE = ["Văn", "Thị", "Hoàng", "Minh", "Thanh", "Ngọc"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Hà", "Khánh", "Linh", "Nam", "Sóc", "Thảo", "Vy"]


def roster_rows(n: int, seed: int) -> list[list[object]]:
    """n deterministic rows, the template's columns plus two carried-through ones."""
    rnd = random.Random(seed)
    rows: list[list[object]] = [HEADERS]
    for i in range(1, n + 1):
        row: list[object] = [i, f"{rnd.choice(SURNAMES)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}"]
        for header in HEADERS[2:]:
            if header == "Năm sinh":
                row.append(rnd.choice([rnd.randint(1955, 1997)] * 9 + ["abc"]))
            elif header == "Đơn vị":
                row.append(f"Phòng {rnd.randint(1, 40)}")
            else:
                row.append(rnd.choice(VALUES[header]))
        rows.append(row)
    return rows


def as_xlsx(rows: list[list[object]]) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    for row in rows:
        ws.append(row)
    for cell in ws["M"][1:]:
        cell.data_type = "s"  # keep formula-like notes as text, as a typed Excel file would
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def as_csv(rows: list[list[object]]) -> bytes:
    import csv

    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def run_once(data: bytes, name: str) -> dict[str, float]:
    kb = default_kb()
    t0 = time.perf_counter()
    roster = read_roster(data, name, kb=kb, year=2015)
    t1 = time.perf_counter()
    results = check_roster(kb, roster)
    t2 = time.perf_counter()
    report = write_report(kb, roster, results)
    t3 = time.perf_counter()
    assert len(roster.rows) == len(results)
    return {"read": t1 - t0, "check": t2 - t1, "write": t3 - t2, "total": t3 - t0, "people": len(roster.rows),
            "report_bytes": len(report)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=39)
    parser.add_argument("--csv", action="store_true", help="benchmark a CSV (UTF-8 BOM, ';') instead of XLSX")
    args = parser.parse_args()

    rows = roster_rows(args.rows, args.seed)
    data = as_csv(rows) if args.csv else as_xlsx(rows)
    name = "roster.csv" if args.csv else "roster.xlsx"
    print(f"input: {name}, {args.rows} rows, {len(data) / 1e6:.2f} MB")
    default_kb()
    runs = [run_once(data, name) for _ in range(args.repeat)]
    for i, r in enumerate(runs, 1):
        print(f"run {i}: read {r['read']:.2f} s, check {r['check']:.2f} s, write {r['write']:.2f} s, "
              f"total {r['total']:.2f} s ({r['people']} people, report {r['report_bytes'] / 1e6:.2f} MB)")
    best = min(r["total"] for r in runs)
    median = statistics.median(r["total"] for r in runs)
    verdict = "met" if median <= TARGET_SECONDS else "NOT met"
    print(f"total: best {best:.2f} s, median {median:.2f} s; target ≤ {TARGET_SECONDS:.0f} s {verdict}")
    return 0 if median <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())

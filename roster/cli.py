"""Command line: python -m bot check FILE [--json] [-o [REPORT.xlsx]] [--unit ĐƠN_VỊ] [--year NĂM]; says what it
understood before the verdicts; Vietnamese errors on stderr, exit code 2."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from knowledge import KBError, default_kb
from knowledge.queries import format_number

from roster.check import check_roster
from roster.pipeline import report_name
from roster.reader import Roster, RosterError, os_problem, read_roster
from roster.report import write_report
from roster.summary import summary_text

EXIT_OK, EXIT_ERROR, EXIT_INTERRUPTED = 0, 2, 130
PROG = "python -m bot check"
BAR_WIDTH = 20


class _Parser(argparse.ArgumentParser):
    """argparse with Vietnamese headings and errors."""

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "Cách dùng:", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "Cách dùng:", 1)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"Lỗi: {_usage_problem(message)}.\n")


def _usage_problem(message: str) -> str:
    if "required" in message:
        return "thiếu tên tệp danh sách"
    if message.startswith("unrecognized arguments:"):
        return "tham số không hợp lệ:" + message.split(":", 1)[1]
    if "invalid int value" in message:
        return "năm phải là một số, ví dụ 2015"
    if "expected one argument" in message:
        return "thiếu giá trị sau " + message.split(":", 1)[0].removeprefix("argument ")
    return "sai tham số"


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog=PROG,
        add_help=False,
        description="Kiểm tra danh sách cán bộ, công chức (.xlsx hoặc .csv) theo Kế hoạch 39/KH-UBND.",
    )
    p._positionals.title = "tham số"
    p._optionals.title = "tùy chọn"
    p.add_argument("file", metavar="TỆP", help="danh sách .xlsx hoặc .csv")
    p.add_argument("--json", action="store_true", help="in kết quả từng người dạng JSON")
    p.add_argument("-o", "--output", metavar="BÁO_CÁO.xlsx", nargs="?", const="",
                   help="ghi báo cáo Excel (in được, có chữ ký) vào tệp này; chỉ -o: đặt tên theo tệp danh sách")
    p.add_argument("--unit", metavar="ĐƠN_VỊ", help="tên đơn vị in trên báo cáo (mặc định: lấy từ tiêu đề danh sách)")
    p.add_argument("--year", type=int, metavar="NĂM",
                   help="năm dùng để tính tuổi từ năm sinh (mặc định: năm ghi trên danh sách, nếu không thì năm đầu "
                        "kế hoạch)")
    p.add_argument("-h", "--help", action="help", help="hiện hướng dẫn này")
    return p


class _Progress:
    """Plain '\\r' progress text on a terminal; silent otherwise."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown = False

    def reading(self, done: int, total: int | None) -> None:
        self._show(f"Đang đọc: {format_number(done)} người")

    def checking(self, done: int, total: int | None) -> None:
        total = total or done
        filled = BAR_WIDTH * done // max(total, 1)
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        self._show(f"Đang kiểm tra [{bar}] {format_number(done)}/{format_number(total)}")

    def _show(self, text: str) -> None:
        self.stream.write(f"\r{text:<60}")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()
            self.shown = False


def rows_as_json(roster: Roster, results: list) -> list[dict]:
    """One object per input row, in input order."""
    return [
        {
            "row": person.row,
            "sheet": person.sheet,
            "name": person.name,
            "unit": person.unit,
            "tier_source": person.tier_source,
            "checks": [
                {
                    "clause": c.clause,
                    "area": c.area,
                    "kind": c.kind,
                    "status": c.status,
                    "required": c.required,
                    "has": c.has,
                    "note": c.note,
                }
                for c in checks
            ],
            "errors": list(person.errors),
            "notes": list(person.notes),
        }
        for person, checks in zip(roster.rows, results)
    ]


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    source = Path(args.file)
    target = None
    if args.output is not None:
        target = Path(args.output) if args.output else source.with_name(report_name(source.name))
    if target is not None and target.resolve() == source.resolve():
        err.write("Lỗi: tệp báo cáo trùng với tệp danh sách; hãy chọn tên khác.\n")
        return EXIT_ERROR
    progress = _Progress(err) if err.isatty() else None
    kb = default_kb()
    try:
        roster = read_roster(source, kb=kb, year=args.year, unit=args.unit,
                             progress=progress.reading if progress else None)
        results = check_roster(kb, roster, progress=progress.checking if progress else None)
        report = write_report(kb, roster, results, unit=args.unit) if target is not None else None
    finally:
        if progress:
            progress.clear()
    if target is not None and report is not None:
        try:
            target.write_bytes(report)
        except OSError as exc:
            err.write(f"Lỗi: không ghi được báo cáo vào {target}: {os_problem(exc)}.\n")
            return EXIT_ERROR
    if args.json:
        json.dump(rows_as_json(roster, results), out, ensure_ascii=False, indent=1)
        out.write("\n")
    else:
        out.write(summary_text(kb, roster, results) + "\n")
        if target is not None:
            out.write(f"Đã ghi báo cáo: {target}\n")
    return EXIT_OK


def main(argv: list[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run `check FILE [--json] [-o REPORT.xlsx]`; returns the exit code (0 ok, 2 error), never raises."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2), already printed
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    try:
        return _run(args, out, err)
    except RosterError as exc:
        err.write(f"Lỗi: {exc}\n")
    except KBError:
        err.write("Lỗi: dữ liệu kế hoạch không hợp lệ; hãy chạy python -m bot validate.\n")
    except KeyboardInterrupt:
        err.write("Đã dừng.\n")
        return EXIT_INTERRUPTED
    except Exception as exc:  # last resort: the user gets a message, never a traceback
        err.write(f"Lỗi: không xử lý được tệp ({type(exc).__name__}).\n")
    return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

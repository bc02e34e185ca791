"""The fast XLSX reader gives the same values as openpyxl, and gives way to it on what it does not handle."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest

import roster_shapes as shapes
from knowledge import default_kb
from roster.reader import read_roster
from roster.template import build_template
from roster.xlsx_read import FastReadError, Workbook


def _trim(row):
    row = list(row)
    while row and row[-1] is None:
        row.pop()
    return tuple(row)


def _by_openpyxl(data: bytes) -> dict[str, list[tuple]]:
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    out = {ws.title: [_trim(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
    wb.close()
    return out


def _by_fast(data: bytes) -> dict[str, list[tuple]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        book = Workbook(zf)
        return {title: [_trim(r) for _, r in book.rows(path, 10_000, ValueError())] for title, path, _ in book.sheets}


def _typed_workbook() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Năm sinh", "Ngày", "Có", "Số", "Mã"])
    ws.append(["Nguyễn Văn A", 1985, dt.datetime(1985, 3, 4), True, 2.5, 1.003])
    ws.append([None, None, None, False, -1, "01.003"])
    ws["A5"] = "sau một dòng trống"
    ws["H5"] = "=1+1"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize("build", [
    _typed_workbook,
    lambda: shapes.district_list()[0],
    lambda: shapes.two_sheets()[0],
    lambda: shapes.commune_list()[0],
    lambda: build_template(default_kb(), year=2015),
])
def test_same_values_as_openpyxl(build):
    data = build()
    assert _by_fast(data) == _by_openpyxl(data)


def test_a_workbook_it_cannot_read_falls_back_to_openpyxl(monkeypatch):
    def give_up(self, *args):
        raise FastReadError("something unusual")

    monkeypatch.setattr(Workbook, "rows", give_up)
    roster = read_roster(_typed_workbook(), "ds.xlsx")
    assert [p.name for p in roster.rows] == ["Nguyễn Văn A", "", "sau một dòng trống"]  # a row with data, no name: kept

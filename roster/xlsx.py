"""A minimal streaming XLSX writer: inline strings, numbers, dates, a few cell styles, widths, row heights, frozen
panes, filter, merged cells and print setup (A4 landscape fitted to the width, repeated header rows, page numbers).

openpyxl's write-only mode takes about 4 s for a 20,000 × 21 report on the target machine without lxml; this
writer streams the same SpreadsheetML straight into the zip in well under a second. Strings are always written as
inline strings, so no cell can ever become a formula.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, replace
from xml.sax.saxutils import escape, quoteattr

from openpyxl.utils import get_column_letter

from roster.xlsx_styles import Style, Styles

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
EPOCH = dt.datetime(1899, 12, 30)
DATE_FMT, DATETIME_FMT = 14, 22  # built-in number formats
FLUSH_ROWS = 500
TEXT_MEMO = 50_000
SHARED_MEMO = 2_000  # cell objects remembered by identity: the report's shared cells come first
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class PageSetup:
    """How a sheet prints: A4 (paperSize 9) landscape, fitted to one page wide; header rows repeated on every page;
    a page header and footer (Excel codes: &P page, &N pages, &L/&C/&R left/centre/right)."""

    landscape: bool = True
    fit_width: bool = True
    title_rows: tuple[int, int] | None = None  # first and last row repeated at the top of every page
    header: str = ""
    footer: str = "&CTrang &P/&N"
    margins: tuple[float, float, float, float] = (0.4, 0.4, 0.6, 0.6)  # left, right, top, bottom (inches)


@dataclass(frozen=True)
class Cell:
    """A value with a style."""

    value: object
    style: Style = Style()


class Sheet:
    """One worksheet being streamed; append rows in order."""

    def __init__(self, book: "XlsxWriter", name: str, index: int, widths: list[float], freeze: str | None,
                 page: PageSetup | None = None) -> None:
        self.book = book
        self.name = name
        self.index = index
        self.page = page
        self.rows = 0
        self.max_col = 0
        self.filter: str | None = None
        self.merges: list[str] = []
        self._letters = [get_column_letter(i) for i in range(1, 201)]
        self._buffer: list[str] = []
        self._memo: dict[int, tuple[Cell, str]] = {}  # id(cell) -> (cell, its XML): report cells repeat a lot
        self._texts: dict[str, str] = {}  # plain text -> its XML: rosters repeat tiers, grades, levels
        self._cells: dict[tuple[str, int], tuple[Style, str]] = {}  # (text, id(style)) -> (style, its XML)
        self._stream = book._zip.open(f"xl/worksheets/sheet{index}.xml", "w", force_zip64=True)
        self._write(f'{HEAD}<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_REL}">')
        if page is not None and page.fit_width:
            self._write('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>')
        self._write('<sheetViews><sheetView workbookViewId="0"')
        if freeze:
            col, row = _split_ref(freeze)
            pane = "bottomRight" if col > 1 and row > 1 else ("bottomLeft" if row > 1 else "topRight")
            split = (f' xSplit="{col - 1}"' if col > 1 else "") + (f' ySplit="{row - 1}"' if row > 1 else "")
            self._write(f'><pane{split} topLeftCell="{freeze}" activePane="{pane}" state="frozen"/>'
                        f'<selection pane="{pane}"/></sheetView>')
        else:
            self._write("/>")
        self._write('</sheetViews><sheetFormatPr defaultRowHeight="15"/>')
        if widths:
            cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(widths, 1))
            self._write(f"<cols>{cols}</cols>")
        self._write("<sheetData>")

    def merge(self, ref: str) -> None:
        """Merge a range of cells, e.g. 'A1:H1' (its first cell's value shows)."""
        self.merges.append(ref)

    def _write(self, text: str) -> None:
        self._stream.write(text.encode("utf-8", "replace"))

    def letter(self, col: int) -> str:
        """Column letter of a 1-based column number."""
        return self._letters[col - 1] if col <= len(self._letters) else get_column_letter(col)

    def append(self, values: Iterable[object], height: float | None = None) -> None:
        """Write the next row; a value may be a Cell (value + style); None leaves the cell empty; height in points."""
        self.rows += 1
        r = self.rows
        parts = [f'<row r="{r}" ht="{height:g}" customHeight="1">' if height else f'<row r="{r}">']
        col = 0
        last = 0  # the column of the last cell written: a cell right after it needs no reference
        memo, texts, cells = self._memo, self._texts, self._cells
        for col, value in enumerate(values, start=1):
            if value is None:
                continue
            if isinstance(value, Cell):
                hit = memo.get(id(value))
                if hit is not None and hit[0] is value:  # a cell object shared between rows
                    body = hit[1]
                    if body:
                        parts.append("<c" + body if col == last + 1 else f'<c r="{self.letter(col)}{r}"{body}')
                        last = col
                    continue
                inner = value.value
                if isinstance(inner, str):
                    key = (inner, id(value.style))
                    found = cells.get(key)
                    if found is not None and found[0] is value.style:
                        body = found[1]
                    else:
                        body = self._body(inner, self.book._styles.index(value.style))
                        if len(cells) < TEXT_MEMO:
                            cells[key] = (value.style, body)
                    if len(memo) < SHARED_MEMO:
                        memo[id(value)] = (value, body)
                else:
                    hit = memo.get(id(value))
                    if hit is None or hit[0] is not value:
                        hit = (value, self._body(inner, self.book._styles.index(value.style)))
                        if len(memo) < SHARED_MEMO:
                            memo[id(value)] = hit
                    body = hit[1]
            elif isinstance(value, str):
                body = texts.get(value)
                if body is None:
                    body = self._body(value, 0)
                    if len(texts) < TEXT_MEMO:
                        texts[value] = body
            else:
                body = self._body(value, 0)
            if body:
                parts.append("<c" + body if col == last + 1 else f'<c r="{self.letter(col)}{r}"{body}')
                last = col
        self.max_col = max(self.max_col, col)
        parts.append("</row>")
        self._buffer.append("".join(parts))
        if len(self._buffer) >= FLUSH_ROWS:
            self._flush()

    def _body(self, value: object, style: int) -> str:
        """A cell's XML after '<c' (and its reference, written only after a gap); '' for an empty value."""
        s = f' s="{style}"' if style else ""
        if value is None:
            return ""
        if isinstance(value, bool):
            return f'{s} t="b"><v>{int(value)}</v></c>'
        if isinstance(value, (int, float)) and not (isinstance(value, float) and not math.isfinite(value)):
            return f"{s}><v>{value!r}</v></c>"
        if isinstance(value, (dt.datetime, dt.date)):
            return self._date(value, style)
        text = value if isinstance(value, str) else str(value)
        return f'{s} t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'

    def _date(self, value: dt.date, style: int) -> str:
        if isinstance(value, dt.datetime):
            moment = value.replace(tzinfo=None)
            fmt = DATETIME_FMT if (moment.hour, moment.minute, moment.second) != (0, 0, 0) else DATE_FMT
        else:
            moment = dt.datetime(value.year, value.month, value.day)
            fmt = DATE_FMT
        serial = (moment - EPOCH).total_seconds() / 86400
        if serial < 61:
            return f' t="inlineStr"><is><t>{value.isoformat()}</t></is></c>'  # before 1900-03-01
        base = self.book._styles.xfs[style] if style else Style()
        s = self.book._styles.index(replace(base, num_fmt=fmt))
        return f' s="{s}"><v>{serial!r}</v></c>'

    def _flush(self) -> None:
        if self._buffer:
            self._write("".join(self._buffer))
            self._buffer.clear()

    def close(self) -> None:
        self._flush()
        self._write("</sheetData>")
        if self.filter:
            self._write(f'<autoFilter ref="{self.filter}"/>')
        if self.merges:
            self._write(f'<mergeCells count="{len(self.merges)}">'
                        + "".join(f'<mergeCell ref="{m}"/>' for m in self.merges) + "</mergeCells>")
        page = self.page
        if page is not None:
            left, right, top, bottom = page.margins
            self._write('<printOptions horizontalCentered="1"/>'
                        f'<pageMargins left="{left}" right="{right}" top="{top}" bottom="{bottom}" header="0.25" '
                        'footer="0.25"/>'
                        f'<pageSetup paperSize="9" orientation="{"landscape" if page.landscape else "portrait"}"'
                        + (' fitToWidth="1" fitToHeight="0"' if page.fit_width else "") + "/>"
                        f"<headerFooter><oddHeader>{escape(page.header)}</oddHeader>"
                        f"<oddFooter>{escape(page.footer)}</oddFooter></headerFooter>")
        self._write("</worksheet>")
        self._stream.close()


def _split_ref(ref: str) -> tuple[int, int]:
    from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

    letters, row = coordinate_from_string(ref)
    return column_index_from_string(letters), row


def sheet_title(name: str) -> str:
    """A valid sheet name: no []:*?/\\, at most 31 characters."""
    return _BAD_SHEET_CHARS.sub(" ", name)[:31] or "Sheet"


class XlsxWriter:
    """Builds one workbook in memory; add sheets one after another, then save()."""

    def __init__(self) -> None:
        self._out = io.BytesIO()
        self._zip = zipfile.ZipFile(self._out, "w", zipfile.ZIP_DEFLATED, compresslevel=1)  # speed over size
        self._styles = Styles()
        self._sheets: list[Sheet] = []

    def add_sheet(self, name: str, *, widths: list[float] | None = None, freeze: str | None = None,
                  page: PageSetup | None = None) -> Sheet:
        """Start a new sheet (the previous one is finished)."""
        if self._sheets:
            self._sheets[-1].close()
        sheet = Sheet(self, sheet_title(name), len(self._sheets) + 1, widths or [], freeze, page)
        self._sheets.append(sheet)
        return sheet

    def save(self) -> bytes:
        """Finish every part and return the .xlsx bytes."""
        if not self._sheets:
            self.add_sheet("Sheet")
        self._sheets[-1].close()
        n = len(self._sheets)
        z = self._zip
        z.writestr("[Content_Types].xml", (
            f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{CT_SHEET}"/>'
                      for i in range(1, n + 1))
            + "</Types>"))
        z.writestr("_rels/.rels", (
            f'{HEAD}<Relationships xmlns="{NS_PKG}"><Relationship Id="rId1" '
            f'Type="{NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'))
        z.writestr("xl/_rels/workbook.xml.rels", (
            f'{HEAD}<Relationships xmlns="{NS_PKG}">'
            + "".join(f'<Relationship Id="rId{i}" Type="{NS_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                      for i in range(1, n + 1))
            + f'<Relationship Id="rId{n + 1}" Type="{NS_REL}/styles" Target="styles.xml"/></Relationships>'))
        sheets = "".join(f'<sheet name={quoteattr(s.name)} sheetId="{s.index}" r:id="rId{s.index}"/>'
                         for s in self._sheets)
        names = "".join(
            f'<definedName name="_xlnm._FilterDatabase" localSheetId="{s.index - 1}" hidden="1">'
            f"{escape(_quote_sheet(s.name))}!{_absolute(s.filter)}</definedName>"
            for s in self._sheets if s.filter)
        names += "".join(
            f'<definedName name="_xlnm.Print_Titles" localSheetId="{s.index - 1}">'
            f"{escape(_quote_sheet(s.name))}!${s.page.title_rows[0]}:${s.page.title_rows[1]}</definedName>"
            for s in self._sheets if s.page is not None and s.page.title_rows)
        z.writestr("xl/workbook.xml", (
            f'{HEAD}<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_REL}"><bookViews><workbookView/></bookViews>'
            f"<sheets>{sheets}</sheets>" + (f"<definedNames>{names}</definedNames>" if names else "")
            + "</workbook>"))
        z.writestr("xl/styles.xml", self._styles.xml())
        z.close()
        return self._out.getvalue()


def _quote_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _absolute(ref: str | None) -> str:
    start, _, end = (ref or "").partition(":")
    return ":".join("$" + re.sub(r"(\d+)", r"$\1", part) for part in (start, end) if part)

"""Cell styles of the XLSX writer: what a cell looks like, and the styles part (fonts, fills, borders, formats)."""

from __future__ import annotations

from dataclasses import dataclass

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


@dataclass(frozen=True)
class Style:
    """How a cell looks: bold, a solid fill colour (RRGGBB), wrapped text, a built-in number format, font size,
    thin borders, horizontal alignment ('center'), italic."""

    bold: bool = False
    fill: str | None = None
    wrap: bool = False
    num_fmt: int = 0
    size: float | None = None
    border: bool = False
    align: str | None = None
    italic: bool = False


class Styles:
    """Every style used in a workbook, numbered in order of first use; index 0 is the default."""

    def __init__(self) -> None:
        self.fills: list[str] = []
        self.fonts: list[tuple[bool, bool, float]] = [(False, False, 11.0), (True, False, 11.0)]
        self.xfs: list[Style] = [Style()]
        self._index: dict[Style, int] = {Style(): 0}
        self._by_id: dict[int, tuple[Style, int]] = {}

    def _font(self, style: Style) -> int:
        key = (style.bold, style.italic, style.size or 11.0)
        if key not in self.fonts:
            self.fonts.append(key)
        return self.fonts.index(key)

    def index(self, style: Style) -> int:
        hit = self._by_id.get(id(style))
        if hit is not None and hit[0] is style:
            return hit[1]
        found = self._index.get(style)
        if found is None:
            if style.fill is not None and style.fill not in self.fills:
                self.fills.append(style.fill)
            self._font(style)
            self.xfs.append(style)
            found = self._index[style] = len(self.xfs) - 1
        if len(self._by_id) < 1_000:
            self._by_id[id(style)] = (style, found)  # keeps the style alive: its id stays its own
        return found

    def xml(self) -> str:
        fills = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>']
        fills += [f'<fill><patternFill patternType="solid"><fgColor rgb="FF{c}"/><bgColor indexed="64"/>'
                  f'</patternFill></fill>' for c in self.fills]
        xfs = []
        for s in self.xfs:
            fill = self.fills.index(s.fill) + 2 if s.fill else 0
            font = self._font(s)
            aligned = s.wrap or s.align
            attrs = (f'numFmtId="{s.num_fmt}" fontId="{font}" fillId="{fill}" borderId="{int(s.border)}" xfId="0"'
                     + (' applyNumberFormat="1"' if s.num_fmt else "") + (' applyFont="1"' if font else "")
                     + (' applyFill="1"' if fill else "") + (' applyBorder="1"' if s.border else "")
                     + (' applyAlignment="1"' if aligned else ""))
            if aligned:
                align = (' wrapText="1"' if s.wrap else "") + (f' horizontal="{s.align}"' if s.align else "")
                xfs.append(f'<xf {attrs}><alignment{align} vertical="{"center" if s.align else "top"}"/></xf>')
            else:
                xfs.append(f"<xf {attrs}/>")
        fonts = "".join(f'<font>{"<b/>" if b else ""}{"<i/>" if i else ""}<sz val="{z:g}"/><name val="Calibri"/></font>'
                        for b, i, z in self.fonts)
        thin = '<left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/>'
        return (f'{HEAD}<styleSheet xmlns="{NS_MAIN}">'
                f'<fonts count="{len(self.fonts)}">{fonts}</fonts>'
                f'<fills count="{len(fills)}">{"".join(fills)}</fills>'
                f'<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border>{thin}</border>'
                '</borders>'
                '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
                f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
                '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
                '</styleSheet>')

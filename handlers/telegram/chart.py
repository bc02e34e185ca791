"""The annex as a picture made for a phone: portrait, big type, one panel per place (at home, abroad), training
and refresher courses as labelled bars per year. Rendered once per data (functools.cache), as PNG bytes.

Public API (used by other channels too): annex_chart_png(core) -> bytes, unchanged; render_breakdown(breakdown)
-> bytes renders any bot.menus.AnnexBreakdown.
"""

from __future__ import annotations

import functools
import io
import textwrap

from bot import menus
from bot.menus import AnnexBreakdown

WIDTH_IN, HEIGHT_IN, DPI = 6.0, 7.5, 180  # 1080 × 1350 px, 4:5 portrait: fills a phone's chat bubble
FONT_PT = 16  # ≈ 12 dp when the image is shown 330 dp wide (1080 px / 330 dp ≈ 3.3 px per dp)
KIND_COLOURS = ("#1f6fb2", "#f28e2b", "#59a14f", "#e15759")  # training blue, refresher orange, …
GROUP_HATCHES = ("", "//", "..", "xx")  # at home plain, abroad hatched
TITLE_CHARS = 30
GROUP_BACKGROUNDS = ("#ffffff", "#f3f3f3")


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def yearly_series(core) -> tuple[list[int], list[tuple[str, list[int], str]], list[int]]:
    """Years, the core's series (label, figures, colour), and the grand total per year (kept for callers)."""
    years, series, totals = core.annex_series()
    return years, [(label, values, KIND_COLOURS[i % len(KIND_COLOURS)]) for i, (label, values) in enumerate(series)], totals


@functools.cache
def render_breakdown(data: AnnexBreakdown) -> bytes:
    """The chart of a breakdown as PNG bytes; the same data is rendered only once."""
    from matplotlib.figure import Figure  # imported lazily: slow, and only charts need it

    fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
    panels = len(data.groups)
    heights = [len(data.years) * max(len(g.kinds), 1) + 1 for g in data.groups]
    axes = fig.subplots(panels, 1, gridspec_kw={"height_ratios": heights}, squeeze=False)[:, 0]
    kinds = list(dict.fromkeys(label for g in data.groups for label, _ in g.kinds))
    colour = {label: KIND_COLOURS[i % len(KIND_COLOURS)] for i, label in enumerate(kinds)}
    for index, (ax, group) in enumerate(zip(axes, data.groups)):
        _panel(ax, data, group, index, colour)
    fig.text(0.03, 0.985, textwrap.fill(data.title, TITLE_CHARS), fontsize=FONT_PT + 3, fontweight="bold",
             ha="left", va="top")
    handles = [_legend_patch(colour[k]) for k in kinds]
    fig.legend(handles, kinds, loc="upper left", bbox_to_anchor=(0.015, 0.925), ncol=len(kinds),
               fontsize=FONT_PT, frameon=False, handlelength=1.2, columnspacing=1.2)
    fig.text(0.03, 0.012, f"Cả giai đoạn: {_number(sum(data.totals))} {data.unit}"
             + (f"\nNguồn: {data.source}" if data.source else ""),
             fontsize=FONT_PT - 3, color="#444444", ha="left", va="bottom")
    fig.subplots_adjust(left=0.15, right=0.97, top=0.82, bottom=0.1, hspace=0.38)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def _legend_patch(colour: str):
    from matplotlib.patches import Patch

    return Patch(facecolor=colour, edgecolor=colour)


def _panel(ax, data: AnnexBreakdown, group, index: int, colour: dict[str, str]) -> None:
    """One place (at home, abroad): per year, one labelled horizontal bar per kind."""
    kinds = group.kinds
    bar = 0.8 / max(len(kinds), 1)
    top = max((max(values) for _, values in kinds), default=1) or 1
    hatch = GROUP_HATCHES[index % len(GROUP_HATCHES)]
    ax.set_facecolor(GROUP_BACKGROUNDS[index % len(GROUP_BACKGROUNDS)])
    for k, (label, values) in enumerate(kinds):
        ys = [y + (k - (len(kinds) - 1) / 2) * bar for y in range(len(data.years))]
        ax.barh(ys, values, height=bar * 0.92, color=colour[label], hatch=hatch, edgecolor="white", linewidth=0)
        for y, v in zip(ys, values):
            ax.text(v + top * 0.015, y, _number(v), va="center", ha="left", fontsize=FONT_PT - 1,
                    fontweight="bold", color=colour[label])
    ax.set_yticks(range(len(data.years)), [str(y) for y in data.years], fontsize=FONT_PT)
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.28)
    ax.set_xticks([])
    ax.set_title(f"{group.label} · tổng {_number(group.total)} {data.unit}", fontsize=FONT_PT + 1,
                 fontweight="bold", loc="left", pad=8)
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)


def annex_chart_png(core=None) -> bytes:
    """The annex chart of the plan (bot.menus.annex_breakdown) as PNG bytes, rendered once; `core` is accepted
    for compatibility and used only if the plan has no annex breakdown (its yearly series then)."""
    data = menus.annex_breakdown()
    if data is None and core is not None:
        years, series, totals = core.annex_series()
        data = AnnexBreakdown("Số người đào tạo, bồi dưỡng", "người", "", tuple(years), tuple(totals),
                              (menus.AnnexGroup("", sum(totals), tuple((l, tuple(v)) for l, v in series)),))
    if data is None:
        raise ValueError("the plan has no annex to chart")
    return render_breakdown(data)

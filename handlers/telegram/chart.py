"""The annex as a picture: a PNG bar chart of training and refresher numbers per year (matplotlib, no pyplot)."""

from __future__ import annotations

import functools
import io

TITLE = "Số người đào tạo, bồi dưỡng theo năm (Kế hoạch 39/KH-UBND)"
COLOURS = ("#1f6fb2", "#f28e2b", "#59a14f", "#e15759")


def yearly_series(core) -> tuple[list[int], list[tuple[str, list[int], str]], list[int]]:
    """Years, the stacked series (label, figures, colour) from the core, and the grand total per year."""
    years, series, totals = core.annex_series()
    return years, [(label, values, COLOURS[i % len(COLOURS)]) for i, (label, values) in enumerate(series)], totals


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@functools.lru_cache(maxsize=1)
def annex_chart_png(core) -> bytes:
    """Render once per core; later calls reuse the bytes."""
    from matplotlib.figure import Figure  # imported lazily: slow, and only /chitieu needs it

    years, series, totals = yearly_series(core)
    fig = Figure(figsize=(8, 5), dpi=110)
    ax = fig.subplots()
    xs = list(range(len(years)))
    bottom = [0] * len(years)
    for label, values, colour in series:
        ax.bar(xs, values, bottom=bottom, label=label, color=colour)
        bottom = [b + v for b, v in zip(bottom, values)]
    for x, total in zip(xs, totals):
        ax.annotate(_number(total), (x, total), ha="center", va="bottom", fontsize=10, fontweight="bold")
    ax.set_xticks(xs, [str(y) for y in years])
    ax.set_title(TITLE, fontsize=12)
    ax.set_ylabel("Số người")
    ax.set_ylim(0, max(totals) * 1.12)
    ax.yaxis.set_major_formatter(lambda v, _pos: _number(int(v)))
    ax.legend(loc="upper right")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()

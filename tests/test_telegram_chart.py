"""The /chitieu chart: figures straight from the annex (through the core), rendered as a PNG."""

from bot import core
from handlers.telegram.chart import annex_chart_png, yearly_series
from knowledge import default_kb


def test_series_add_up_to_the_annex_total_each_year():
    years, series, totals = yearly_series(core)
    assert years == [2011, 2012, 2013, 2014, 2015]
    assert [sum(values[i] for _, values, _ in series) for i in range(len(years))] == totals
    assert sum(totals) == default_kb().annex.row("TONG").total == 25950


def test_chart_is_a_png():
    png = annex_chart_png(core)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000

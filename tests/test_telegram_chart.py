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


def _size(png: bytes) -> tuple[int, int]:
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def test_chart_is_portrait_for_a_phone_and_rendered_once():
    from handlers.telegram.chart import render_breakdown

    png = annex_chart_png(core)
    width, height = _size(png)
    assert height >= width >= 1000  # portrait, sharp when a phone shows it 330 dp wide
    hits = render_breakdown.cache_info().hits
    assert annex_chart_png(core) is png and render_breakdown.cache_info().hits == hits + 1


def test_breakdown_splits_home_and_abroad_into_training_and_refresher():
    from bot.menus import annex_breakdown

    data = annex_breakdown()
    assert [g.label for g in data.groups] == ["Trong nước", "Nước ngoài"]
    assert all([k for k, _ in g.kinds] == ["Đào tạo", "Bồi dưỡng"] for g in data.groups)
    per_year = [sum(v[i] for g in data.groups for _, v in g.kinds) for i in range(len(data.years))]
    assert per_year == list(data.totals) and sum(data.totals) == 25950

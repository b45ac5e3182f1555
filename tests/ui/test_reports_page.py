"""The Reports page on a small demo book: headline numbers, every chart drawn on its canvas
(Persian and English), the period selector, charts saved as PNG and PDF, and the figures
built off the GUI thread."""

from __future__ import annotations

import itertools
import threading

import pytest
from PySide6.QtCore import QElapsedTimer, QThread, QTimer

from shopcrm.domain.dates import parse_date
from shopcrm.services.reports.charts import CHARTS
from ui.charts import canvas_is_drawn
from ui.pages.reports_page import ReportsPage


def open_page(qtbot, ctx) -> ReportsPage:
    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1180, 700)
    page.show()
    page.activated()
    qtbot.waitUntil(page.ready, timeout=60_000)
    return page


@pytest.mark.demo(150)
@pytest.mark.parametrize("lang", ["fa", "en"])
def test_every_chart_is_drawn_with_the_headline_numbers(qtbot, ctx, lang):
    from ui.display import Display

    ctx.lang = lang
    ctx.display = Display.from_settings(ctx.settings, lang)
    page = open_page(qtbot, ctx)
    assert not page.notice.text()
    assert list(page.cards) == list(CHARTS)
    for name, card in page.cards.items():
        assert card.canvas is not None, name
        assert card.canvas.figure.get_figwidth() > 6
        assert card.canvas.picture.logical_size == (card.canvas.width(), card.canvas.height())
        assert canvas_is_drawn(card.canvas), name
    title = page.cards["visits_revenue"].canvas.figure.get_suptitle()
    assert title == ("مراجعه‌ها و درآمد ماهانه" if lang == "fa" else "Visits and revenue by month")
    customers = page.headlines["customers"].value.text()
    assert customers == ("۱۵۰" if lang == "fa" else "150")
    for card in page.headlines.values():
        assert card.value.text() not in ("", "…")
    digits = "۰۱۲۳۴۵۶۷۸۹" if lang == "fa" else "0123456789"
    assert any(c in digits for c in page.headlines["revenue"].value.text())


@pytest.fixture
def two_charts(monkeypatch):
    """Only two charts (the period and threading tests need no more; faster)."""
    import shopcrm.services.reports.charts as charts

    monkeypatch.setattr(charts, "CHARTS", ("visits_revenue", "retention"))
    return charts.CHARTS


@pytest.mark.demo(80)
def test_period_choice_and_saving_a_chart(qtbot, ctx, tmp_path, two_charts):
    page = open_page(qtbot, ctx)
    assert list(page.cards) == list(two_charts)
    twelve = len(page.report.months)
    assert twelve == 12

    page.set_period("custom", parse_date("1403/01/01"), parse_date("1403/03/31"))
    assert page.from_edit.isVisible()
    page.reload()
    qtbot.waitUntil(page.ready, timeout=60_000)
    assert [(m.year, m.month) for m in page.report.months] == [(1403, 1), (1403, 2), (1403, 3)]

    page.set_period("custom", parse_date("1403/05/01"), None)
    page.to_edit.setText("")
    page.reload()  # a date missing: said, nothing recomputed
    assert page.notice.text() and page.report.months[0].month == 1

    page.set_period("year")
    page.reload()
    qtbot.waitUntil(page.ready, timeout=60_000)
    assert page.report.months[0].month == 1 and not page.from_edit.isVisible()

    png, pdf = tmp_path / "visits.png", tmp_path / "retention.pdf"
    page.save_chart_to("visits_revenue", str(png))
    page.save_chart_to("retention", str(pdf))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert "ذخیره" in page.notice.text()


@pytest.mark.demo(60)
def test_charts_are_computed_and_built_off_the_gui_thread(qtbot, threaded_ctx, monkeypatch):
    """Every chart is built and drawn on a reader thread; the window keeps turning."""
    import shopcrm.services.reports.charts as charts
    import shopcrm.services.reports.series as reports

    threads: dict[str, set[str]] = {"report": set(), "figure": set()}
    build_report, build_figure = reports.build_report, charts.build_figure

    def spy_report(*args, **kwargs):
        threads["report"].add(threading.current_thread().name)
        return build_report(*args, **kwargs)

    def spy_figure(*args, **kwargs):
        threads["figure"].add(threading.current_thread().name)
        return build_figure(*args, **kwargs)

    monkeypatch.setattr(reports, "build_report", spy_report)
    monkeypatch.setattr(charts, "build_figure", spy_figure)
    page = ReportsPage(threaded_ctx)
    qtbot.addWidget(page)
    page.resize(1180, 700)
    page.show()
    ticks: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(clock.elapsed() / 1000))
    timer.start(20)
    page.activated()
    assert not page.ready()  # the page is up at once; the work goes on elsewhere
    qtbot.waitUntil(page.ready, timeout=120_000)
    timer.stop()
    longest = max(b - a for a, b in itertools.pairwise(ticks))
    print(f"\n[reports page] charts ready in {ticks[-1]:.1f} s, longest pause "
          f"{longest * 1000:.0f} ms")
    assert longest < 0.5
    gui = threading.main_thread().name
    assert threads["report"] and gui not in threads["report"]
    assert threads["figure"] and gui not in threads["figure"]
    assert QThread.currentThread() is page.thread()
    assert all(card.canvas is not None for card in page.cards.values())

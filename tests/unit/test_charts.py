"""Charts: every chart renders in both languages, Persian text goes to matplotlib as typed
(it shapes it itself), no glyph is missing from the bundled font, nothing global changes."""

from __future__ import annotations

import io
import subprocess
import sys
import threading
import warnings
from datetime import date
from pathlib import Path

import pytest

from shopcrm.domain.dates import from_jalali, jalali_month_length
from shopcrm.errors import InvalidInput, StorageError
from shopcrm.services.absence.retention import RetentionRow
from shopcrm.services.reports import chart_style, chart_words, charts, fonts
from shopcrm.services.reports.report_data import (
    OTHER,
    SERIES,
    AbsentPoint,
    CityCount,
    MessagesPoint,
    MonthInfo,
    NewReturning,
    Report,
    SatisfactionPoint,
    SegmentSize,
    ServiceTotal,
    VisitsRevenue,
    WinbackPoint,
)

REPO = Path(__file__).resolve().parents[2]
MONTHS = [(1402, m) for m in range(10, 13)] + [(1403, m) for m in range(1, 10)]


def month_info(y: int, m: int) -> MonthInfo:
    return MonthInfo(y, m, from_jalali(y, m, 1), from_jalali(y, m, jalali_month_length(y, m)))


def sample_report(empty: bool = False) -> Report:
    months = [month_info(y, m) for y, m in MONTHS]
    k = 0 if empty else 1
    report = Report(start=months[0].first_day, end=months[-1].last_day,
                    as_of=date(2024, 12, 1), months=months)
    for i, m in enumerate(months):
        y, mo = m.year, m.month
        report.visits_revenue.append(VisitsRevenue(y, mo, k * (52_000 + 900 * i),
                                                   k * (41_000_000_000 + 10**9 * i),
                                                   k * 38_000))
        report.new_returning.append(NewReturning(y, mo, k * (900 + 40 * i), k * 37_000))
        kept = round(k * 65_000 * (0.96 - i / 200))
        report.retention.append(RetentionRow(
            "month", f"{y}/{mo:02d}", m.first_day, m.last_day, False, k * 65_000, k * 900,
            k * 60_000, k * 64_000, k * 900, kept=kept, rate=kept / (k * 65_000) if k else None))
        report.absent_over_time.append(AbsentPoint(y, mo, m.last_day, k * 67_000,
                                                   k * (3_000 + 1_200 * i)))
        report.satisfaction.append(SatisfactionPoint(y, mo, k * 21_000,
                                                     4.19 if k else None))
        for channel in ("sms", "email"):
            report.messages.append(MessagesPoint(y, mo, channel, k * 300, k * 250, k * 20,
                                                 k * 360_000 if channel == "sms" else 0))
        report.winback.append(WinbackPoint(y, mo, k * 40, k * 12, 0))
    if not empty:
        report.rfm_segments = [SegmentSize(s, 1000 * (i + 1)) for i, s in enumerate(
            ("champions", "loyal", "potential", "new", "at_risk", "cannot_lose",
             "hibernating", "lost"))]
        report.cities = [CityCount("تهران", 60_000, 50_000), CityCount("کرج", 10_000, 8_000),
                         CityCount(OTHER, 5_000, 4_000), CityCount(None, 900, 10)]
        report.top_services = [ServiceTotal("کوتاهی مو", 60_000, 138_000_000_000),
                               ServiceTotal("کراتینه", 57_000, 1_177_000_000_000),
                               ServiceTotal(None, 1_000, 0)]
    return report


def rendered(fig) -> bytes:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = charts.render_png(fig, dpi=40)
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert not missing, missing  # a missing glyph would be drawn as an empty box
    return png


@pytest.mark.parametrize(("lang", "empty"), [("fa", False), ("en", False), ("fa", True)],
                         ids=["fa", "en", "empty"])
def test_every_chart_renders(lang, empty):
    from PIL import Image

    report = sample_report(empty)
    for name in charts.CHARTS:
        png = rendered(charts.build_figure(name, report, lang, unit="toman"))
        image = Image.open(io.BytesIO(png)).convert("L")
        assert image.size[0] >= 300 and image.size[1] >= 150, name
        assert image.getextrema()[0] < 100, name  # something dark was drawn


def test_charts_cover_every_series():
    assert set(charts.CHARTS) == set(SERIES)


def test_persian_text_goes_in_as_typed_in_the_bundled_font():
    fig = charts.build_figure("cities", sample_report(), "fa")
    title = fig.get_suptitle()
    assert title == "مشتریان به تفکیک شهر"  # logical order, unshaped: matplotlib shapes it
    assert fig._suptitle.get_fontname() == "Vazirmatn"
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["تهران", "کرج", "سایر شهرها", "بدون شهر"]


def test_month_labels_are_jalali():
    report = sample_report()
    assert chart_style.month_labels(report, "fa")[:4] == ["دی\n۱۴۰۲", "بهمن", "اسفند",
                                                    "فروردین\n۱۴۰۳"]
    assert chart_style.month_labels(report, "en")[3] == "Farvardin\n1403"


def test_numbers():
    assert chart_words.number(1_234_567, "fa") == "۱٬۲۳۴٬۵۶۷"
    assert chart_words.number(1_234_567, "en") == "1,234,567"
    assert chart_words.number(4.25, "fa", 2) == "۴٫۲۵"
    assert chart_words.percent(0.63, "fa") == "۶۳٪"
    assert chart_words.percent(0.975, "en") == "97.5%"
    assert chart_words.money_scale(41_000_000_000, "toman", "fa") == (1e7, "میلیون تومان")
    assert chart_words.money_scale(410_000_000_000, "toman", "fa") == (1e10, "میلیارد تومان")
    assert chart_words.money_scale(2_000_000, "rial", "en") == (1e3, "thousand rials")
    assert chart_words.money_scale(5_000, "rial", "en") == (1.0, "rials")


def test_save_png_and_pdf(tmp_path):
    report = sample_report()
    for suffix, magic in ((".png", b"\x89PNG"), (".pdf", b"%PDF")):
        path = charts.save_figure(charts.build_figure("retention", report, "fa"),
                                  tmp_path / f"chart{suffix}", dpi=50)
        assert path.read_bytes()[:4] == magic


def test_bad_requests(tmp_path):
    report = sample_report()
    with pytest.raises(InvalidInput) as caught:
        charts.build_figure("pie", report, "fa")
    assert caught.value.code == "report_unknown_chart"
    with pytest.raises(InvalidInput):
        charts.build_figure("cities", report, "de")
    fig = charts.build_figure("cities", report, "en")
    with pytest.raises(InvalidInput) as caught:
        charts.save_figure(fig, tmp_path / "chart.svg")
    assert caught.value.code == "report_bad_format"
    with pytest.raises(StorageError) as caught:
        charts.save_figure(fig, tmp_path / "missing" / "chart.png")
    assert caught.value.code == "report_write_failed"
    partial = Report(start=report.start, end=report.end, as_of=report.as_of,
                     months=report.months, series=("cities",))
    with pytest.raises(InvalidInput) as caught:
        charts.build_figure("winback", partial, "fa")
    assert caught.value.code == "report_series_missing"


def test_built_on_a_worker_thread():
    report = sample_report()
    out: list[bytes] = []
    worker = threading.Thread(target=lambda: out.append(
        charts.render_png(charts.build_figure("messages", report, "fa"), dpi=30)))
    worker.start()
    worker.join()
    assert out and out[0][:4] == b"\x89PNG"


def test_fonts_found_in_the_checkout_and_in_a_bundle(monkeypatch, tmp_path):
    assert [p.name for p in fonts.font_paths()] == list(fonts.FONT_FILES)
    assert fonts.register_fonts() == "Vazirmatn"
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert fonts.fonts_dir() == tmp_path / "resources" / "fonts"


def test_no_pyplot_and_light_import():
    code = ("import sys, json\n"
            "import shopcrm.services.reports.charts, shopcrm.services.reports.series\n"
            "light = 'matplotlib' not in sys.modules\n"
            "from shopcrm.services.reports import charts\n"
            "from tests.unit.test_charts import sample_report\n"
            "charts.render_png(charts.build_figure('visits_revenue', sample_report(), 'fa'),"
            " dpi=30)\n"
            "print(json.dumps([light, 'matplotlib.pyplot' in sys.modules]))\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[true, false]"

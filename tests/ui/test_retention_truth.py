"""Retention is the share of the month's starting customers still active at its end (never
above 100%, however many absent customers came back), the same in the service, the
report's own pass, ``shopcrm report`` and the Reports page; and every printed period ends
on the day its figures count to (today), not on the running month's last day."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest

from shopcrm import i18n
from shopcrm.domain.absence import AbsenceRules
from shopcrm.domain.dates import from_jalali, jalali_month_range, local_today, to_jalali
from shopcrm.services.absence.retention import retention
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.services.customers.visits import VisitInput, VisitService
from shopcrm.services.reports.chart_words import percent as chart_percent
from shopcrm.services.reports.series import build_report, report_period
from ui.pages.reports_page import ReportsPage


def _last_month() -> tuple[int, int, object, object]:
    """The Jalali month before this one: (year, month, first day, last day)."""
    jy, jm, _ = to_jalali(local_today())
    total = jy * 12 + jm - 2
    first = from_jalali(total // 12, total % 12 + 1, 1)
    ((y, m, first, last),) = list(jalali_month_range(first, first))
    return y, m, first, last


@pytest.fixture
def month(book):
    """Last month, absent after 90 days (the default): active at its start (the day
    before it) are A1, A2 and B; at its end A1, A2 (kept), G and H (away for months, came
    back in it) and N (new). The old (at end - new) / at start was (5 - 1) / 3 = 133%."""
    year, number, first, last = _last_month()
    customers, visits = CustomerService(book), VisitService(book)
    mobiles = itertools.count(1)

    def customer(name: str, *days: object) -> None:
        cid = customers.add(CustomerInput(name=name, mobile=f"0912{next(mobiles):07d}"))
        for day in days:
            visits.add(cid, VisitInput(at=f"{day} 12:00", amount=1_000_000))

    customer("A1", first - timedelta(days=10), last - timedelta(days=5))
    customer("A2", first - timedelta(days=40), first + timedelta(days=3))
    customer("B", first - timedelta(days=80))  # lapses during the month
    customer("G", first - timedelta(days=200), first + timedelta(days=5))
    customer("H", first - timedelta(days=150), first + timedelta(days=10))
    customer("N", first + timedelta(days=3))
    return year, number, first, last


def test_retention_is_kept_over_at_start_everywhere(qtbot, ctx, book, settings, month,
                                                    run_cli):
    year, number, first, last = month
    rules = AbsenceRules.from_settings(settings)
    with book.reading() as s:
        (row,) = retention(s, "month", first, last, window=rules.absent_days)
    assert (row.customers_at_start, row.customers_at_end, row.new_at_end) == (3, 5, 1)
    assert (row.kept, row.came_back) == (2, 2)
    assert row.rate == pytest.approx(2 / 3) and row.rate <= 1

    # the report's numpy pass gives the very same row
    report = build_report(book, settings=settings)
    index = [(m.year, m.month) for m in report.months].index((year, number))
    assert report.retention[index] == row

    # shopcrm report: the month's line shows that rate, not the old 133.3%
    code, out, err = run_cli("--db", book.url, "--lang", "fa", "report")
    assert code == 0, err
    (line,) = [t for t in out.splitlines() if i18n.month(year, number, "fa") in t]
    assert i18n.percent(2 / 3, "fa") == "۶۶٫۷٪"
    assert "۶۶٫۷٪" in line
    assert "۱۳۳٫۳٪" not in out

    # the Reports page draws the same rate over that month on its retention chart
    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1180, 700)
    page.show()
    page.activated()
    qtbot.waitUntil(page.ready, timeout=60_000)
    assert page.report.retention[index] == row
    ax = page.cards["retention"].canvas.figure.axes[0]
    labels = [t.get_text() for t in ax.texts]
    assert chart_percent(2 / 3, "fa") in labels
    assert all(r.rate is None or r.rate <= 1 for r in page.report.retention)


def test_printed_periods_end_today(qtbot, ctx, book, run_cli):
    today = local_today()
    month_end = report_period().end
    code, out, err = run_cli("--db", book.url, "--lang", "fa", "report")
    assert code == 0, err
    first_line = out.splitlines()[0]
    assert first_line.endswith(i18n.day(today, "fa")), first_line
    if month_end != today:
        assert i18n.day(month_end, "fa") not in first_line

    page = ReportsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.activated()
    qtbot.waitUntil(lambda: getattr(page, "winback_summary", None) is not None,
                    timeout=20_000)
    assert page.winback_summary.end == today
    caption = page.headlines["winback"].caption.text()
    assert ctx.display.date(today) in caption
    if month_end != today:
        assert ctx.display.date(month_end) not in caption

"""Columns wide enough for their words, in the Persian window at the size of a laptop.

The Win-back list's headers are whole («مجموع خرید (تومان)» was cut at its preset 105 px)
and its priority column shows its words («ارزش بالا، ...» was cut to «ارزش بالا...» at
62 px); the Campaigns list shows «هزینه (تومان)» whole and gives the campaign's name room
(it was squeezed to «بازگش...» by the other columns).
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QHeaderView, QStyle

from shopcrm.domain.dates import local_today
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.visits import VisitInput
from shopcrm.storage.models import Campaign
from ui.models.followup_table import COLUMN_KEYS
from ui.pages.campaigns_page import CampaignsPage
from ui.pages.winback_page import WinbackPage

PAGE_SIZE = (1150, 700)  # the page's share of a 1366x768 window beside the navigation


def header_text_need(header: QHeaderView, column: int) -> int:
    text = str(header.model().headerData(column, header.orientation()))
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    return header.fontMetrics().horizontalAdvance(text) + 2 * margin


def cut_headers(header: QHeaderView, skip: set[int] = frozenset()) -> list[str]:
    return [f"{header.model().headerData(c, header.orientation())}: "
            f"{header.sectionSize(c)} < {header_text_need(header, c)}"
            for c in range(header.count())
            if c not in skip and header.sectionSize(c) < header_text_need(header, c)]


def test_winback_headers_and_priority_words_fit(qtbot, ctx):
    for i, spent in enumerate((90_000_000, 9_000_000, 900_000)):
        cid = ctx.customers.add(CustomerInput(name=f"مشتری {i}", mobile=f"0912123450{i}"))
        for days in (183, 162, 141, 120):
            at = (local_today() - timedelta(days=days)).isoformat() + " 11:00"
            ctx.visits.add(cid, VisitInput(at=at, amount=spent))
    page = WinbackPage(ctx)
    qtbot.addWidget(page)
    page.resize(*PAGE_SIZE)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=5000)
    header = page.table.horizontalHeader()
    reason = COLUMN_KEYS.index("reason")  # the stretching column; its tooltip has it whole
    assert cut_headers(header, {reason}) == []
    priority = COLUMN_KEYS.index("priority")
    metrics = page.table.fontMetrics()
    words = [page.model.text("priority", row) for row in page.model.rows]
    assert all("ارزش" in w for w in words)  # the priority in words, not a number
    assert header.sectionSize(priority) >= max(map(metrics.horizontalAdvance, words))


def test_campaign_list_headers_and_names_fit(qtbot, ctx):
    names = ["بازگشت ۱۴۰۵/۰۹/۱۲", "سپاس ۱۴۰۵/۰۹/۱۲", "تبریک تولد ۱۴۰۵/۰۹/۱۰"]
    with ctx.db.writing() as s:
        for name in names:
            s.add(Campaign(name=name, channel="sms", template="سلام", status="done"))
    page = CampaignsPage(ctx)
    qtbot.addWidget(page)
    page.resize(*PAGE_SIZE)
    page.show()
    qtbot.waitUntil(lambda: page.list.rowCount() == 3, timeout=5000)
    qtbot.wait(50)  # the splitter lays the boxes out
    table, header = page.list, page.list.horizontalHeader()
    assert cut_headers(header) == []
    # a cell's text sits between the item's margins (QCommonStyle: focus frame margin + 1)
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    widest = max(map(table.fontMetrics().horizontalAdvance, names)) + 2 * margin
    assert header.sectionSize(0) >= widest
    # every column inside the box: nothing is hidden behind a horizontal scroll
    assert header.length() <= table.viewport().width()

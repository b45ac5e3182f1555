"""One currency everywhere: an amount typed on the command line in the owner's currency is
stored once (whole rials) and shown as the same number with its unit by the command line,
the window (customer card, customer list), a chart's data and an Excel export; switching
the setting to rial multiplies consistently (no surface keeps tomans)."""

from __future__ import annotations

import json
from datetime import date

import openpyxl
import pytest
from sqlalchemy import select

from shopcrm.config import Settings
from shopcrm.storage.models import Visit
from ui.app_context import build_context
from ui.dialogs.customer_card import CustomerCard
from ui.workers import Workers

# (currency, rials stored for «۸۵۰٬۰۰۰», the unit word in Persian, in English)
CASES = [("toman", 8_500_000, "تومان", "tomans"), ("rial", 850_000, "ریال", "rials")]


@pytest.mark.parametrize(("currency", "rials", "fa_unit", "en_unit"), CASES)
def test_an_amount_reads_the_same_everywhere(qtbot, run_cli, tmp_path, monkeypatch, book,
                                             currency, rials, fa_unit, en_unit):
    monkeypatch.setenv("SHOPCRM_CONFIG_DIR", str(tmp_path / "config"))
    url = book.url
    assert run_cli("settings", "set", "ui.currency", currency)[0] == 0
    assert run_cli("--db", url, "customer", "add", "--name", "مریم احمدی", "--phone",
                   "09121234567")[0] == 0
    code, out, err = run_cli("--db", url, "--lang", "fa", "visit", "add", "--phone",
                             "09121234567", "--date", "1404/01/15 10:00", "--amount",
                             "۸۵۰٬۰۰۰", "--service", "رنگ مو")
    assert code == 0, err
    assert f"۸۵۰٬۰۰۰ {fa_unit}" in out  # the command line says what it recorded

    # stored once, in rials
    with book.read_session() as s:
        assert s.scalar(select(Visit.amount)) == rials

    # the command line lists it in the same unit (English: Latin digits, unit word)
    code, out, _ = run_cli("--db", url, "--lang", "en", "visits", "--phone", "09121234567")
    assert code == 0 and f"amount ({en_unit})" in out and "850,000" in out
    code, out, _ = run_cli("--db", url, "--lang", "en", "customer", "show", "--phone",
                           "09121234567")
    assert f"spent 850,000 {en_unit}" in out
    assert json.loads(run_cli("--db", url, "visits", "--phone", "09121234567",
                              "--json")[1])[0]["amount"] == rials  # JSON: rials, as stored

    # the window: the customer card's visit table and the customer list
    settings = Settings()
    assert settings.currency == currency
    ctx = build_context(book, settings, "fa", workers=Workers(immediate=True))
    try:
        assert ctx.display.money(rials, with_unit=True) == f"۸۵۰٬۰۰۰ {fa_unit}"
        cid = ctx.customers.find(phone="09121234567").id
        card = CustomerCard(ctx, cid)
        qtbot.addWidget(card)
        card.show()
        table = card.visit_table
        headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
        column = next(i for i, h in enumerate(headers) if fa_unit in h)
        assert table.item(0, column).text() == "۸۵۰٬۰۰۰"
    finally:
        ctx.workers.shutdown()

    # a chart's data: the revenue axis names the unit and plots the same amount
    from shopcrm.services.reports.charts import build_figure
    from shopcrm.services.reports.series import build_report

    report = build_report(book, date(2025, 3, 1), date(2025, 4, 30), settings=settings,
                          series=["visits_revenue"])
    figure = build_figure("visits_revenue", report, "fa", unit=settings.currency)
    lines = [line for ax in figure.axes for line in ax.get_lines()]
    (revenue,) = [line for line in lines if fa_unit in line.get_label()]
    label = revenue.get_label()
    scale = 1_000 if "هزار" in label else 1_000_000 if "میلیون" in label else 1
    assert max(revenue.get_ydata()) * scale == 850_000

    # an Excel export: the header names the unit, the cell holds the same number
    out_file = tmp_path / "visits.xlsx"
    assert run_cli("--db", url, "export", str(out_file), "--what", "visits",
                   "--sheet-lang", "fa")[0] == 0
    sheet = openpyxl.load_workbook(out_file).active
    header = [c.value for c in sheet[1]]
    column = header.index(f"مبلغ ({fa_unit})")
    assert sheet.cell(row=2, column=column + 1).value == 850_000


def test_the_importer_reads_unitless_amounts_in_the_owners_currency(book, tmp_path):
    from shopcrm.services.customers.fields import CustomerInput
    from shopcrm.services.customers.service import CustomerService
    from shopcrm.services.excel.exporter import run_to_end
    from shopcrm.services.excel.importer import import_visits

    CustomerService(book).add(CustomerInput(name="مریم", mobile="09121234567"))
    path = tmp_path / "v.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["تاریخ", "موبایل", "مبلغ"])
    wb.active.append(["1404/01/15", "09121234567", "۸۵۰٬۰۰۰"])
    wb.active.append(["1404/01/16", "09121234567", "850000 ریال"])  # the cell's own unit wins
    wb.save(path)
    toman = Settings(path=tmp_path / "t.toml", env={"SHOPCRM_UI_CURRENCY": "toman"})
    run_to_end(import_visits(book, path, backup=False, settings=toman))
    with book.read_session() as s:
        assert sorted(s.scalars(select(Visit.amount))) == [850_000, 8_500_000]


@pytest.mark.parametrize(("currency", "factor"), [("toman", 10), ("rial", 1)])
@pytest.mark.parametrize("lang", ["fa", "en"])
def test_the_amount_field_reads_realistic_prices_without_a_false_error(qtbot, type_text,
                                                                        currency, factor,
                                                                        lang):
    """Typed key by key, each price is grouped as typed and never shows "number not read"
    (before: every price of 5+ digits did, while saving worked)."""
    from ui.display import Display
    from ui.widgets.fields import AmountEdit

    field = AmountEdit(Display(lang=lang, currency=currency))
    qtbot.addWidget(field)
    field.show()
    for typed in ("۸۵۰۰۰۰", "850,000", "850000", "۸۵۰٬۰۰۰", "1250000"):
        field.clear()
        errors = []
        field.checked.connect(errors.append)
        type_text(field, typed)
        field.checked.disconnect(errors.append)
        expected = (1_250_000 if typed == "1250000" else 850_000) * factor
        assert field.value() == expected and field.error() == "", typed
        assert field.is_valid() and errors[-1] is True
        assert field.text() == ("۱٬۲۵۰٬۰۰۰" if typed == "1250000" else "۸۵۰٬۰۰۰") \
            if lang == "fa" else field.text() in ("1,250,000", "850,000")
    field.set_rials(8_500_005)  # a stored amount that is not whole tomans reads back
    assert field.value() == 8_500_005 and field.is_valid()


@pytest.mark.parametrize(("currency", "factor"), [("toman", 10), ("rial", 1)])
def test_the_amount_field_reads_thousand_and_million_as_the_command_line_does(
        qtbot, type_text, currency, factor):
    """The window's amount field and ``--amount`` share ``parse_money``: «۱۵۰ هزار» is
    150,000 in both (was: «عدد «۱۵۰ هزار» خوانده نشد»)."""
    from ui.display import Display
    from ui.widgets.fields import AmountEdit

    field = AmountEdit(Display(lang="fa", currency=currency))
    qtbot.addWidget(field)
    field.show()
    for typed, amount in (("۱۵۰ هزار", 150_000), ("۱٫۵ میلیون", 1_500_000)):
        field.clear()
        type_text(field, typed)
        assert field.value() == amount * factor and field.error() == "", typed
        assert field.text().replace(" ", "") == typed.replace(" ", "")  # the space may go

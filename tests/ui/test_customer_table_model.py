"""The lazy customers model: ids only, rows a page at a time, tested without a view."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt

from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.storage.customer_list import customer_ids, rows_by_ids
from ui.display import LRI, PDI, Display
from ui.models.customer_table import BADGES_ROLE, COLUMN_KEYS, CustomerTableModel


def counting_fetcher(db):
    calls = []

    def fetch(ids):
        calls.append(len(ids))
        with db.session() as s:
            return rows_by_ids(s, ids)

    return fetch, calls


def col(key):
    return COLUMN_KEYS.index(key)


@pytest.mark.slow
def test_a_100k_book_answers_at_once_and_reads_only_the_visible_page(qtbot, big_book):
    with big_book.session() as s:
        started = time.perf_counter()
        ids = customer_ids(s, order="name")
        query_time = time.perf_counter() - started
    assert len(ids) == 100_000
    fetch, calls = counting_fetcher(big_book)
    model = CustomerTableModel(Display("fa"), fetch)

    started = time.perf_counter()
    model.set_ids(ids)
    count = model.rowCount()
    reset_time = time.perf_counter() - started
    assert count == 100_000 and calls == []  # nothing read yet

    started = time.perf_counter()
    visible = [model.data(model.index(row, column))
               for row in range(50_000, 50_030) for column in range(len(COLUMN_KEYS))]
    first_paint = time.perf_counter() - started
    assert calls == [CustomerTableModel.PAGE_SIZE]  # one page read: 200 of 100,000 rows
    assert all(v is not None for v in visible)

    started = time.perf_counter()
    for row in range(50_000, 50_030):
        model.data(model.index(row, col("name")))
    cached_paint = time.perf_counter() - started
    assert calls == [CustomerTableModel.PAGE_SIZE]

    for page in range(40):  # scroll far: the cache stays small
        model.data(model.index(page * 2_000, 0))
    assert model.cached_pages <= CustomerTableModel.CACHE_PAGES
    print(f"\n[100k model] ids query {query_time * 1000:.0f} ms (on a worker), set_ids + "
          f"rowCount {reset_time * 1000:.2f} ms, first 30 rows {first_paint * 1000:.1f} ms, "
          f"cached {cached_paint * 1000:.2f} ms")
    assert reset_time < 0.05
    assert first_paint < 0.5
    assert cached_paint < 0.05


def test_cells_read_the_persian_way(qtbot, book, ctx):
    service = CustomerService(book)
    cid = service.add(CustomerInput(name="مریم رضایی", mobile="09123456789", city="تهران",
                                    vip=True))
    fetch, _ = counting_fetcher(book)
    model = CustomerTableModel(Display("fa", "jalali", "toman"), fetch)
    model.set_ids([cid])
    cell = lambda key, role=Qt.ItemDataRole.DisplayRole: model.data(  # noqa: E731
        model.index(0, col(key)), role)
    assert cell("name") == "مریم رضایی"
    assert cell("mobile") == f"{LRI}۰۹۱۲ ۳۴۵ ۶۷۸۹{PDI}"  # an LTR island: never mirrored
    assert cell("visits") == "۰"
    assert cell("status", BADGES_ROLE) == ["vip"]
    assert cell("name", Qt.ItemDataRole.FontRole).bold()
    model.set_flags({"absent": frozenset({cid})})
    assert cell("status", BADGES_ROLE) == ["vip", "absent"]


def test_sorting_asks_the_page_for_a_new_order(qtbot, book):
    model = CustomerTableModel(Display("fa"), lambda ids: [])
    with qtbot.waitSignal(model.sort_requested) as blocker:
        model.sort(col("spent"), Qt.SortOrder.DescendingOrder)
    assert blocker.args == ["spent", True]
    with qtbot.assertNotEmitted(model.sort_requested):
        model.sort(col("status"))  # badges are not a database order


def test_names_sort_in_persian_alphabetical_order(qtbot, book):
    service = CustomerService(book)
    names = ["گلاره", "کاوه", "پرستو", "بهار", "یاسمن", "ژیلا", "زهرا", "چکاوک", "جمیله"]
    for i, name in enumerate(names):
        service.add(CustomerInput(name=name, mobile=f"0912000000{i}"))
    fetch, _ = counting_fetcher(book)
    model = CustomerTableModel(Display("fa"), fetch)
    with book.session() as s:
        model.set_ids(customer_ids(s, order="name"))
    shown = [model.data(model.index(r, col("name"))) for r in range(model.rowCount())]
    assert shown == ["بهار", "پرستو", "جمیله", "چکاوک", "زهرا", "ژیلا", "کاوه", "گلاره",
                     "یاسمن"]

"""Cell values -> typed candidate rows (``CustomerRow``, ``VisitRow``) and ``RowIssue``s.

Nothing here touches the database: ``read_customers(path)`` gives the rows an import
would write and every problem found, row by row, in the spreadsheet's own row numbers.

Rules (from the Excel import issue), per customer row:

- A row with a name and a usable mobile is a candidate.
- A name but an unreadable mobile: still a candidate (``mobile`` None, the text kept in
  ``mobile_raw``), with a ``bad_mobile`` *warning*.
- A mobile but no name: a candidate with ``name == ""`` and a ``row_name_missing``
  warning; the storage layer decides what to call it (e.g. after the mobile).
- Neither a name nor a usable mobile: an *error* (``row_no_identity``, or
  ``row_no_name_bad_mobile`` when the mobile cell held something unreadable); no row.
  A landline alone does not identify a customer.
- A landline in the mobile column moves to ``phone2`` (``row_mobile_is_landline``); when
  ``phone2`` is already filled the text stays in ``mobile_raw``. A mobile in the
  ``phone2`` column of a row without a mobile becomes the mobile (``row_phone2_is_mobile``).
- Two numbers in one mobile cell ("0912... / 0935..."): the first mobile is the mobile, the
  other the ``phone2`` (``row_several_phones``).
- Placeholders ("-", "ندارد", "؟", "n/a") count as empty.
- Values that cannot be read (an email without @, a birthday "اوایل تیر", a gender
  "؟؟؟", a visit count "زیاد", a VIP mark "شاید") are dropped from their field with a
  warning (``bad_email``, ``bad_date``, ``row_bad_gender``, ``bad_number``,
  ``row_bad_vip``), and their text is appended to ``notes`` as a line
  ``"<header>: <text>"`` so nothing the owner typed is lost. Columns no field claims go
  to ``extra`` (``{header: text}``) for the caller to keep or show.
- Texts are cleaned (``clean_text``: ی/ک, no bidi marks or stray ZWNJ, one space) and
  cut to the storage limits of ``customer_fields.TEXT_LIMITS`` (name 200, city 100,
  address 2000, notes 20000...) with a ``row_value_truncated`` warning.
- Birthdays and last visits in the future are dropped to the notes
  (``row_date_in_future``); a number 1370 in a date column is a year, not a date.
- The same mobile twice in the file: both rows stay, the later one gets a
  ``row_duplicate_in_file`` warning naming the first row (merging is the storage's call).

Visit rows need a date and a customer (a mobile, or a name when there is no usable
mobile); amounts are whole Rials (a "(تومان)" header multiplies by 10).

Long work follows the house pattern: ``parse_customers`` yields ``Progress`` and finally
the ``ParsedSheet``, checking a cancel flag (a ``threading.Event``) between rows;
``iter_customer_rows`` streams one ``RowResult`` per data row for callers that write as
they read.

This module holds the tables (open, iterate, parse, read) and is the door to the rest:
``row_types`` (the results), ``row_cells`` (one cell read, the converters' base),
``row_convert`` (a row of customers or visits converted).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from shopcrm.errors import Cancelled
from shopcrm.longwork import is_cancelled
from shopcrm.services.excel.columns import (
    CUSTOMERS,
    VISITS,
    headers_signature,
)
from shopcrm.services.excel.reader import DEFAULT_LIMITS, Limits, Workbook, open_workbook
from shopcrm.services.excel.row_cells import PAYMENT_WORDS, cell_text
from shopcrm.services.excel.row_convert import CustomerConverter, VisitConverter
from shopcrm.services.excel.row_types import (
    ERROR,
    WARNING,
    CustomerRow,
    ParsedSheet,
    ParsedVisits,
    Progress,
    RowIssue,
    RowResult,
    VisitRow,
)
from shopcrm.services.excel.table import (
    Table,
    build_table,
    with_file_notices,
)

# ---------------------------------------------------------------------------- tables


def open_table(source: str | Path | Workbook, *, kind: str = CUSTOMERS,
               sheet: str | None = None, mapping: dict[Any, str] | None = None,
               header_row: int | None = None, limits: Limits = DEFAULT_LIMITS) -> Table:
    """Open the file (or use an open ``Workbook``), pick the sheet, locate and map the table.

    Cheap next to the conversion: a dialog can show ``table.mapping.preview()`` and the
    first rows before ``iter_rows`` converts anything.
    """
    workbook, sheet, rows = sheet_rows(source, kind=kind, sheet=sheet, limits=limits)
    return with_file_notices(build_table(rows, file=workbook.file_name, sheet=sheet,
                                         kind=kind, header_row=header_row, manual=mapping),
                             workbook)


def sheet_rows(source: str | Path | Workbook, *, kind: str = CUSTOMERS,
               sheet: str | None = None, limits: Limits = DEFAULT_LIMITS
               ) -> tuple[Workbook, str, list[list[Any]]]:
    """The workbook (closed again when opened here), the sheet (``sheet``, else the one
    that looks like customers or visits by ``kind``) and all its rows."""
    workbook = source if isinstance(source, Workbook) else open_workbook(source, limits=limits)
    try:
        if sheet is None:
            sheet = (workbook.guess_customer_sheet() if kind == CUSTOMERS
                     else workbook.guess_visits_sheet())
        rows = workbook.read_sheet(sheet)
    finally:
        if not isinstance(source, Workbook):
            workbook.close()
    return workbook, sheet, rows


def iter_rows(table: Table, *, cancel: Any = None) -> Iterator[RowResult]:
    """One ``RowResult`` per data row of ``table``, in sheet order.

    Customer rows whose mobile already appeared get a ``duplicate_in_file`` warning.
    ``cancel`` (a ``threading.Event`` or a callable) is checked every 256 rows and raises
    ``Cancelled``.
    """
    converter = (CustomerConverter(table.mapping) if table.kind == CUSTOMERS
                 else VisitConverter(table.mapping))
    convert = converter.convert
    rows = table.rows
    seen: dict[str, int] = {}
    customers = table.kind == CUSTOMERS
    mobile_col = table.mapping.column("mobile")
    mobile_label = table.mapping.label(mobile_col) if mobile_col is not None else ""
    for n, index in enumerate(table.data_indexes):
        if not n & 255 and is_cancelled(cancel):
            raise Cancelled()
        result = convert(rows[index], index + 1)
        row = result.row
        if customers and row is not None and row.mobile:
            first = seen.setdefault(row.mobile, result.row_number)
            if first != result.row_number:
                result.issues.append(RowIssue(
                    result.row_number, mobile_label, row.mobile, "row_duplicate_in_file",
                    WARNING, "mobile", {"first_row": first}, mobile_col))
        yield result


def _parsed(table: Table) -> ParsedSheet:
    return ParsedSheet(table.file, table.sheet, table.kind, table.header_row,
                       list(table.headers), table.mapping, headers_signature(table.headers),
                       table.total_rows, skipped=list(table.skipped),
                       notices=list(table.notices))


def parse_table(table: Table, *, cancel: Any = None, every: int = 1000
                ) -> Iterator[Progress | ParsedSheet]:
    """Convert every row; yields ``Progress(done, total)`` every ``every`` rows and at the
    end, then the ``ParsedSheet``."""
    result = _parsed(table)
    total = table.total_rows
    done = 0
    for item in iter_rows(table, cancel=cancel):
        done += 1
        if item.row is not None:
            result.rows.append(item.row)
        if item.issues:
            result.issues.extend(item.issues)
        if done % every == 0:
            yield Progress(done, total)
    yield Progress(done, total)
    yield result


def _collect(events: Iterator[Progress | ParsedSheet],
             progress: Callable[[Progress], Any] | None) -> ParsedSheet:
    for event in events:
        if isinstance(event, ParsedSheet):
            return event
        if progress is not None:
            progress(event)
    raise AssertionError("parse_table ends with its result")  # pragma: no cover


# -- customers


def open_customer_table(source: str | Path | Workbook, *, sheet: str | None = None,
                        mapping: dict[Any, str] | None = None, header_row: int | None = None,
                        limits: Limits = DEFAULT_LIMITS) -> Table:
    return open_table(source, kind=CUSTOMERS, sheet=sheet, mapping=mapping,
                      header_row=header_row, limits=limits)


def iter_customer_rows(source: str | Path | Workbook | Table, *, sheet: str | None = None,
                       mapping: dict[Any, str] | None = None, header_row: int | None = None,
                       cancel: Any = None) -> Iterator[RowResult]:
    table = source if isinstance(source, Table) else open_customer_table(
        source, sheet=sheet, mapping=mapping, header_row=header_row)
    return iter_rows(table, cancel=cancel)


def parse_customers(source: str | Path | Workbook, *, sheet: str | None = None,
                    mapping: dict[Any, str] | None = None, header_row: int | None = None,
                    cancel: Any = None, every: int = 1000) -> Iterator[Progress | ParsedSheet]:
    """The house pattern for long work: ``Progress`` events, then the ``ParsedSheet``."""
    table = open_customer_table(source, sheet=sheet, mapping=mapping, header_row=header_row)
    return parse_table(table, cancel=cancel, every=every)


def read_customers(source: str | Path | Workbook, *, sheet: str | None = None,
                   mapping: dict[Any, str] | None = None, header_row: int | None = None,
                   cancel: Any = None, progress: Callable[[Progress], Any] | None = None
                   ) -> ParsedSheet:
    """Every candidate customer of the file and every problem found, nothing written."""
    return _collect(parse_customers(source, sheet=sheet, mapping=mapping,
                                    header_row=header_row, cancel=cancel), progress)


# -- visits


def open_visit_table(source: str | Path | Workbook, *, sheet: str | None = None,
                     mapping: dict[Any, str] | None = None, header_row: int | None = None,
                     limits: Limits = DEFAULT_LIMITS) -> Table:
    return open_table(source, kind=VISITS, sheet=sheet, mapping=mapping,
                      header_row=header_row, limits=limits)


def iter_visit_rows(source: str | Path | Workbook | Table, *, sheet: str | None = None,
                    mapping: dict[Any, str] | None = None, header_row: int | None = None,
                    cancel: Any = None) -> Iterator[RowResult]:
    table = source if isinstance(source, Table) else open_visit_table(
        source, sheet=sheet, mapping=mapping, header_row=header_row)
    return iter_rows(table, cancel=cancel)


def parse_visits(source: str | Path | Workbook, *, sheet: str | None = None,
                 mapping: dict[Any, str] | None = None, header_row: int | None = None,
                 cancel: Any = None, every: int = 1000) -> Iterator[Progress | ParsedSheet]:
    table = open_visit_table(source, sheet=sheet, mapping=mapping, header_row=header_row)
    return parse_table(table, cancel=cancel, every=every)


def read_visits(source: str | Path | Workbook, *, sheet: str | None = None,
                mapping: dict[Any, str] | None = None, header_row: int | None = None,
                cancel: Any = None, progress: Callable[[Progress], Any] | None = None
                ) -> ParsedVisits:
    """Every candidate visit of the file and every problem found, nothing written."""
    return _collect(parse_visits(source, sheet=sheet, mapping=mapping,
                                 header_row=header_row, cancel=cancel), progress)

__all__ = [
    "ERROR", "PAYMENT_WORDS", "WARNING", "CustomerConverter", "CustomerRow", "ParsedSheet",
    "ParsedVisits", "Progress", "RowIssue", "RowResult", "VisitConverter", "VisitRow",
    "cell_text", "iter_customer_rows", "iter_rows", "iter_visit_rows", "open_customer_table",
    "open_table", "open_visit_table", "parse_customers", "parse_table", "parse_visits",
    "read_customers", "read_visits",
]

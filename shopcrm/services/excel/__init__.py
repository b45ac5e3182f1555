"""Reading an owner's spreadsheet into clean candidate rows, without touching the database.

- ``reader``: file formats -> sheets of raw rows (xlsx/xlsm/xls/ods via python-calamine,
  CSV in UTF-8/UTF-16/Windows-1256), with guards against corrupt, encrypted and
  zip-bomb files.
- ``table``: the header row, the data rows, title/blank/repeated-header/totals rows.
- ``columns``: Persian and English headers -> fields; manual mappings; header signatures;
  headers that only resemble a field (محله) offered, never mapped by themselves.
- ``rows``: values -> ``CustomerRow``/``VisitRow`` plus ``RowIssue``s, with progress
  (``row_types``, ``row_cells``, ``row_convert`` hold its parts).

The database half: ``importer`` (the door: ``import_customers``, ``import_visits``; its
parts ``import_report``, ``import_source``, ``import_plan``, ``import_apply``,
``visit_import``, ``import_writer``, ``import_batches``, ``import_mappings``), and the
way out, ``exporter`` and ``export_selection``.

Typical use::

    parsed = read_customers("customers.xlsx")            # or parse_customers(...) for progress
    parsed.rows        # [CustomerRow(row_number=3, name=..., mobile="0912...")]
    parsed.issues      # [RowIssue(row=7, column="موبایل", code="bad_mobile", ...)]
"""

from shopcrm.services.excel.columns import (
    CUSTOMER_FIELDS,
    CUSTOMERS,
    IGNORE,
    VISIT_FIELDS,
    VISITS,
    ColumnMapping,
    build_mapping,
    header_key,
    headers_signature,
    match_header,
    parse_mapping_arg,
)
from shopcrm.services.excel.reader import DEFAULT_LIMITS, Limits, Workbook, open_workbook
from shopcrm.services.excel.rows import (
    CustomerRow,
    ParsedSheet,
    ParsedVisits,
    Progress,
    RowIssue,
    RowResult,
    VisitRow,
    iter_customer_rows,
    iter_rows,
    iter_visit_rows,
    open_customer_table,
    open_visit_table,
    parse_customers,
    parse_table,
    parse_visits,
    read_customers,
    read_visits,
)
from shopcrm.services.excel.table import SkippedRow, Table, build_table

__all__ = [
    "CUSTOMERS", "CUSTOMER_FIELDS", "DEFAULT_LIMITS", "IGNORE", "VISITS", "VISIT_FIELDS",
    "ColumnMapping", "CustomerRow", "Limits", "ParsedSheet", "ParsedVisits", "Progress",
    "RowIssue", "RowResult", "SkippedRow", "Table", "VisitRow", "Workbook", "build_mapping",
    "build_table", "header_key", "headers_signature", "iter_customer_rows", "iter_rows",
    "iter_visit_rows", "match_header", "open_customer_table", "open_visit_table",
    "open_workbook", "parse_customers", "parse_mapping_arg", "parse_table", "parse_visits",
    "read_customers", "read_visits",
]

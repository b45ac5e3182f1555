"""The file side of an import: the table to import, its rows read with progress, the
product's own informational columns, and the copy of the rows not imported (the errors
file)."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, select

from shopcrm.domain.dates import utc_now
from shopcrm.domain.money import parse_money
from shopcrm.domain.text import clean_text, search_key
from shopcrm.error_text import describe
from shopcrm.errors import InvalidInput
from shopcrm.services.excel import (
    CUSTOMERS,
    ParsedSheet,
    Table,
    Workbook,
    build_table,
    header_key,
    headers_signature,
    parse_table,
)
from shopcrm.services.excel.columns import header_text
from shopcrm.services.excel.import_report import (
    Cancel,
    ImportProgress,
    ImportReport,
    RowOutcome,
)
from shopcrm.services.excel.rows import sheet_rows
from shopcrm.services.excel.table import HEADER_SCAN_ROWS, with_file_notices
from shopcrm.storage.db import Database
from shopcrm.storage.models import (
    ImportBatch,
)

if TYPE_CHECKING:
    from shopcrm.config import SettingsView

# ---------------------------------------------------------------------------- the file


# Columns this product writes for information only (exports, the errors file): left out.
_OWN_IGNORED = frozenset(header_key(h) for h in (
    "شناسه", "id", "ردیف در فایل اصلی", "row in the original file", "original row",
    "دلیل خطا", "دلیل", "reason", "problem",
    "تاریخ تولد (میلادی)", "birthday (gregorian)", "آخرین مراجعه (میلادی)",
    "last visit (gregorian)", "تاریخ (میلادی)", "date (gregorian)",
    "total spent", "جمع خرید", "مراجعه در دفتر",
    "visits in the book", "اولین مراجعه", "first visit", "تاریخ ثبت", "added on",
    "منبع", "source"))
# This product's spending column (an export's, its unit in the header): read into
# ``prior_spent``, so a list brought back keeps each customer's total. Without a unit
# (above) the amount could be in either currency: left out.
_OWN_SPENT = {header_key(h): unit for h, unit in (
    ("جمع خرید (تومان)", "toman"), ("spent (tomans)", "toman"),
    ("جمع خرید (ریال)", "rial"), ("spent (rials)", "rial"))}
_OWN_OPT_OUT = {header_key(h): f for h, f in (
    ("انصراف از پیامک", "sms_opt_out"), ("sms opt-out", "sms_opt_out"),
    ("no sms", "sms_opt_out"), ("انصراف از ایمیل", "email_opt_out"),
    ("email opt-out", "email_opt_out"), ("no email", "email_opt_out"))}
_YES = frozenset(search_key(w) for w in ("بله", "بلی", "آره", "yes", "y", "true", "1", "x",
                                          "✓", "✔"))


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def open_import_table(db: Database | None, source: str | Path | Workbook, kind: str = CUSTOMERS,
                      *, sheet: str | None = None, mapping: dict[Any, str] | None = None,
                      header_row: int | None = None) -> tuple[Table, str]:
    """The table to import and where its mapping came from (auto|manual|remembered).

    Without a manual ``mapping``, a mapping remembered for the same headers (see
    ``import_mappings``) is used when ``db`` is given.
    """
    from shopcrm.services.excel.import_mappings import list_mappings
    workbook, sheet, rows = sheet_rows(source, kind=kind, sheet=sheet)
    name = workbook.file_name
    if mapping:
        return with_file_notices(build_table(
            rows, file=name, sheet=sheet, kind=kind, header_row=header_row, manual=mapping),
            workbook), "manual"
    remembered = {m.signature: m.mapping for m in list_mappings(db) if m.kind == kind} \
        if db is not None else {}
    if remembered:
        # The header row whose headers were mapped by hand before (wherever it is).
        scan = [header_row - 1] if header_row else range(min(len(rows), HEADER_SCAN_ROWS))
        for index in scan:
            texts = [header_text(c) for c in rows[index]] if 0 <= index < len(rows) else []
            found = remembered.get(headers_signature(texts)) if any(texts) else None
            if found:
                try:
                    return with_file_notices(build_table(
                        rows, file=name, sheet=sheet, kind=kind, header_row=index + 1,
                        manual=found), workbook), "remembered"
                except InvalidInput:
                    break  # the file no longer fits the remembered mapping
    return with_file_notices(build_table(rows, file=name, sheet=sheet, kind=kind,
                                         header_row=header_row), workbook), "auto"


def _read(table: Table, cancel: Cancel, every: int
          ) -> Generator[ImportProgress, None, ParsedSheet]:
    """Check every row of the table (progress, stage "read"); returns the parsed sheet
    (``parsed = yield from _read(...)``)."""
    parsed: ParsedSheet | None = None
    for event in parse_table(table, cancel=cancel, every=every):
        if isinstance(event, ParsedSheet):
            parsed = event
        else:
            yield ImportProgress(event.done, event.total, "read")
    assert parsed is not None
    return parsed


def _base_report(kind: str, parsed: ParsedSheet, table: Table, mapping_source: str,
                 file_hash: str, policy: str, dry_run: bool) -> ImportReport:
    return ImportReport(
        kind=kind, file=parsed.file, file_hash=file_hash, sheet=parsed.sheet,
        header_row=parsed.header_row, headers=list(parsed.headers),
        mapping=parsed.mapping.as_dict(), mapping_source=mapping_source,
        signature=parsed.signature, policy=policy, dry_run=dry_run,
        total_rows=parsed.total_rows, outcomes=[], issues=list(parsed.issues),
        left_out=[{"row": s.row, "reason": s.reason} for s in parsed.skipped],
        notices=list(parsed.notices), started_at=utc_now())


def _error_outcomes(parsed: ParsedSheet, table: Table) -> list[RowOutcome]:
    """One ``error`` outcome per data row that gave no candidate."""
    good = {r.row_number for r in parsed.rows}
    first_error: dict[int, str] = {}
    for issue in parsed.issues:
        if issue.severity == "error":
            first_error.setdefault(issue.row, issue.code)
    out = []
    for index in table.data_indexes:
        number = index + 1
        if number not in good:
            out.append(RowOutcome(number, "error", reason=first_error.get(number,
                                                                            "row_no_identity")))
    return out


_LABEL_KEYS: dict[str, str] = {}


def _extras(extra: dict[str, str], values: dict[str, Any]) -> list[str]:
    """Consume the product's own columns from ``extra`` (opt-outs and the spending
    column into ``values``); the rest become note lines."""
    lines = []
    for label, text in extra.items():
        key = _LABEL_KEYS.get(label)
        if key is None:
            key = header_key(label)
            if len(_LABEL_KEYS) < 10_000:
                _LABEL_KEYS[label] = key
        if key in _OWN_IGNORED:
            continue
        unit = _OWN_SPENT.get(key)
        if unit is not None:
            try:
                values["prior_spent"] = parse_money(text, unit) or 0
                continue
            except InvalidInput:
                pass  # unreadable: kept in the notes like any other column
        opt = _OWN_OPT_OUT.get(key)
        if opt is not None:
            if search_key(text) in _YES:
                values[opt] = True
            continue
        lines.append(f"{clean_text(label).rstrip(':： ')}: {text}")
    return lines


def _same_file(conn: Connection, file_hash: str) -> list[int]:
    return list(conn.scalars(select(ImportBatch.id).where(
        ImportBatch.file_hash == file_hash, ImportBatch.undone_at.is_(None))
        .order_by(ImportBatch.id)))


def _backup(db: Database, settings: SettingsView | None, reason: str) -> str | None:
    from shopcrm.services.backup.backups import backup_before

    info = backup_before(db, settings, reason)
    return str(info.path) if info is not None else None


# ---------------------------------------------------------------------------- errors file


def error_rows(report: ImportReport, table: Table | None = None) -> list[int]:
    """Rows to fix and import again: errors, and skips other than duplicates."""
    return [o.row for o in report.outcomes
            if o.action == "error" or (o.action == "skip" and o.reason not in (
                "import_skip_duplicate", "import_skip_duplicate_in_file",
                "visit_import_duplicate"))]


def reasons_by_row(report: ImportReport, lang: str = "fa") -> dict[int, str]:
    """Row -> the words of why it was not imported (every error issue, or the outcome)."""
    out: dict[int, list[str]] = defaultdict(list)
    for issue in report.errors:
        label = f"{issue.column}: " if issue.column else ""
        out[issue.row].append(label + describe(issue, lang))
    for o in report.outcomes:
        if o.action == "skip" and o.row not in out:
            out[o.row].append(o.message(lang))
    return {row: " | ".join(texts) for row, texts in out.items()}


def _errors_file(report: ImportReport, table: Table, path: str | Path | None,
                 lang: str) -> None:
    if path is not None:
        report.errors_file_rows = write_errors_file(report, table, path, lang)
        report.errors_file = str(path)


def write_errors_file(report: ImportReport, table: Table, path: str | Path,
                      lang: str = "fa") -> int:
    """Write the rows that were not imported, as they were in the file, with a reason
    column, to the .xlsx ``path``; the number of rows written."""
    from shopcrm.services.excel.exporter import write_rows_copy

    rows = error_rows(report, table)
    reasons = reasons_by_row(report, lang)
    return write_rows_copy(path, table.mapping.headers, [(r, table.rows[r - 1]) for r in rows],
                           reasons, lang=lang, sheet=table.sheet)

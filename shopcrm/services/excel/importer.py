"""Importing an owner's workbook into the book: plan (dry run), apply, batches and undo.

``shopcrm.services.excel`` turns a file into typed candidate rows and row issues without a
database; this module is the database half.

Customers (``import_customers``)
    Every data row gets one outcome (``RowOutcome.action``):

    ``insert``     a new customer;
    ``update``     the row matched a customer of the book and changed it (policy fill or
                   overwrite);
    ``unchanged``  it matched a customer of the book and had nothing new;
    ``merge``      it repeats an earlier row of the file and was merged into it: its
                   non-empty values fill what the earlier row left empty, under every
                   policy (a later, fuller row is never dropped for an earlier one);
    ``skip``       not imported: a customer of the book under the policy ``skip``, or the
                   customer with that mobile is in the trash (restore them first);
    ``error``      not imported: the row has an error (neither a name nor a usable mobile).

    Duplicates are found within the file and against the book **by mobile, then by email**
    (an email match only when the row or the customer has no mobile: two different mobiles
    are two people sharing an address), and, for rows with neither a mobile nor an email, by
    the same name among the customers that have neither (so importing the same list twice
    adds nothing). The policy (``on_duplicate``):

    ``skip``       (default) leave the customer as it is;
    ``fill``       fill only the customer's empty fields;
    ``overwrite``  replace fields with the file's values; an empty cell never erases.
    (The policy is about customers already in the book; rows of one file that repeat each
    other are always merged, the later filling the earlier's empty fields.)

    How the file was read goes in ``ImportReport.notices``: a CSV text file named .xlsx
    (read as CSV), a column whose header only resembles a field (محله: offered for the
    city, its values kept in the notes, never mapped without the owner).

    Under every policy tags are added (never removed), an opt-out in the file is kept
    (an import never opts anyone back in), a mobile is never replaced by another one, and
    the raw text of an unreadable mobile is kept only while there is no mobile.

    A row with a mobile but no name is imported with the mobile as its name (the phase-one
    warning ``row_name_missing`` says so), and a later row with a name fills it in. A row with
    a name and an unreadable mobile is imported with the text kept in ``mobile_raw``.
    Columns no field claims are kept in the notes as lines "header: value"; the columns this
    product writes itself for information (ids, Gregorian twins of Jalali dates, totals, the
    reason column of an errors file) are left out, and its opt-out columns are read.

    An old list's history: "last visit" becomes one visit on that date (source ``import``,
    at noon Tehran time), "number of visits" becomes ``prior_visits`` = count - 1 (the
    imported last visit is one of them; no date is invented). A customer already in the
    book gets the visit only when it has none on that day, and its ``prior_visits`` is the
    count less the dated visits the book has up to that last visit (so an old list does not
    count twice what the book already holds).

    Columns: recognised by ``shopcrm.services.excel`` or mapped by hand (``mapping``, the
    CLI's ``--map``); a hand mapping is remembered for the next file with the same headers
    (``import_mappings``: setting ``import.mapping.<signature>``), found wherever that
    header row is. The rows not imported can be written to an .xlsx copy with a reason
    column (``errors_path``) to fix and import again.

Visits (``import_visits``)
    A sheet of visits attaches to customers by mobile, or by name when exactly one customer
    has it (rows with no usable mobile only); with ``create_customers`` a customer is created
    for a mobile (or name) not in the book, else the row is skipped. A visit already in the
    book (same customer, same minute) is skipped, so importing a file twice adds nothing.
    The visits take the place of a customer list's summary (``list_summary``): the first
    visit on the day of the list's placeholder "last visit" replaces it, and the visits up
    to that day lower ``prior_visits`` and ``prior_spent`` (never below 0), so importing
    the customer list and the visit list, in either order, counts each visit once.

Atomic batches
    Reading and checking happen first (no transaction); then one transaction plans against
    the book as it is (the write lock is held on SQLite), writes everything, records an
    ``ImportBatch`` (file name, sha256, sheet, counts, JSON report) and one ``ImportChange``
    per customer inserted or updated (the fields as they were, the version after), and
    commits. A failure, a cancel (checked between chunks) or a kill leaves the book as it
    was. Summaries are computed in Python (inserts) or refreshed in the same transaction.

    ``dry_run=True`` runs the same plan in a read-only transaction and writes nothing.

Undo (``undo_import``)
    Removes the customers and visits the batch inserted and restores the fields it changed,
    unless those customers were edited since (their version moved on), got visits or
    contact-log entries of their own, or went to the trash: then nothing changes and the
    result lists them (``UndoResult.conflicts``); ``force=True`` undoes anyway.

Long work follows the house pattern: the functions yield ``ImportProgress`` and finally the
``ImportReport`` (or use ``run_to_end``).

This module is the door: ``import_customers`` and the names callers use. The parts, by
what they do: ``import_report`` (outcomes and the report), ``import_source`` (the table
to import, reading it, the errors file), ``import_plan`` (customers matched and merged
against the book), ``import_apply`` (the plan written, the batch recorded),
``visit_import`` (``import_visits``), ``import_writer`` (bulk writes), ``import_batches``
(the batch list and undo). To replace a step in a test, patch it in the module that calls
it (``import_apply._apply_updates``; ``importer._finish_batch`` for ``import_customers``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from shopcrm.errors import InvalidInput
from shopcrm.longwork import check_cancel
from shopcrm.services.excel import CUSTOMERS
from shopcrm.services.excel.import_apply import (
    _finish_plan,
    _write_customers,
    apply_plan,
)
from shopcrm.services.excel.import_batches import (
    BatchView,
    UndoConflict,
    UndoResult,
    get_batch,
    list_batches,
    undo_import,
)
from shopcrm.services.excel.import_plan import _Book, _CustomerPlan, _prepare, plan_customers
from shopcrm.services.excel.import_report import (
    ACTIONS,
    CHUNK,
    POLICIES,
    Cancel,
    ImportProgress,
    ImportReport,
    RowOutcome,
    issue_dict,
    run_to_end,
)
from shopcrm.services.excel.import_source import (
    _base_report,
    _error_outcomes,
    _read,
    error_rows,
    file_sha256,
    open_import_table,
    reasons_by_row,
    write_errors_file,
)
from shopcrm.services.excel.import_writer import refresh_summaries
from shopcrm.services.excel.visit_import import import_visits
from shopcrm.storage.db import Database

if TYPE_CHECKING:
    from shopcrm.config import SettingsView


def import_customers(db: Database, source: str | Path, *, sheet: str | None = None,
                     mapping: dict[Any, str] | None = None, header_row: int | None = None,
                     on_duplicate: str = "skip", dry_run: bool = False,
                     settings: SettingsView | None = None,
                     cancel: Cancel = None, backup: bool = True, remember: bool = True,
                     errors_path: str | Path | None = None, lang: str = "fa",
                     every: int = CHUNK) -> Iterator[ImportProgress | ImportReport]:
    """Import a customer list; yields ``ImportProgress`` and finally the ``ImportReport``.

    ``mapping`` maps header texts (or 0-based column numbers) to fields, as ``--map`` does;
    without it a mapping remembered for the same headers is used. A manual or remembered
    mapping is remembered again when the import is applied (``remember``).
    ``backup`` takes ``backup_before(db, settings, "import")`` first (SQLite books).
    ``errors_path`` (.xlsx) receives the rows not imported, with a reason column in
    ``lang``; it is written before the import commits (a failure to write it changes
    nothing), and in a dry run too.
    """
    if on_duplicate not in POLICIES:
        raise InvalidInput("import_bad_policy", policy=on_duplicate, valid=", ".join(POLICIES))
    table, mapping_source = open_import_table(db, source, CUSTOMERS, sheet=sheet,
                                              mapping=mapping, header_row=header_row)
    file_hash = file_sha256(source)
    parsed = yield from _read(table, cancel, every)
    report = _base_report(CUSTOMERS, parsed, table, mapping_source, file_hash, on_duplicate,
                          dry_run)
    candidates, report.extra_columns = _prepare(parsed.rows)
    errors = _error_outcomes(parsed, table)
    check_cancel(cancel)

    def plan(conn: Connection) -> _CustomerPlan:
        return plan_customers(candidates, _Book.load(conn, candidates), on_duplicate,
                              report.started_at)

    def write(conn: Connection, planned: _CustomerPlan) -> Iterator[ImportProgress]:
        assert report.batch_id is not None
        return _write_customers(conn, planned, report, report.batch_id, cancel, every)

    yield from apply_plan(db, report, table, errors, plan=plan, finish=_finish_plan,
                          write=write, dry_run=dry_run, backup=backup, settings=settings,
                          remember=remember, errors_path=errors_path, lang=lang)


__all__ = [
    "ACTIONS",
    "POLICIES",
    "BatchView",
    "ImportProgress",
    "ImportReport",
    "RowOutcome",
    "UndoConflict",
    "UndoResult",
    "error_rows",
    "file_sha256",
    "get_batch",
    "import_customers",
    "import_visits",
    "issue_dict",
    "list_batches",
    "open_import_table",
    "reasons_by_row",
    "refresh_summaries",
    "run_to_end",
    "undo_import",
    "write_errors_file",
]

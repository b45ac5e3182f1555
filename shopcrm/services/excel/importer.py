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

The bulk writes live in ``import_writer``, the batch list and undo in ``import_batches``
(both re-exported here).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, select, update

from shopcrm.domain.dates import local_date_of, local_to_utc, utc_now
from shopcrm.domain.text import clean_text, search_key
from shopcrm.error_text import describe
from shopcrm.errors import Conflict, InvalidInput
from shopcrm.longwork import Cancel, check_cancel
from shopcrm.longwork import run_to_end as run_to_end  # the kit's, for older imports
from shopcrm.services.customers.fields import TEXT_LIMITS, build_search_text
from shopcrm.services.excel import (
    CUSTOMERS,
    VISITS,
    CustomerRow,
    ParsedSheet,
    Progress,
    RowIssue,
    Table,
    VisitRow,
    Workbook,
    build_table,
    header_key,
    headers_signature,
    open_workbook,
    parse_table,
)
from shopcrm.services.excel.columns import header_text
from shopcrm.services.excel.import_batches import (
    BatchView,
    UndoConflict,
    UndoResult,
    get_batch,
    list_batches,
    undo_import,
)
from shopcrm.services.excel.import_writer import (
    BulkWriter,
    chunks,
    refresh_summaries,
)
from shopcrm.services.excel.table import HEADER_SCAN_ROWS, FileNotice, with_file_notices
from shopcrm.storage.db import Database
from shopcrm.storage.fts import FtsPaused
from shopcrm.storage.models import (
    Customer,
    ImportBatch,
    Tag,
    Visit,
    customer_tag,
)

POLICIES = ("skip", "fill", "overwrite")
ACTIONS = ("insert", "update", "unchanged", "merge", "skip", "error")
CHUNK = 2000
REPORT_LIMIT = 5000  # entries of each list kept in the stored JSON report
IMPORTED_VISIT_TIME = time(12, 0)  # an imported "last visit" has a date only

ImportProgress = Progress  # rows in ``stage``: "read" (checking the file), then "write"


# ---------------------------------------------------------------------------- outcomes


@dataclass(slots=True)
class RowOutcome:
    """What the import does (or would do) with one data row of the sheet."""

    row: int
    action: str  # insert|update|unchanged|merge|skip|error
    customer_id: int | None = None  # None for an insert in a dry run
    name: str = ""
    mobile: str | None = None
    matched_by: str | None = None  # mobile|email|name
    into_row: int | None = None  # merge/duplicate in the file: the row it repeats
    reason: str | None = None  # a code with words in error_text
    fields: Sequence[str] = ()  # fields set (update/merge)
    visit: date | None = None  # the visit date added (customers: the last visit)

    def data(self) -> dict[str, Any]:
        return {"row": self.row, "id": self.customer_id if self.customer_id else "-",
                "by": self.matched_by or "", "first_row": self.into_row or "",
                "fields": ", ".join(self.fields), "name": self.name}

    def message(self, lang: str = "en") -> str:
        code = self.reason or {"insert": "import_inserted", "update": "import_updated",
                               "unchanged": "import_unchanged", "merge": "import_merged",
                               }.get(self.action, "import_skipped")
        data = self.data()
        if lang == "fa":  # the owner's words for "mobile", "city, address"
            from shopcrm.domain.text import to_persian_digits
            from shopcrm.services.excel.field_words import field_list, field_word

            data.update(by=field_word(self.matched_by, lang) if self.matched_by else "",
                        fields=field_list(self.fields, lang),
                        id=to_persian_digits(str(data["id"])),
                        first_row=to_persian_digits(str(data["first_row"])))
        return describe(InvalidInput(code, **data), lang)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"row": self.row, "action": self.action}
        for key in ("customer_id", "matched_by", "into_row", "reason", "visit"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value.isoformat() if isinstance(value, date) else value
        if self.fields:
            out["fields"] = list(self.fields)
        out["name"] = self.name
        out["mobile"] = self.mobile
        return out


def issue_dict(issue: RowIssue, lang: str = "en") -> dict[str, Any]:
    """``{row, column, value, message, code, severity}`` of a row issue."""
    return {"row": issue.row, "column": issue.column, "value": issue.value,
            "message": describe(issue, lang), "code": issue.code, "severity": issue.severity}


@dataclass
class ImportReport:
    """Everything an import did (or, in a dry run, would do)."""

    kind: str  # customers|visits
    file: str
    file_hash: str
    sheet: str
    header_row: int | None
    headers: list[str]
    mapping: dict[str, str]
    mapping_source: str  # auto|manual|remembered
    signature: str
    policy: str
    dry_run: bool
    total_rows: int
    outcomes: list[RowOutcome]
    issues: list[RowIssue]
    left_out: list[dict[str, Any]]  # repeated header and totals rows
    notices: list[FileNotice] = field(default_factory=list)  # how the file was read
    batch_id: int | None = None
    inserted: int = 0  # customers (customers import) or visits (visits import)
    updated: int = 0  # customers changed
    customers_created: int = 0  # visits import with create_customers
    visits_inserted: int = 0
    tags_created: list[str] = field(default_factory=list)
    extra_columns: list[str] = field(default_factory=list)  # kept in the notes
    same_file_batches: list[int] = field(default_factory=list)  # earlier imports of it
    backup: str | None = None
    errors_file: str | None = None
    errors_file_rows: int = 0
    started_at: datetime | None = None
    finished_at: datetime | None = None

    def count(self, action: str) -> int:
        return sum(1 for o in self.outcomes if o.action == action)

    @property
    def merged(self) -> int:
        return self.count("merge")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")

    @property
    def skipped(self) -> int:
        """Rows that changed nothing: duplicates left alone, unchanged, in the trash."""
        return self.count("skip") + self.count("unchanged")

    @property
    def error_rows(self) -> int:
        return self.count("error")

    @property
    def errors(self) -> list[RowIssue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[RowIssue]:
        return [i for i in self.issues if i.severity != "error"]

    @property
    def merges(self) -> list[RowOutcome]:
        """Rows that matched a customer of the book or an earlier row of the file."""
        return [o for o in self.outcomes if o.matched_by]

    def counts(self) -> dict[str, int]:
        return {"rows": self.total_rows, "inserted": self.inserted, "updated": self.updated,
                "merged": self.merged, "unchanged": self.unchanged, "skipped": self.skipped,
                "errors": self.error_rows, "warnings": len(self.warnings),
                "visits_inserted": self.visits_inserted,
                "customers_created": self.customers_created}

    def as_dict(self, lang: str = "en", *, limit: int | None = None) -> dict[str, Any]:
        """The JSON document (``limit`` caps each list, for the stored report)."""

        def cap(items: list[Any]) -> list[Any]:
            return items if limit is None else items[:limit]

        rows = self.outcomes if limit is None else [o for o in self.outcomes
                                                    if o.action != "insert"]
        counts: dict[str, Any] = self.counts()
        counts["error_rows"] = counts.pop("errors")
        data: dict[str, Any] = {
            "kind": self.kind, "file": self.file, "file_hash": self.file_hash,
            "sheet": self.sheet, "header_row": self.header_row, "dry_run": self.dry_run,
            "notices": [n.as_dict(lang) for n in self.notices],
            "batch": self.batch_id, "policy": self.policy, "mapping": self.mapping,
            "mapping_source": self.mapping_source, "signature": self.signature,
            **counts,
            "errors": cap([issue_dict(i, lang) for i in self.errors]),
            "warnings": cap([issue_dict(i, lang) for i in self.warnings]),
            "merges": cap([o.as_dict() for o in self.merges]),
            "left_out": self.left_out, "tags_created": self.tags_created,
            "extra_columns": self.extra_columns, "same_file_batches": self.same_file_batches,
            "backup": self.backup, "errors_file": self.errors_file,
            "errors_file_rows": self.errors_file_rows, "started_at": self.started_at,
            "finished_at": self.finished_at,
            "outcomes": cap([o.as_dict() for o in rows]),
        }
        if limit is not None:
            data["truncated"] = any(len(x) > limit for x in (
                self.errors, self.warnings, self.merges, rows))
        return data


# ---------------------------------------------------------------------------- the file


# Columns this product writes for information only (exports, the errors file): left out.
_OWN_IGNORED = frozenset(header_key(h) for h in (
    "شناسه", "id", "ردیف در فایل اصلی", "row in the original file", "original row",
    "دلیل خطا", "دلیل", "reason", "problem",
    "تاریخ تولد (میلادی)", "birthday (gregorian)", "آخرین مراجعه (میلادی)",
    "last visit (gregorian)", "تاریخ (میلادی)", "date (gregorian)",
    "جمع خرید (ریال)", "spent (rials)", "total spent", "جمع خرید", "مراجعه در دفتر",
    "جمع خرید (تومان)", "spent (tomans)",
    "visits in the book", "اولین مراجعه", "first visit", "تاریخ ثبت", "added on",
    "منبع", "source"))
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

    workbook = source if isinstance(source, Workbook) else open_workbook(source)
    try:
        if sheet is None:
            sheet = (workbook.guess_customer_sheet() if kind == CUSTOMERS
                     else workbook.guess_visits_sheet())
        rows = workbook.read_sheet(sheet)
    finally:
        if not isinstance(source, Workbook):
            workbook.close()
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
          ) -> Iterator[ImportProgress | ParsedSheet]:
    for event in parse_table(table, cancel=cancel, every=every):
        if isinstance(event, ParsedSheet):
            yield event
        else:
            yield ImportProgress(event.done, event.total, "read")


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
    """Consume the product's own columns from ``extra``; the rest become note lines."""
    lines = []
    for label, text in extra.items():
        key = _LABEL_KEYS.get(label)
        if key is None:
            key = header_key(label)
            if len(_LABEL_KEYS) < 10_000:
                _LABEL_KEYS[label] = key
        if key in _OWN_IGNORED:
            continue
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


def _backup(db: Database, settings: Any, reason: str) -> str | None:
    try:
        from shopcrm.services.backup.backups import backup_before
    except ImportError:  # pragma: no cover - the backup area not built
        return None
    info = backup_before(db, settings, reason)
    return str(info.path) if info is not None else None


# ---------------------------------------------------------------------------- customers: plan

_TEXT_FIELDS = ("name", "mobile", "mobile_raw", "phone2", "email", "birthday", "gender",
                "city", "address", "referral", "notes")
_SEARCH_FIELDS = frozenset({"name", "mobile", "phone2", "email", "notes", "mobile_raw"})
_FLAG_FIELDS = ("sms_opt_out", "email_opt_out")
_LOADED = (Customer.id, Customer.version, Customer.deleted_at, *(
    getattr(Customer, f) for f in (*_TEXT_FIELDS, "vip", "prior_visits", *_FLAG_FIELDS,
                                   "sms_opt_out_at", "email_opt_out_at")))


class _Candidate:
    """A candidate row prepared for matching: its values in the book's terms."""

    __slots__ = ("count", "email", "last_visit", "mobile", "name_key", "name_missing", "prior",
                 "row", "tags", "values", "vip")

    def __init__(self, r: CustomerRow, extra_lines: list[str], values: dict[str, Any]) -> None:
        self.row = r.row_number
        self.mobile = r.mobile
        self.email = r.email
        self.name_missing = not r.name
        name = r.name or r.mobile or ""
        notes = r.notes
        if extra_lines:
            joined = "\n".join(extra_lines)
            notes = f"{notes}\n{joined}" if notes else joined
            notes = notes[:TEXT_LIMITS["notes"]]
        values.update(name=name, mobile=r.mobile, mobile_raw=r.mobile_raw if not r.mobile
                      else None, phone2=r.phone2, email=r.email, birthday=r.birthday,
                      gender=r.gender, city=r.city, address=r.address, referral=r.referral,
                      notes=notes)
        self.values = values
        # only rows with neither a mobile nor an email are matched by name
        self.name_key = search_key(name) if not r.mobile and not r.email else ""
        self.tags = r.tags
        self.vip = r.vip
        self.last_visit = r.last_visit
        count = self.count = r.visit_count
        self.prior = (max(count - 1, 0) if r.last_visit is not None else count) \
            if count is not None else None


_NOTHING: frozenset[Any] = frozenset()
_NO_FIELDS: tuple[str, ...] = ()
_NO_MAP: Any = MappingProxyType({})


class _Target:
    """A customer the plan writes to: one of the book, or a new one from the file."""

    __slots__ = ("before", "changed", "deleted", "id", "is_new", "name_missing",
                 "planned_visit", "row", "tag_keys", "tags_added", "values", "version",
                 "version_before", "visit_dates")

    def __init__(self, values: dict[str, Any], *, cid: int | None = None, version: int = 1,
                 deleted: bool = False, row: int | None = None) -> None:
        self.values = values
        self.id = cid
        self.version = version
        self.version_before = version
        self.deleted = deleted
        self.is_new = cid is None
        self.row = row
        self.name_missing = False
        # A hundred thousand new customers need none of these: made on first use.
        self.changed: set[str] = _NOTHING  # type: ignore[assignment]
        self.before: dict[str, Any] = _NO_MAP  # type: ignore[assignment]
        self.tag_keys: dict[str, str] = _NO_MAP  # type: ignore[assignment]  # key -> name
        self.tags_added: list[str] = _NOTHING  # type: ignore[assignment]
        self.planned_visit: date | None = None
        self.visit_dates: set[date] = _NOTHING  # type: ignore[assignment]

    def touch(self) -> None:
        """Ready to be merged into: its own containers instead of the shared empty ones."""
        if self.changed is _NOTHING:
            self.changed, self.tags_added, self.before = set(), [], {}
            self.tag_keys = dict(self.tag_keys)
            self.visit_dates = set(self.visit_dates)

    @property
    def has_contact(self) -> bool:
        return bool(self.values.get("mobile") or self.values.get("email"))


class _Book:
    """The book's customers as the plan needs them: keys, and full rows for matches."""

    def __init__(self) -> None:
        self.by_mobile: dict[str, _Target] = {}
        self.by_email: dict[str, list[_Target]] = defaultdict(list)
        self.by_name: dict[tuple[str, str], _Target] = {}
        self.loaded: dict[int, _Target] = {}

    @classmethod
    def load(cls, conn: Connection, candidates: list[_Candidate]) -> _Book:
        """Load the customers the candidates could match (by mobile, email or name)."""
        book = cls()
        mobiles = sorted({c.mobile for c in candidates if c.mobile})
        emails = sorted({c.email for c in candidates if c.email})
        names = sorted({c.name_key for c in candidates if not c.mobile and not c.email})
        ids: set[int] = set()
        size = int(conn.scalar(select(func.count()).select_from(Customer)) or 0)
        if not size:
            return book
        if len(mobiles) + len(emails) + len(names) > size // 4:
            # Many keys: one pass over the book's keys beats thousands of IN lookups.
            wanted = (set(mobiles), set(emails), set(names))
            for cid, mobile, email, key in conn.execute(select(
                    Customer.id, Customer.mobile, Customer.email, Customer.name_key)):
                if mobile in wanted[0] or email in wanted[1] or key in wanted[2]:
                    ids.add(cid)
        else:
            for column, keys in ((Customer.mobile, mobiles), (Customer.email, emails),
                                 (Customer.name_key, names)):
                for chunk in chunks(keys):
                    ids.update(conn.scalars(select(Customer.id).where(column.in_(chunk))))
        ordered = sorted(ids)
        for chunk in chunks(ordered):
            for r in conn.execute(select(*_LOADED).where(Customer.id.in_(chunk))):
                values = {f: getattr(r, f) for f in (*_TEXT_FIELDS, "vip", "prior_visits",
                                                     *_FLAG_FIELDS, "sms_opt_out_at",
                                                     "email_opt_out_at")}
                values["vip"] = bool(values["vip"])
                values["prior_visits"] = int(values["prior_visits"] or 0)
                book.loaded[r.id] = target = _Target(values, cid=r.id, version=r.version,
                                                     deleted=r.deleted_at is not None)
                target.touch()
            tags = conn.execute(select(customer_tag.c.customer_id, Tag.name)
                                .join(Tag, Tag.id == customer_tag.c.tag_id)
                                .where(customer_tag.c.customer_id.in_(chunk)))
            for cid, name in tags:
                book.loaded[cid].tag_keys[search_key(name)] = name
            visits = conn.execute(select(Visit.customer_id, Visit.at)
                                  .where(Visit.customer_id.in_(chunk)))
            for cid, at in visits:
                book.loaded[cid].visit_dates.add(local_date_of(at))
        for cid in ordered:
            t = book.loaded[cid]
            book.index(t)
        return book

    def index(self, t: _Target) -> None:
        mobile, email = t.values.get("mobile"), t.values.get("email")
        if mobile:
            self.by_mobile.setdefault(mobile, t)
        if t.deleted:
            return
        if email and t not in self.by_email[email]:
            self.by_email[email].append(t)
        if not mobile and not email:
            self.by_name.setdefault(
                (search_key(t.values["name"]), search_key(t.values.get("mobile_raw"))), t)

    def match(self, c: _Candidate) -> tuple[_Target | None, str | None]:
        if c.mobile:
            t = self.by_mobile.get(c.mobile)
            if t is not None:
                return t, "mobile"
        if c.email:
            same = self.by_email.get(c.email)
            if not same:
                return None, None
            found = [t for t in same if not (c.mobile and t.values.get("mobile"))]
            if len(found) > 1:
                key = search_key(c.values["name"])
                found = [t for t in found if search_key(t.values["name"]) == key]
            if len(found) == 1:
                return found[0], "email"
        if not c.mobile and not c.email:
            t = self.by_name.get((c.name_key, search_key(c.values.get("mobile_raw"))))
            if t is not None and not t.has_contact:
                return t, "name"
        return None, None


@dataclass
class _CustomerPlan:
    new: list[_Target]
    updated: list[_Target]
    outcomes: list[RowOutcome]
    tag_names: dict[str, str]  # search key -> name, every tag the plan links


def _set(t: _Target, fld: str, value: Any) -> None:
    if not t.is_new and fld not in t.before:
        t.before[fld] = t.values.get(fld)
    t.values[fld] = value
    t.changed.add(fld)


def _merge(t: _Target, c: _Candidate, policy: str, book: _Book, now: datetime) -> list[str]:
    """Apply ``c`` to ``t`` under ``policy``; the fields that changed."""
    t.touch()
    fields: list[str] = []
    values = t.values
    overwrite = policy == "overwrite"
    for fld in _TEXT_FIELDS:
        new = c.values[fld]
        if new is None or new == "":
            continue
        old = values.get(fld)
        if new == old:
            continue
        if fld == "name":
            if c.name_missing:
                continue
            placeholder = t.name_missing or old == values.get("mobile")
            if not (overwrite or placeholder or not old):
                continue
            t.name_missing = False
        elif fld == "mobile":
            if old or book.by_mobile.get(new, t) is not t:
                continue  # never replace a mobile; never take one another customer has
            book.by_mobile[new] = t
        elif fld == "mobile_raw":
            if values.get("mobile") or (old and not overwrite):
                continue
        elif fld == "email":
            if old and not overwrite:
                continue
            if not t.deleted and t not in book.by_email[new]:
                book.by_email[new].append(t)
        elif old not in (None, "") and not overwrite:
            continue
        _set(t, fld, new)
        fields.append(fld)
    if c.vip is True and not values.get("vip"):
        _set(t, "vip", True)
        fields.append("vip")
    elif c.vip is False and overwrite and values.get("vip"):
        _set(t, "vip", False)
        fields.append("vip")
    for flag in _FLAG_FIELDS:
        if c.values.get(flag) and not values.get(flag):
            _set(t, flag, True)
            _set(t, f"{flag}_at", now)
            fields.append(flag)
    added = []
    for tag in c.tags:
        key = search_key(tag)
        if key not in t.tag_keys:
            t.tag_keys[key] = tag
            t.tags_added.append(tag)
            added.append(tag)
    if added:
        t.changed.add("tags")
        fields.append("tags")
    day = c.last_visit
    if day is not None and day not in t.visit_dates and day != t.planned_visit and (
            t.planned_visit is None or overwrite):
        t.planned_visit = day
        t.changed.add("visit")
        fields.append("last_visit")
    prior = c.prior
    if c.count is not None and not t.is_new:
        # The list's count covers the visits the book already has up to its last visit.
        days = t.visit_dates | ({t.planned_visit} if t.planned_visit else set())
        dated = sum(1 for d in days if day is None or d <= day)
        prior = max(c.count - dated, 0)
    old_prior = values.get("prior_visits") or 0
    if prior is not None and prior != old_prior and (overwrite or not old_prior):
        _set(t, "prior_visits", prior)
        fields.append("prior_visits")
    return fields


def _new_target(c: _Candidate, now: datetime) -> _Target:
    values = c.values  # the candidate is done with them
    values["vip"] = bool(c.vip)
    values["prior_visits"] = c.prior or 0
    for flag in _FLAG_FIELDS:
        on = values[flag] = bool(values.get(flag))
        values[f"{flag}_at"] = now if on else None
    t = _Target(values, row=c.row)
    t.name_missing = c.name_missing
    if c.tags:
        t.tag_keys = {}
        for tag in c.tags:
            t.tag_keys.setdefault(search_key(tag), tag)
    t.planned_visit = c.last_visit
    return t


def _prepare(rows: list[CustomerRow]) -> tuple[list[_Candidate], list[str]]:
    """Candidates from the rows, and the extra columns kept in the notes."""
    out = []
    kept: dict[str, None] = {}
    for r in rows:
        values: dict[str, Any] = {}
        lines = _extras(r.extra, values) if r.extra else []
        for line in lines:
            kept.setdefault(line.split(":", 1)[0], None)
        out.append(_Candidate(r, lines, values))
    return out, list(kept)


def plan_customers(candidates: list[_Candidate], book: _Book, policy: str,
                   now: datetime | None = None) -> _CustomerPlan:
    """Decide every row's outcome against ``book`` (which the plan updates as it goes)."""
    now = now or utc_now()
    new: list[_Target] = []
    touched: dict[int, _Target] = {}
    outcomes: list[RowOutcome] = []
    for c in candidates:
        t, by = book.match(c)
        name, mobile = c.values["name"], c.mobile
        if t is None:
            t = _new_target(c, now)
            new.append(t)
            book.index(t)
            outcomes.append(RowOutcome(c.row, "insert", None, name, mobile, None, None, None,
                                       _NO_FIELDS, c.last_visit))
            continue
        if t.deleted:
            outcomes.append(RowOutcome(c.row, "skip", t.id, name, mobile, by,
                                       reason="import_skip_in_trash"))
            continue
        if policy == "skip" and not t.is_new:
            outcomes.append(RowOutcome(c.row, "skip", t.id, name, mobile, by, t.row,
                                       reason="import_skip_duplicate"))
            continue
        had_visit = t.planned_visit
        # A row repeating an earlier row of the file is merged into it whatever the policy
        # (which is about customers already in the book): its non-empty values fill what
        # the earlier row left empty, so a later, fuller row is never dropped.
        fields = _merge(t, c, "fill" if t.is_new else policy, book, now)
        visit = t.planned_visit if t.planned_visit != had_visit else None
        if t.is_new:
            outcomes.append(RowOutcome(c.row, "merge", None, name, mobile, by, t.row,
                                       fields=fields, visit=visit))
        elif fields:
            touched[t.id] = t  # type: ignore[index]
            outcomes.append(RowOutcome(c.row, "update", t.id, name, mobile, by,
                                       fields=fields, visit=visit))
        else:
            outcomes.append(RowOutcome(c.row, "unchanged", t.id, name, mobile, by))
    tag_names: dict[str, str] = {}
    for t in (*new, *touched.values()):
        for key, tag in t.tag_keys.items():
            tag_names.setdefault(key, tag)
    return _CustomerPlan(new, list(touched.values()), outcomes, tag_names)


# ---------------------------------------------------------------------------- customers: write

_Writer = BulkWriter  # the name the crash tests wrap


@lru_cache(maxsize=8192)
def _visit_at(day: date) -> datetime:
    return local_to_utc(datetime.combine(day, IMPORTED_VISIT_TIME))


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _apply_updates(conn: Connection, w: _Writer, targets: list[_Target]) -> None:
    """Write the changed fields of book customers (grouped by the set of columns)."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for t in targets:
        cols = sorted(c for c in t.changed if c not in ("tags", "visit"))
        if not cols:
            continue
        v = t.values
        params = {f"b_{c}": v[c] for c in cols}
        if "name" in cols:
            key, sort = w.keys(v["name"])
            params.update(b_name_key=key, b_name_sort=sort)
            cols = [*cols, "name_key", "name_sort"]
        if _SEARCH_FIELDS.intersection(cols):
            params["b_search_text"] = build_search_text(
                name=v["name"], mobile=v["mobile"], phone2=v["phone2"], email=v["email"],
                notes=v["notes"], mobile_raw=v["mobile_raw"])
            cols = [*cols, "search_text"]
        params.update(b_id=t.id, b_version=t.version, b_new_version=t.version + 1)
        groups[tuple(cols)].append(params)
    for cols, params in groups.items():
        stmt = (update(Customer.__table__)
                .where(Customer.id == bindparam("b_id"),
                       Customer.version == bindparam("b_version"))
                .values({**{c: bindparam(f"b_{c}") for c in cols},
                         "version": bindparam("b_new_version"), "updated_at": w.now}))
        result = conn.execute(stmt, params)
        if result.rowcount not in (-1, None) and result.rowcount != len(params):
            raise Conflict("import_book_changed")
    for t in targets:
        if any(c not in ("tags", "visit") for c in t.changed):
            t.version += 1


def _before_json(t: _Target) -> str:
    before = {k: _json_value(v) for k, v in t.before.items()}
    if t.tags_added:
        before["tags_added"] = list(t.tags_added)
    if t.planned_visit is not None:
        before["visit_added"] = t.planned_visit.isoformat()
    before["_version"] = t.version_before
    return json.dumps(before, ensure_ascii=False)


def _write_customers(conn: Connection, plan: _CustomerPlan, report: ImportReport,
                     batch_id: int, cancel: Cancel, every: int
                     ) -> Iterator[ImportProgress]:
    now = report.started_at or utc_now()
    w = _Writer(conn, batch_id, now)
    tag_ids, created = w.tag_ids(plan.tag_names) if plan.tag_names else ({}, [])
    report.tags_created = created
    total = len(plan.new) + len(plan.updated)
    done = 0
    visits_inserted = 0
    row_ids: dict[int, int] = {}
    step = max(1, min(CHUNK, every))
    with FtsPaused(conn, "customer_fts_insert", len(plan.new) > 50) as keep_fts:
        w.keep_fts = keep_fts
        for chunk in chunks(plan.new, step):
            check_cancel(cancel)
            at_of = [_visit_at(t.planned_visit) if t.planned_visit else None for t in chunk]
            rows = [w.customer_row(t.values, at) for t, at in zip(chunk, at_of, strict=True)]
            ids = w.insert_customers(rows)
            visits, links, changes = [], [], []
            for t, cid, at in zip(chunk, ids, at_of, strict=True):
                t.id = cid
                row_ids[t.row] = cid  # type: ignore[index]
                if at is not None:
                    visits.append(w.visit(cid, at))
                links.extend((cid, tag_ids[k]) for k in t.tag_keys)
                changes.append((cid, "insert", None, 1))
            w.insert_visits(visits)
            w.insert_links(links)
            w.insert_changes(changes)
            visits_inserted += len(visits)
            done += len(chunk)
            yield ImportProgress(done, total, "write")
    for chunk in chunks(plan.updated, step):
        check_cancel(cancel)
        _apply_updates(conn, w, list(chunk))
        visits, links, changes = [], [], []
        for t in chunk:
            cid = t.id
            assert cid is not None
            if t.planned_visit is not None:
                visits.append(w.visit(cid, _visit_at(t.planned_visit)))
            keys = {search_key(n) for n in t.tags_added}
            links.extend((cid, tag_ids[k]) for k in keys)
            changes.append((cid, "update", _before_json(t), t.version))
        w.insert_visits(visits)
        w.insert_links(links)
        w.insert_changes(changes)
        visits_inserted += len(visits)
        refresh_summaries(conn, [t.id for t in chunk if t.planned_visit is not None])
        done += len(chunk)
        yield ImportProgress(done, total, "write")
    check_cancel(cancel)
    for o in report.outcomes:
        if o.action == "insert":
            o.customer_id = row_ids.get(o.row)
        elif o.action == "merge" and o.into_row is not None:
            o.customer_id = row_ids.get(o.into_row)
    report.visits_inserted = visits_inserted


# ---------------------------------------------------------------------------- batches


def _start_batch(conn: Connection, report: ImportReport, now: datetime) -> int:
    result = conn.execute(insert(ImportBatch.__table__).returning(ImportBatch.id), {
        "file_name": report.file[:500], "file_hash": report.file_hash,
        "sheet": (report.sheet or "")[:200], "kind": report.kind, "inserted": 0,
        "updated": 0, "skipped": 0, "errors": 0, "report": None, "undone_at": None,
        "created_at": now, "updated_at": now})
    return int(result.scalar_one())


def _finish_batch(conn: Connection, report: ImportReport) -> None:
    report.finished_at = utc_now()
    text = json.dumps(report.as_dict("en", limit=REPORT_LIMIT), ensure_ascii=False,
                      default=_json_value)
    conn.execute(update(ImportBatch.__table__).where(ImportBatch.id == report.batch_id)
                 .values(inserted=report.inserted, updated=report.updated,
                         skipped=report.skipped, errors=report.error_rows, report=text,
                         updated_at=report.finished_at))


def _remember(session: Any, report: ImportReport, kind: str) -> None:
    if report.mapping_source in ("manual", "remembered") and any(report.headers):
        from shopcrm.services.excel.import_mappings import remember

        remember(session, report.signature, report.mapping, report.headers, kind)


def import_customers(db: Database, source: str | Path, *, sheet: str | None = None,
                     mapping: dict[Any, str] | None = None, header_row: int | None = None,
                     on_duplicate: str = "skip", dry_run: bool = False, settings: Any = None,
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
    parsed: ParsedSheet | None = None
    for event in _read(table, cancel, every):
        if isinstance(event, ParsedSheet):
            parsed = event
        else:
            yield event
    assert parsed is not None
    report = _base_report(CUSTOMERS, parsed, table, mapping_source, file_hash, on_duplicate,
                          dry_run)
    candidates, report.extra_columns = _prepare(parsed.rows)
    errors = _error_outcomes(parsed, table)
    check_cancel(cancel)
    if dry_run:
        with db.reading() as s:
            conn = s.connection()
            plan = plan_customers(candidates, _Book.load(conn, candidates), on_duplicate,
                                  report.started_at)
            report.same_file_batches = _same_file(conn, file_hash)
        _finish_plan(report, plan, errors)
        _errors_file(report, table, errors_path, lang)
        report.finished_at = utc_now()
        yield report
        return
    if backup:
        report.backup = _backup(db, settings, "import")
    with db.session() as s:
        conn = s.connection()
        plan = plan_customers(candidates, _Book.load(conn, candidates), on_duplicate,
                              report.started_at)
        report.same_file_batches = _same_file(conn, file_hash)
        _finish_plan(report, plan, errors)
        report.batch_id = _start_batch(conn, report, report.started_at or utc_now())
        yield from _write_customers(conn, plan, report, report.batch_id, cancel, every)
        _errors_file(report, table, errors_path, lang)
        _finish_batch(conn, report)
        if remember:
            _remember(s, report, CUSTOMERS)
    yield report


def _finish_plan(report: ImportReport, plan: _CustomerPlan, errors: list[RowOutcome]) -> None:
    report.outcomes = sorted([*plan.outcomes, *errors], key=lambda o: o.row)
    report.inserted = len(plan.new)
    report.updated = len(plan.updated)
    report.visits_inserted = sum(1 for t in (*plan.new, *plan.updated) if t.planned_visit)


# ---------------------------------------------------------------------------- visits


def _visit_note(v: VisitRow) -> str | None:
    values: dict[str, Any] = {}
    lines = _extras(v.extra, values) if v.extra else []
    if not lines:
        return v.note
    joined = "\n".join(lines)
    return (f"{v.note}\n{joined}" if v.note else joined)[:20000]


def import_visits(db: Database, source: str | Path, *, sheet: str | None = None,
                  mapping: dict[Any, str] | None = None, header_row: int | None = None,
                  create_customers: bool = False, dry_run: bool = False,
                  settings: Any = None, cancel: Cancel = None, backup: bool = True,
                  remember: bool = True, errors_path: str | Path | None = None,
                  lang: str = "fa", every: int = CHUNK
                  ) -> Iterator[ImportProgress | ImportReport]:
    """Import a sheet of visits (see the module docstring); yields progress, then the report.

    Outcomes: ``insert`` (the visit is added to ``customer_id``; ``fields`` holds
    "customer" when the customer is created too), ``skip`` with a reason, ``error``.
    """
    table, mapping_source = open_import_table(db, source, VISITS, sheet=sheet,
                                              mapping=mapping, header_row=header_row)
    from shopcrm.domain.money import factor
    from shopcrm.services.excel.columns import default_amount_unit
    from shopcrm.services.excel.exporter import owner_currency

    default_amount_unit(table.mapping, factor(owner_currency(None, settings)))
    file_hash = file_sha256(source)
    parsed: ParsedSheet | None = None
    for event in _read(table, cancel, every):
        if isinstance(event, ParsedSheet):
            parsed = event
        else:
            yield event
    assert parsed is not None
    report = _base_report(VISITS, parsed, table, mapping_source, file_hash,
                          "create" if create_customers else "attach", dry_run)
    errors = _error_outcomes(parsed, table)
    rows: list[VisitRow] = parsed.rows
    check_cancel(cancel)
    if dry_run:
        with db.reading() as s:
            conn = s.connection()
            plan = _plan_visits(conn, rows, create_customers)
            report.same_file_batches = _same_file(conn, file_hash)
        _finish_visit_plan(report, plan, errors)
        _errors_file(report, table, errors_path, lang)
        report.finished_at = utc_now()
        yield report
        return
    if backup:
        report.backup = _backup(db, settings, "import")
    with db.session() as s:
        conn = s.connection()
        plan = _plan_visits(conn, rows, create_customers)
        report.same_file_batches = _same_file(conn, file_hash)
        _finish_visit_plan(report, plan, errors)
        report.batch_id = _start_batch(conn, report, report.started_at or utc_now())
        yield from _write_visits(conn, plan, report, cancel, every)
        _errors_file(report, table, errors_path, lang)
        _finish_batch(conn, report)
        if remember:
            _remember(s, report, VISITS)
    yield report


@dataclass
class _VisitPlan:
    outcomes: list[RowOutcome]
    visits: list[tuple[int, Any, VisitRow]]  # (row, customer id or new-customer key, row)
    new_customers: dict[str, dict[str, Any]]  # key -> values


def _plan_visits(conn: Connection, rows: list[VisitRow], create: bool) -> _VisitPlan:
    mobiles = sorted({r.mobile for r in rows if r.mobile})
    names = sorted({search_key(r.name) for r in rows if not r.mobile and r.name})
    by_mobile: dict[str, tuple[int, bool]] = {}
    by_name: dict[str, list[int]] = defaultdict(list)
    for chunk in chunks(mobiles):
        for cid, mobile, deleted in conn.execute(
                select(Customer.id, Customer.mobile, Customer.deleted_at)
                .where(Customer.mobile.in_(chunk))):
            by_mobile[mobile] = (cid, deleted is not None)
    for chunk in chunks(names):
        for cid, key in conn.execute(select(Customer.id, Customer.name_key).where(
                Customer.name_key.in_(chunk), Customer.deleted_at.is_(None))
                .order_by(Customer.id)):
            by_name[key].append(cid)
    known = sorted({cid for cid, _ in by_mobile.values()}
                   | {c for ids in by_name.values() if len(ids) == 1 for c in ids})
    existing: set[tuple[int, datetime]] = set()
    if rows:  # only the book's visits in the file's time span can repeat one of its rows
        low = local_to_utc(min(r.at for r in rows)) - timedelta(minutes=1)
        high = local_to_utc(max(r.at for r in rows)) + timedelta(minutes=1)
        for chunk in chunks(known):
            for cid, at in conn.execute(select(Visit.customer_id, Visit.at).where(
                    Visit.customer_id.in_(chunk), Visit.at >= low, Visit.at <= high)):
                existing.add((cid, at.replace(second=0, microsecond=0)))
    outcomes: list[RowOutcome] = []
    visits: list[tuple[int, Any, VisitRow]] = []
    new_customers: dict[str, dict[str, Any]] = {}
    seen: set[tuple[Any, datetime]] = set()
    for r in rows:
        name = r.name or ""
        who: Any = None
        by = None
        created = False
        if r.mobile:
            hit = by_mobile.get(r.mobile)
            if hit is not None:
                if hit[1]:
                    outcomes.append(RowOutcome(r.row_number, "skip", hit[0], name, r.mobile,
                                               "mobile", reason="import_skip_in_trash"))
                    continue
                who, by = hit[0], "mobile"
        elif name:
            ids = by_name.get(search_key(name), [])
            if len(ids) > 1:
                outcomes.append(RowOutcome(r.row_number, "skip", None, name, None,
                                           reason="visit_import_ambiguous_name"))
                continue
            if ids:
                who, by = ids[0], "name"
        if who is None:
            if not create:
                outcomes.append(RowOutcome(r.row_number, "skip", None, name, r.mobile,
                                           reason="visit_import_no_customer"))
                continue
            key = r.mobile or f"name:{search_key(name)}"
            created = key not in new_customers
            if created:
                new_customers[key] = {"name": name or r.mobile, "mobile": r.mobile,
                                      "mobile_raw": r.mobile_raw if not r.mobile else None}
            who = key
        at = local_to_utc(r.at).replace(second=0, microsecond=0)
        if (who, at) in seen or (isinstance(who, int) and (who, at) in existing):
            outcomes.append(RowOutcome(r.row_number, "skip", who if isinstance(who, int)
                                       else None, name, r.mobile, by,
                                       reason="visit_import_duplicate"))
            continue
        seen.add((who, at))
        outcomes.append(RowOutcome(r.row_number, "insert", who if isinstance(who, int) else None,
                                   name, r.mobile, by, fields=["customer"] if created else [],
                                   visit=r.at.date()))
        visits.append((r.row_number, who, r))
    return _VisitPlan(outcomes, visits, new_customers)


def _finish_visit_plan(report: ImportReport, plan: _VisitPlan,
                       errors: list[RowOutcome]) -> None:
    report.outcomes = sorted([*plan.outcomes, *errors], key=lambda o: o.row)
    report.inserted = len(plan.visits)
    report.visits_inserted = len(plan.visits)
    report.customers_created = len(plan.new_customers)


def _write_visits(conn: Connection, plan: _VisitPlan, report: ImportReport, cancel: Cancel,
                  every: int) -> Iterator[ImportProgress]:
    now = report.started_at or utc_now()
    assert report.batch_id is not None
    w = _Writer(conn, report.batch_id, now)
    ids: dict[str, int] = {}
    keys = list(plan.new_customers)
    blank = {"phone2": None, "email": None, "birthday": None, "gender": None, "city": None,
             "address": None, "referral": None, "notes": None, "vip": False,
             "sms_opt_out": False, "sms_opt_out_at": None, "email_opt_out": False,
             "email_opt_out_at": None, "prior_visits": 0}
    for chunk in chunks(keys, CHUNK):
        check_cancel(cancel)
        new_ids = w.insert_customers([w.customer_row({**blank, **plan.new_customers[k]}, None)
                                      for k in chunk])
        ids.update(zip(chunk, new_ids, strict=True))
        w.insert_changes([(cid, "insert", None, 1) for cid in new_ids])
    total = len(plan.visits)
    done = 0
    touched: set[int] = set()
    step = max(1, min(CHUNK, every))
    for chunk in chunks(plan.visits, step):
        check_cancel(cancel)
        batch = []
        for _, who, r in chunk:
            cid = who if isinstance(who, int) else ids[who]
            touched.add(cid)
            batch.append(w.visit(cid, local_to_utc(r.at), amount=r.amount, service=r.service,
                                 staff=r.staff, payment_method=r.payment,
                                 satisfaction=r.satisfaction, note=_visit_note(r)))
        w.insert_visits(batch)
        done += len(chunk)
        yield ImportProgress(done, total, "write")
    check_cancel(cancel)
    refresh_summaries(conn, touched)
    for o in report.outcomes:
        if o.action == "insert" and o.customer_id is None:
            key = o.mobile or f"name:{search_key(o.name)}"
            o.customer_id = ids.get(key)


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

"""What an import did, or would do: one outcome per row, issues, counts, the report.

``ImportReport`` is what ``import_customers``/``import_visits`` yield last (and what a batch
stores as JSON); ``RowOutcome.action`` is one of ``ACTIONS`` (see ``importer``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from shopcrm.error_text import describe
from shopcrm.errors import InvalidInput
from shopcrm.longwork import Cancel as Cancel  # the kit's, named here for the importer
from shopcrm.longwork import run_to_end as run_to_end
from shopcrm.services.excel import (
    Progress,
    RowIssue,
)
from shopcrm.services.excel.table import FileNotice

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
    # the file's spending column (an export's «جمع خرید»): customers whose spending before
    # the book it set, and the sum so set (rials)
    spent_customers: int = 0
    spent_amount: int = 0
    # visits import: the visits that took over customer lists' summaries (``list_summary``):
    # customers, visits on or before the list's last visit, placeholder visits they
    # replaced, and what came off prior_visits and prior_spent (rials)
    summary_customers: int = 0
    summary_visits: int = 0
    placeholders_replaced: int = 0
    prior_visits_less: int = 0
    prior_spent_less: int = 0
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
                "customers_created": self.customers_created,
                "spent_customers": self.spent_customers, "spent_amount": self.spent_amount,
                "summary_customers": self.summary_customers,
                "summary_visits": self.summary_visits,
                "placeholders_replaced": self.placeholders_replaced,
                "prior_visits_less": self.prior_visits_less,
                "prior_spent_less": self.prior_spent_less}

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



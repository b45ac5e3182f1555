"""What reading a sheet gives: candidate rows (``CustomerRow``, ``VisitRow``), the problems
of each row (``RowIssue``, error or warning), progress, and the whole ``ParsedSheet``."""

from __future__ import annotations

import dataclasses
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from shopcrm.errors import InvalidInput
from shopcrm.longwork import Progress as Progress  # the kit's, named here for rows' users
from shopcrm.services.excel.columns import (
    ColumnMapping,
)
from shopcrm.services.excel.table import (
    FileNotice,
    SkippedRow,
)

ERROR = "error"
WARNING = "warning"


# ---------------------------------------------------------------------------- results


@dataclass(slots=True)
class RowIssue:
    """A problem of one row: ``severity`` "error" (the row is not a candidate) or
    "warning" (the row is, with something dropped or moved).

    ``column`` is the header text as in the file ("" for the whole row); ``value`` the
    cell's text. ``code`` has words in ``shopcrm.error_text``; ``data`` feeds them, so
    ``describe(issue)`` works like for any ``ShopError``; ``text(lang)`` adds the row.
    """

    row: int
    column: str
    value: str
    code: str
    severity: str = WARNING
    field: str | None = None  # the field the column feeds
    info: dict[str, Any] = dataclasses.field(default_factory=dict)
    column_index: int | None = None  # 0-based column of the cell; None for the whole row

    @property
    def data(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "value": self.value, **self.info}

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def text(self, lang: str = "fa") -> str:
        """"Row 12, column 'موبایل': ..." in ``lang``."""
        from shopcrm.error_text import describe

        detail = describe(self, lang)
        code = "import_row_column" if self.column else "import_row"
        return describe(InvalidInput(code, row=self.row, column=self.column, detail=detail),
                        lang)

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "value": self.value,
                "code": self.code, "severity": self.severity, "field": self.field,
                "column_index": self.column_index,
                **({"data": dict(self.info)} if self.info else {})}


@dataclass(slots=True)
class CustomerRow:
    """A candidate customer, typed and cleaned; ``row_number`` as the spreadsheet shows it."""

    row_number: int
    name: str = ""
    mobile: str | None = None  # canonical 09XXXXXXXXX
    mobile_raw: str | None = None  # what the mobile cell said when it was not usable
    phone2: str | None = None
    email: str | None = None
    birthday: date | None = None
    gender: str | None = None  # "female" | "male"
    city: str | None = None
    address: str | None = None
    notes: str | None = None
    tags: list[str] = field(default_factory=list)
    referral: str | None = None
    last_visit: date | None = None
    visit_count: int | None = None  # visits before the book
    vip: bool | None = None
    extra: dict[str, str] = field(default_factory=dict)  # unmapped columns: header -> text

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class VisitRow:
    """A candidate visit; ``at`` is naive local (Tehran) time, ``amount`` whole Rials."""

    row_number: int
    at: datetime
    mobile: str | None = None
    mobile_raw: str | None = None
    name: str = ""
    amount: int | None = None
    service: str | None = None
    staff: str | None = None
    payment: str | None = None  # cash|card|transfer|credit|other, or the text as typed
    satisfaction: int | None = None  # 1..5
    note: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class RowResult:
    """What one data row of the sheet gave: a candidate (or None) and its issues."""

    row_number: int
    row: Any  # CustomerRow | VisitRow | None
    issues: list[RowIssue]


@dataclass
class ParsedSheet:
    """Everything read from one sheet, before anything is written."""

    file: str
    sheet: str
    kind: str  # "customers" | "visits"
    header_row: int | None  # 1-based; None for a headerless sheet
    headers: list[str]
    mapping: ColumnMapping
    signature: str  # headers_signature(headers), to remember the mapping
    total_rows: int  # data rows looked at (blank, repeated-header and totals rows left out)
    rows: list[Any] = field(default_factory=list)  # CustomerRow | VisitRow
    issues: list[RowIssue] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    notices: list[FileNotice] = field(default_factory=list)  # how the file was read

    @property
    def errors(self) -> list[RowIssue]:
        return [i for i in self.issues if i.severity == ERROR]

    @property
    def warnings(self) -> list[RowIssue]:
        return [i for i in self.issues if i.severity == WARNING]

    @property
    def error_rows(self) -> list[int]:
        return sorted({i.row for i in self.issues if i.severity == ERROR})

    def issues_for(self, row_number: int) -> list[RowIssue]:
        return [i for i in self.issues if i.row == row_number]

    def counts(self) -> dict[str, int]:
        """For a summary line: candidates, rows refused, warnings, rows left out."""
        return {"rows": self.total_rows, "candidates": len(self.rows),
                "error_rows": len(self.error_rows), "warnings": len(self.warnings),
                "skipped": len(self.skipped)}


ParsedVisits = ParsedSheet

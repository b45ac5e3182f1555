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
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from shopcrm.domain.dates import from_jalali, local_today, parse_date, parse_datetime
from shopcrm.domain.numbers import parse_amount, parse_int
from shopcrm.domain.phones import PhoneInfo, classify_phone
from shopcrm.domain.text import clean_text, fold_digits, search_key
from shopcrm.errors import Cancelled, InvalidInput
from shopcrm.longwork import Progress, is_cancelled
from shopcrm.services.customers.fields import (
    TEXT_LIMITS,
    normalise_email,
    normalise_gender,
    split_tags,
)
from shopcrm.services.excel.columns import (
    CUSTOMERS,
    VISITS,
    ColumnMapping,
    headers_signature,
)
from shopcrm.services.excel.reader import DEFAULT_LIMITS, Limits, Workbook, open_workbook
from shopcrm.services.excel.table import (
    _INVISIBLE_CHARS,
    FileNotice,
    SkippedRow,
    Table,
    build_table,
    is_blank_cell,
    with_file_notices,
)

ERROR = "error"
WARNING = "warning"
_NOTHING = frozenset((
    "-", "--", "---", "—", "–", "?", "؟", "??", "؟؟", "ندارد", "نداره", "ندارند", "نامشخص",
    "n/a", "na", "none", "null", "nil", "nan", "#n/a"))
_NOTHING_STARTS = frozenset(w[0] for w in _NOTHING) | frozenset(w[0].upper() for w in _NOTHING)
# A text cell starting with one of these might be blank or a placeholder: look closer.
_SUSPECT_STARTS = _NOTHING_STARTS | _INVISIBLE_CHARS | frozenset(" \t\r\n\u00a0\u3000")
_FAST_MOBILE = re.compile(r"(?:\+98|0098|0)?(9[0-9]{9})", re.ASCII)
_FAST_LANDLINE = re.compile(r"0[1-8][0-9]{9}", re.ASCII)
_PHONE_SPLIT = re.compile(r"\s*(?:[,،;؛|\n\\]|\s[-–—/]\s|\s+و\s+|\s{2,}|/)\s*")
_TIME_TEXT = re.compile(r"([0-9]{1,2})[:٫.]([0-9]{2})(?::([0-9]{2}))?", re.ASCII)
_STARS = frozenset("★⭐*☆")
_YES = frozenset(search_key(w) for w in (
    "vip", "بله", "بلی", "آری", "اره", "آره", "هست", "است", "دارد", "ویژه", "yes", "y",
    "true", "1", "x", "✓", "✔", "✅", "*", "★", "⭐", "+"))
_NO = frozenset(search_key(w) for w in (
    "خیر", "نه", "نیست", "no", "n", "false", "0", "عادی", "معمولی", "✗", "✘", "❌"))
_GENDER_EXTRA = {search_key(k): v for k, v in {
    "بانو": "female", "woman": "female", "w": "female", "مونث": "female", "دختر": "female",
    "آقای": "male", "man": "male", "پسر": "male", "مذکر": "male"}.items()}
PAYMENT_WORDS = {search_key(k): v for k, v in {
    "نقد": "cash", "نقدی": "cash", "پول نقد": "cash", "cash": "cash",
    "کارت": "card", "کارتخوان": "card", "کارت خوان": "card", "پوز": "card", "pos": "card",
    "card": "card", "دستگاه": "card",
    "کارت به کارت": "transfer", "انتقال": "transfer", "واریز": "transfer",
    "انتقال بانکی": "transfer", "transfer": "transfer", "پایا": "transfer", "ساتنا": "transfer",
    "نسیه": "credit", "اعتباری": "credit", "اعتبار": "credit", "بدهکار": "credit",
    "credit": "credit", "چک": "other", "سایر": "other", "other": "other"}.items()}


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


# ---------------------------------------------------------------------------- cells


def cell_text(v: Any) -> str:
    """A cell as the owner sees it, for text fields and for keeping what was typed."""
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        if not math.isfinite(v):
            return ""
        return str(int(v)) if v.is_integer() and abs(v) < 1e17 else repr(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, datetime):
        return v.strftime("%Y-%m-%d %H:%M") if (v.hour, v.minute, v.second) != (0, 0, 0) \
            else v.strftime("%Y-%m-%d")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, time):
        return v.strftime("%H:%M")
    if isinstance(v, timedelta):
        seconds = int(v.total_seconds())
        return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"
    return str(v)


def _nothing(v: Any) -> bool:
    """Blank, or a placeholder meaning "none" ("-", "ندارد", "؟", "n/a")."""
    if type(v) is not str:
        return is_blank_cell(v)
    s = v.strip()
    if not s:
        return True
    if s[0] in _INVISIBLE_CHARS:
        s = clean_text(s)
        if not s:
            return True
    return s[0] in _NOTHING_STARTS and len(s) <= 12 and s.lower() in _NOTHING


def _date_value(v: Any) -> Any:
    """Numbers in date columns: 13700105 is compact text; 1370 is a year, not a serial.

    A date *cell* in the years 1200-1599 is a Jalali date a spreadsheet (LibreOffice, which
    has dates before 1900) turned into a Gregorian one as typed: read it back as Jalali.
    """
    if isinstance(v, date) and 1200 <= v.year < 1600:
        try:
            day = from_jalali(v.year, v.month, v.day)
        except InvalidInput:
            raise InvalidInput("bad_date", value=cell_text(v)) from None
        return datetime.combine(day, v.time()) if isinstance(v, datetime) else day
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, int) and not isinstance(v, bool):
        if 10_000_000 <= v <= 99_999_999:
            return str(v)
        if v < 3000:
            raise InvalidInput("bad_date", value=str(v))
    return v


def _time_of(v: Any) -> time | None:
    if isinstance(v, datetime):
        return v.time()
    if isinstance(v, time):
        return v.replace(tzinfo=None)
    if isinstance(v, timedelta):
        seconds = int(v.total_seconds()) % 86400
        return time(seconds // 3600, seconds % 3600 // 60)
    if isinstance(v, float | int) and not isinstance(v, bool) and 0 <= v < 1:
        seconds = round(v * 86400) % 86400
        return time(seconds // 3600, seconds % 3600 // 60, seconds % 60)
    if isinstance(v, str):
        m = _TIME_TEXT.fullmatch(fold_digits(clean_text(v)))
        if m:
            try:
                return time(int(m.group(1)), int(m.group(2)), int(m.group(3) or 0))
            except ValueError:
                pass
    raise InvalidInput("bad_date", value=cell_text(v))


# ---------------------------------------------------------------------------- converters


class _RowContext:
    """Collects the issues and kept texts of one row; ``col`` is a 0-based column or -1."""

    __slots__ = ("issues", "kept", "labels", "number")

    def __init__(self, number: int, labels: dict[int, str]) -> None:
        self.number = number
        self.labels = labels
        self.issues: list[RowIssue] = []
        self.kept: list[tuple[int, str]] = []

    def issue(self, col: int, value: Any, code: str, severity: str = WARNING,
              fld: str | None = None, **info: Any) -> None:
        text = value if isinstance(value, str) else cell_text(value)
        self.issues.append(RowIssue(self.number, self.labels.get(col, ""),
                                    clean_text(text)[:200], code, severity, fld, info,
                                    col if col >= 0 else None))

    def keep(self, col: int, value: Any) -> None:
        """Keep a value that could not go to its field as a notes line "<header>: <text>"."""
        text = clean_text(cell_text(value))
        label = clean_text(self.labels.get(col, "")).rstrip(":：؛ ")
        if text:
            self.kept.append((col, f"{label}: {text}" if label else text))

    def kept_lines(self) -> list[str]:
        return [line for _, line in sorted(self.kept, key=lambda k: k[0])]

    def sorted_issues(self) -> list[RowIssue]:
        """In column order, the whole-row ones last."""
        if len(self.issues) > 1:
            self.issues.sort(key=lambda i: 10**6 if i.column_index is None else i.column_index)
        return self.issues


class _Converter:
    """Shared by the customer and visit converters: column lookups and text fields."""

    def __init__(self, mapping: ColumnMapping) -> None:
        self.mapping = mapping
        self.labels = {i: mapping.label(i) for i in
                       set(mapping.fields) | set(mapping.unmapped)}
        self.extra_cols = [(i, mapping.label(i)) for i in mapping.unmapped]
        self.today = local_today()
        self._cols = {f: mapping.columns(f) for f in set(mapping.fields.values())}
        self._clean_cache: dict[str, str] = {}
        self._date_cache: dict[str, Any] = {}

    def clean(self, v: Any) -> str:
        """``clean_text`` of a cell, remembered for repeated texts (cities, tags...)."""
        if type(v) is not str:
            return clean_text(cell_text(v))
        cache = self._clean_cache
        out = cache.get(v)
        if out is None:
            out = clean_text(v)
            if len(cache) < 200_000:
                cache[v] = out
        return out

    def parse_date(self, v: Any) -> date | None:
        if type(v) is not str:
            return parse_date(_date_value(v))
        cache = self._date_cache
        out = cache.get(v)
        if out is None:
            try:
                out = parse_date(v)
            except InvalidInput as exc:
                out = exc
            if len(cache) < 200_000:
                cache[v] = out
        if isinstance(out, InvalidInput):
            raise InvalidInput(out.code, **out.data)
        return out

    def cols(self, name: str) -> list[int]:
        return self._cols.get(name, [])

    @staticmethod
    def first(values: Sequence[Any], cols: list[int]) -> tuple[int, Any]:
        """(column, value) of the first of ``cols`` holding something, else (-1, None)."""
        n = len(values)
        for c in cols:
            if c < n:
                v = values[c]
                if v is None or v == "":
                    continue
                if type(v) is str:
                    if v[0] in _SUSPECT_STARTS and _nothing(v):
                        continue
                    if v[-1] in _SUSPECT_STARTS and not v.strip():
                        continue
                elif type(v) is float and v != v:  # NaN
                    continue
                return c, v
        return -1, None

    def text(self, ctx: _RowContext, values: Sequence[Any], cols: list[int], fld: str,
             limit: int, joiner: str | None = None) -> str | None:
        if joiner is None:
            c, v = self.first(values, cols)
            if c < 0:
                return None
            text = self.clean(v)
        else:
            parts = []
            n = len(values)
            for c in cols:
                if c < n and not _nothing(values[c]):
                    v = values[c]
                    t = self.clean(v) if type(v) is not str or "\n" not in v else \
                        _clean_block(v)
                    if t:
                        parts.append(t)
            if not parts:
                return None
            c = cols[0]
            text = joiner.join(parts)
        return self.limit(ctx, c, text, fld, limit) or None

    def limit(self, ctx: _RowContext, col: int, text: str, fld: str, limit: int) -> str:
        if len(text) > limit:
            ctx.issue(col, text[:50], "row_value_truncated", WARNING, fld,
                      limit=limit, length=len(text))
            return text[:limit].rstrip()
        return text

    def date(self, ctx: _RowContext, values: Sequence[Any], fld: str,
             future_ok: bool = False) -> date | None:
        c, v = self.first(values, self.cols(fld))
        if c < 0:
            return None
        try:
            d = self.parse_date(v)
        except InvalidInput:
            ctx.issue(c, v, "bad_date", WARNING, fld)
            ctx.keep(c, v)
            return None
        if d is not None and not future_ok and d > self.today:
            ctx.issue(c, v, "row_date_in_future", WARNING, fld, date=d.isoformat())
            ctx.keep(c, v)
            return None
        return d

    def extra(self, values: Sequence[Any]) -> dict[str, str]:
        out: dict[str, str] = {}
        n = len(values)
        for c, label in self.extra_cols:
            if c < n and not is_blank_cell(values[c]):
                text = clean_text(cell_text(values[c]))[:2000]
                if text:
                    out[label] = text
        return out

    def mobile(self, ctx: _RowContext, values: Sequence[Any]
               ) -> tuple[str | None, str | None, str | None, int]:
        """(mobile, raw text kept, a landline or second number for phone2, column)."""
        c, v = self.first(values, self.cols("mobile"))
        if c < 0:
            return None, None, None, -1
        fast = _fast_mobile(v)
        if fast is not None:
            return fast, None, None, c
        info = classify_phone(v)
        if info.kind == "mobile":
            return info.value, None, None, c
        if info.kind == "empty":
            return None, None, None, -1
        if info.kind == "landline":
            ctx.issue(c, v, "row_mobile_is_landline", WARNING, "mobile", phone=info.value)
            return None, None, info.value, c
        # Two numbers in one cell?
        parts = [p for p in _PHONE_SPLIT.split(clean_text(cell_text(v))) if p]
        if len(parts) >= 2:
            kinds = [classify_phone(p) for p in parts]
            mobiles = [k.value for k in kinds if k.kind == "mobile"]
            others = [k.value for k in kinds if k.kind in ("mobile", "landline")]
            if mobiles and len(others) == len(parts):
                second = next((o for o in others if o != mobiles[0]), None)
                ctx.issue(c, v, "row_several_phones", WARNING, "mobile", mobile=mobiles[0])
                return mobiles[0], None, second, c
        return None, clean_text(cell_text(v)), None, c


def _fast_mobile(v: Any) -> str | None:
    """The canonical mobile of the common spellings, without the general parser."""
    t = type(v)
    if t is float or t is int:
        if 9_000_000_000 <= v <= 9_999_999_999 and v == int(v):
            return "0" + str(int(v))
        return None
    if t is str and len(v) < 20:
        m = _FAST_MOBILE.fullmatch(v.replace(" ", "").replace("-", ""))
        if m:
            return "0" + m.group(1)
    return None


def _clean_block(text: str) -> str:
    """Multi-line text: each line cleaned, empty lines dropped, line breaks kept."""
    if "\n" not in text and "\r" not in text:
        return clean_text(text)
    lines = (clean_text(line) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _limit_of(fld: str, default: int) -> int:
    return int(TEXT_LIMITS.get(fld, default))


class CustomerConverter(_Converter):
    """Turns one raw row of a customer table into a ``CustomerRow`` and its issues."""

    def __init__(self, mapping: ColumnMapping) -> None:
        super().__init__(mapping)
        c = self.cols
        self.name_cols, self.first_cols, self.last_cols = c("name"), c("first_name"), \
            c("last_name")
        self.phone2_cols, self.email_cols = c("phone2"), c("email")
        self.gender_cols, self.count_cols, self.vip_cols = c("gender"), c("visit_count"), \
            c("vip")
        self.has_birthday, self.has_last_visit = bool(c("birthday")), bool(c("last_visit"))
        self.city_cols, self.address_cols, self.notes_cols = c("city"), c("address"), \
            c("notes")
        self.referral_cols, self.tags_cols = c("referral"), c("tags")
        self.limits = {f: _limit_of(f, d) for f, d in (
            ("name", 200), ("city", 100), ("referral", 200), ("phone2", 40),
            ("address", 2000), ("notes", 20000))}

    def convert(self, values: Sequence[Any], number: int) -> RowResult:
        ctx = _RowContext(number, self.labels)
        lim = self.limits
        row = CustomerRow(number)

        # name: the full-name column, else first + last
        name = self.text(ctx, values, self.name_cols, "name", 10**6) or ""
        if not name and (self.first_cols or self.last_cols):
            parts = [self.text(ctx, values, cols, f, 10**6)
                     for cols, f in ((self.first_cols, "first_name"),
                                     (self.last_cols, "last_name"))]
            name = " ".join(p for p in parts if p)
        if name:
            col = (self.name_cols or self.first_cols or self.last_cols)[0]
            name = self.limit(ctx, col, name, "name", lim["name"])
        row.name = name

        mobile, mobile_raw, to_phone2, mcol = self.mobile(ctx, values)
        row.mobile, row.mobile_raw = mobile, mobile_raw

        # second phone
        if self.phone2_cols:
            c, v = self.first(values, self.phone2_cols)
            if c >= 0:
                if type(v) is str and _FAST_LANDLINE.fullmatch(v):
                    info = PhoneInfo("landline", v, v)
                else:
                    info = classify_phone(v)
                if info.kind in ("mobile", "landline"):
                    row.phone2 = info.value
                    if info.kind == "mobile" and row.mobile is None and row.mobile_raw is None:
                        ctx.issue(c, v, "row_phone2_is_mobile", WARNING, "phone2")
                        row.mobile, row.phone2 = info.value, None
                        mcol = c
                elif info.kind == "invalid":
                    text = fold_digits(clean_text(cell_text(v)))
                    ctx.issue(c, v, "row_bad_phone", WARNING, "phone2")
                    row.phone2 = self.limit(ctx, c, text, "phone2", lim["phone2"]) or None
        if to_phone2:
            if row.phone2 is None:
                row.phone2 = to_phone2
            elif row.phone2 != to_phone2 and row.mobile_raw is None:
                row.mobile_raw = clean_text(cell_text(values[mcol]))

        # email
        if self.email_cols:
            c, v = self.first(values, self.email_cols)
            if c >= 0:
                try:
                    row.email = normalise_email(clean_text(cell_text(v)).replace(" ", ""))
                except InvalidInput:
                    ctx.issue(c, v, "bad_email", WARNING, "email")
                    ctx.keep(c, v)

        if self.has_birthday:
            row.birthday = self.date(ctx, values, "birthday")
        if self.has_last_visit:
            row.last_visit = self.date(ctx, values, "last_visit")

        if self.gender_cols:
            c, v = self.first(values, self.gender_cols)
            if c >= 0:
                row.gender = self._gender(ctx, c, v)

        row.city = self.text(ctx, values, self.city_cols, "city", lim["city"])
        row.address = self.text(ctx, values, self.address_cols, "address", lim["address"], "، ")
        row.referral = self.text(ctx, values, self.referral_cols, "referral", lim["referral"])
        if self.tags_cols:
            joined = self.text(ctx, values, self.tags_cols, "tags", 10**6, "، ")
            row.tags = split_tags(joined) if joined else []

        if self.count_cols:
            c, v = self.first(values, self.count_cols)
            if c >= 0:
                try:
                    row.visit_count = parse_int(v, minimum=0, maximum=100_000)
                except InvalidInput:
                    ctx.issue(c, v, "bad_number", WARNING, "visit_count")
                    ctx.keep(c, v)

        if self.vip_cols:
            c, v = self.first(values, self.vip_cols)
            if c >= 0:
                row.vip = self._vip(ctx, c, v)

        notes = self.text(ctx, values, self.notes_cols, "notes", 10**7, "\n")
        if ctx.kept:
            kept = ctx.kept_lines()
            notes = "\n".join([notes, *kept] if notes else kept)
        if notes:
            col = self.notes_cols[0] if self.notes_cols else -1
            row.notes = self.limit(ctx, col, notes, "notes", lim["notes"])
        row.extra = self.extra(values)

        # identity
        if not row.name:
            if row.mobile is None:
                if row.mobile_raw:
                    ctx.issue(mcol, row.mobile_raw, "row_no_name_bad_mobile",
                              ERROR, "mobile")
                else:
                    ctx.issue(-1, "", "row_no_identity", ERROR)
                return RowResult(number, None, ctx.sorted_issues())
            ctx.issue(mcol, row.mobile, "row_name_missing",
                      WARNING, "name")
        elif row.mobile is None and row.mobile_raw and not to_phone2:
            ctx.issue(mcol, row.mobile_raw, "bad_mobile", WARNING, "mobile")
        return RowResult(number, row, ctx.sorted_issues())

    def _gender(self, ctx: _RowContext, c: int, v: Any) -> str | None:
        key = search_key(cell_text(v))
        try:
            return normalise_gender(key)
        except InvalidInput:
            pass
        if key in _GENDER_EXTRA:
            return _GENDER_EXTRA[key]
        ctx.issue(c, v, "row_bad_gender", WARNING, "gender")
        ctx.keep(c, v)
        return None

    def _vip(self, ctx: _RowContext, c: int, v: Any) -> bool | None:
        if isinstance(v, bool):
            return v
        if isinstance(v, int | float):
            if v in (0, 1):
                return bool(v)
        else:
            key = search_key(cell_text(v))
            if key in _YES:
                return True
            if key in _NO:
                return False
        ctx.issue(c, v, "row_bad_vip", WARNING, "vip")
        ctx.keep(c, v)
        return None


class VisitConverter(_Converter):
    """Turns one raw row of a visits table into a ``VisitRow`` and its issues."""

    def __init__(self, mapping: ColumnMapping) -> None:
        super().__init__(mapping)
        self.date_cols, self.time_cols = self.cols("date"), self.cols("time")
        self.amount_cols = self.cols("amount")

    def convert(self, values: Sequence[Any], number: int) -> RowResult:
        ctx = _RowContext(number, self.labels)
        mobile, mobile_raw, _, mcol = self.mobile(ctx, values)
        name = self.text(ctx, values, self.cols("name"), "name", 200) or ""

        at = None
        c, v = self.first(values, self.date_cols)
        if c < 0:
            ctx.issue(self.date_cols[0], "", "row_visit_no_date", ERROR, "date")
        else:
            try:
                at = parse_datetime(_date_value(v))
            except InvalidInput:
                ctx.issue(c, v, "bad_date", ERROR, "date")
            if at is not None and self.time_cols:
                tc, tv = self.first(values, self.time_cols)
                if tc >= 0:
                    try:
                        at = datetime.combine(at.date(), _time_of(tv))
                    except InvalidInput:
                        ctx.issue(tc, tv, "row_bad_time", WARNING, "time")
                        ctx.keep(tc, tv)
            if at is not None and at.date() > self.today:
                ctx.issue(c, v, "row_visit_in_future", WARNING, "date",
                          date=at.date().isoformat())

        amount = None
        c, v = self.first(values, self.amount_cols)
        if c >= 0:
            amount = self._amount(ctx, c, v)

        satisfaction = None
        c, v = self.first(values, self.cols("satisfaction"))
        if c >= 0:
            satisfaction = self._satisfaction(ctx, c, v)

        payment = None
        c, v = self.first(values, self.cols("payment"))
        if c >= 0:
            text = clean_text(cell_text(v))
            payment = PAYMENT_WORDS.get(search_key(text)) or text[:50] or None

        service = self.text(ctx, values, self.cols("service"), "service", 200)
        staff = self.text(ctx, values, self.cols("staff"), "staff", 100)
        note = self.text(ctx, values, self.cols("note"), "note", 10**7, "\n")
        if ctx.kept:
            kept = ctx.kept_lines()
            note = "\n".join([note, *kept] if note else kept)
        if note:
            note = self.limit(ctx, (self.cols("note") or [-1])[0], note, "note", 20000)

        if mobile is None and not name:
            ctx.issue(mcol, mobile_raw or "", "row_visit_no_customer", ERROR, "mobile")
        elif mobile is None and mobile_raw:
            ctx.issue(mcol, mobile_raw, "bad_mobile", WARNING, "mobile")
        if at is None or any(i.severity == ERROR for i in ctx.issues):
            return RowResult(number, None, ctx.sorted_issues())
        return RowResult(number, VisitRow(
            number, at, mobile, mobile_raw, name, amount, service, staff, payment,
            satisfaction, note, self.extra(values)), ctx.sorted_issues())

    def _amount(self, ctx: _RowContext, c: int, v: Any) -> int | None:
        unit = self.mapping.units.get(c) or 1
        try:  # a unit word in the cell itself wins over the header's (or the owner's) unit
            return parse_amount(v, factor=unit)
        except InvalidInput as exc:
            ctx.issue(c, v, exc.code, WARNING, "amount")
            ctx.keep(c, v)
            return None

    def _satisfaction(self, ctx: _RowContext, c: int, v: Any) -> int | None:
        if isinstance(v, str) and v.strip() and set(v.strip()) <= _STARS:
            score: int | None = len(v.strip())
        else:
            try:
                score = parse_int(v)
            except InvalidInput:
                score = -1
        if score is not None and not 1 <= score <= 5:
            ctx.issue(c, v, "satisfaction_range", WARNING, "satisfaction")
            ctx.keep(c, v)
            return None
        return score


# ---------------------------------------------------------------------------- tables


def open_table(source: str | Path | Workbook, *, kind: str = CUSTOMERS,
               sheet: str | None = None, mapping: dict[Any, str] | None = None,
               header_row: int | None = None, limits: Limits = DEFAULT_LIMITS) -> Table:
    """Open the file (or use an open ``Workbook``), pick the sheet, locate and map the table.

    Cheap next to the conversion: a dialog can show ``table.mapping.preview()`` and the
    first rows before ``iter_rows`` converts anything.
    """
    workbook = source if isinstance(source, Workbook) else open_workbook(source, limits=limits)
    try:
        if sheet is None:
            sheet = (workbook.guess_customer_sheet() if kind == CUSTOMERS
                     else workbook.guess_visits_sheet())
        rows = workbook.read_sheet(sheet)
    finally:
        if not isinstance(source, Workbook):
            workbook.close()
    return with_file_notices(build_table(rows, file=workbook.file_name, sheet=sheet,
                                         kind=kind, header_row=header_row, manual=mapping),
                             workbook)


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

"""Reading one cell as the owner meant it (placeholders as empty, dates, times, yes/no,
payment words), and the base of the row converters: the columns of each field, the row's
issues, texts cut to the storage limits with a warning."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from shopcrm.domain.dates import from_jalali, local_today, parse_date
from shopcrm.domain.phones import classify_phone
from shopcrm.domain.text import clean_text, fold_digits, search_key
from shopcrm.errors import InvalidInput
from shopcrm.services.customers.fields import (
    TEXT_LIMITS,
)
from shopcrm.services.excel.columns import (
    ColumnMapping,
)
from shopcrm.services.excel.row_types import WARNING, RowIssue
from shopcrm.services.excel.table import (
    _INVISIBLE_CHARS,
    is_blank_cell,
)

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


def _time_of(v: Any) -> time:
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

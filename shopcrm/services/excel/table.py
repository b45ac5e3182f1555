"""Finding the table in a sheet: the header row, the data rows, what to leave out.

Owners put a title above the header (often merged across the columns), leave blank rows,
repeat the header after a page break and end with a totals row. ``locate_header`` picks
the first row among the first ``HEADER_SCAN_ROWS`` with at least two recognised headers
(else the one with most recognised headers, else the one with most text cells);
``data_rows`` then lists the rows to convert, leaving out blank rows, repeated header rows
and totals rows at the end (a "جمع"/"مجموع"/"total"/"sum" label, or only numbers with no
name and no mobile). Row numbers are the spreadsheet's own: 1-based, title rows counted.

A sheet with no recognisable header at all but a column of mobiles is read headerless:
columns are then named by their letters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from shopcrm.domain.phones import classify_phone
from shopcrm.domain.text import INVISIBLE, TATWEEL, ZWJ, ZWNJ, clean_text, search_key
from shopcrm.errors import InvalidInput
from shopcrm.services.excel.columns import (
    CUSTOMERS,
    VISITS,
    ColumnMapping,
    build_mapping,
    column_letter,
    header_key,
    recognised_count,
)

if TYPE_CHECKING:
    from shopcrm.services.excel.reader import Workbook

HEADER_SCAN_ROWS = 20
SAMPLE_ROWS = 200
MAX_TOTAL_ROWS = 3
_TOTAL_WORDS = tuple(search_key(w) for w in (
    "جمع", "مجموع", "total", "sum", "جمع کل", "totals", "grand total", "subtotal", "کل"))


_INVISIBLE_CHARS = frozenset(INVISIBLE + ZWNJ + ZWJ + TATWEEL + "".join(map(chr, range(32))))


def is_blank_cell(v: Any) -> bool:
    """None, NaN, "" and text of nothing but spaces, ZWNJ, bidi marks or tatweel."""
    if v is None:
        return True
    if type(v) is str:
        s = v.strip()
        if not s:
            return True
        if s[0] not in _INVISIBLE_CHARS:
            return False
        return not clean_text(s)
    return isinstance(v, float) and v != v  # NaN


def is_blank_row(row: Sequence[Any]) -> bool:
    for v in row:
        if v is None or v == "":
            continue
        if not is_blank_cell(v):
            return False
    return True


@dataclass
class SkippedRow:
    row: int  # spreadsheet row number
    reason: str  # "repeated_header" | "totals"


@dataclass(frozen=True)
class FileNotice:
    """What the owner must know about how the whole file was read, not about one row: a
    CSV file named .xlsx read as CSV, a column only offered for a field. ``code`` and
    ``data`` are worded by ``shopcrm.error_text.describe(notice, lang)``."""

    code: str
    data: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "en") -> str:
        from shopcrm.error_text import describe

        return describe(self, lang)

    def as_dict(self, lang: str = "en") -> dict[str, Any]:
        return {"code": self.code, "message": self.message(lang), **self.data}


@dataclass
class Table:
    """A located and mapped table of one sheet, before any value is converted."""

    file: str
    sheet: str
    kind: str
    rows: list[list[Any]]  # every row of the sheet from row 1
    header_index: int | None  # 0-based; None for a headerless sheet
    mapping: ColumnMapping
    data_indexes: list[int]  # 0-based indexes into ``rows`` of the rows to convert
    skipped: list[SkippedRow] = field(default_factory=list)
    blank_rows: int = 0
    notices: list[FileNotice] = field(default_factory=list)

    @property
    def header_row(self) -> int | None:
        """The header's row number as the spreadsheet shows it (1-based)."""
        return None if self.header_index is None else self.header_index + 1

    @property
    def headers(self) -> list[str]:
        return self.mapping.headers

    @property
    def total_rows(self) -> int:
        return len(self.data_indexes)


def _text_cells(row: Sequence[Any]) -> int:
    return sum(1 for v in row if isinstance(v, str) and clean_text(v)
               and not clean_text(v).replace(".", "").isdigit())


def locate_header(rows: Sequence[Sequence[Any]], kind: str = CUSTOMERS) -> int | None:
    """0-based index of the header row, or None when no row looks like a header."""
    scan = [(i, r) for i, r in enumerate(rows[:HEADER_SCAN_ROWS]) if not is_blank_row(r)]
    if not scan:
        return None
    counts = [(recognised_count(r, kind), i) for i, r in scan]
    for count, i in counts:
        if count >= 2:
            return i
    best_count, best_i = max(counts, key=lambda c: (c[0], -c[1]))
    if best_count >= 1:
        return best_i
    return None


def _fallback_header(rows: Sequence[Sequence[Any]]) -> int | None:
    """The first row with the most text cells (no recognised header anywhere)."""
    scan = [(i, r) for i, r in enumerate(rows[:HEADER_SCAN_ROWS]) if not is_blank_row(r)]
    if not scan:
        return None
    best = max(scan, key=lambda x: (_text_cells(x[1]), -x[0]))
    return best[0] if _text_cells(best[1]) >= 2 else None


def _mobile_columns(rows: Sequence[Sequence[Any]]) -> list[int]:
    """Columns in which most non-empty values of the first rows are mobiles."""
    sample = [r for r in rows[:SAMPLE_ROWS] if not is_blank_row(r)][:50]
    width = max((len(r) for r in sample), default=0)
    found = []
    for c in range(width):
        values = [r[c] for r in sample if c < len(r) and not is_blank_cell(r[c])]
        mobiles = sum(1 for v in values if classify_phone(v).kind == "mobile")
        if values and mobiles * 5 >= len(values) * 3:
            found.append(c)
    return found


def build_table(rows: list[list[Any]], *, file: str, sheet: str, kind: str = CUSTOMERS,
                header_row: int | None = None,
                manual: dict[Any, str] | None = None) -> Table:
    """Locate the header (or take ``header_row``, 1-based), map the columns, list data rows.

    Raises ``InvalidInput`` with ``import_no_table`` (nothing in the sheet),
    ``import_bad_header_row`` or ``import_no_columns`` (neither a name nor a mobile column
    for customers; no mobile/name or no date column for visits).
    """
    if all(is_blank_row(r) for r in rows):
        raise InvalidInput("import_no_table", file=file, sheet=sheet)
    header_index: int | None
    if header_row is not None:
        if not 1 <= header_row <= len(rows) or is_blank_row(rows[header_row - 1]):
            raise InvalidInput("import_bad_header_row", file=file, sheet=sheet, row=header_row)
        header_index = header_row - 1
    else:
        header_index = locate_header(rows, kind)
        if header_index is None and manual:
            header_index = _row_with_keys(rows, manual)
        if header_index is None:
            if _mobile_columns(rows) or manual:
                return _headerless(rows, file=file, sheet=sheet, kind=kind, manual=manual)
            guess = _fallback_header(rows)
            found = "" if guess is None else "، ".join(
                clean_text(str(v)) for v in rows[guess] if not is_blank_cell(v))
            raise InvalidInput("import_no_columns", file=file, sheet=sheet, headers=found)

    headers = rows[header_index]
    after = rows[header_index + 1:]
    sample = [r for r in after[:SAMPLE_ROWS * 2] if not is_blank_row(r)][:SAMPLE_ROWS]
    mapping = build_mapping(headers, sample, kind, manual)
    _require_columns(mapping, file, sheet, kind)
    table = Table(file, sheet, kind, rows, header_index, mapping, [])
    table.notices.extend(column_notices(mapping))
    _collect_data_rows(table, header_index + 1)
    return table


def column_notices(mapping: ColumnMapping) -> list[FileNotice]:
    """One notice per column offered for a field it only resembles (محله: city)."""
    return [FileNotice("import_column_looks_like", {"column": mapping.label(i), "field": fld})
            for i, fld in sorted(mapping.suggested.items())]


def with_file_notices(table: Table, workbook: Any) -> Table:
    """``table`` with the notices of how ``workbook`` was read (a CSV named .xlsx) first."""
    table.notices[:0] = [FileNotice(code, data) for code, data in workbook.notices()]
    return table


def _row_with_keys(rows: Sequence[Sequence[Any]], manual: dict[Any, str]) -> int | None:
    """The first row (of the first few) holding a header named in a manual mapping."""
    keys = {header_key(k) for k in manual if isinstance(k, str)} - {""}
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        if any(isinstance(v, str) and header_key(v) in keys for v in row):
            return i
    return None


def _headerless(rows: list[list[Any]], *, file: str, sheet: str, kind: str,
                manual: dict[Any, str] | None) -> Table:
    width = max((len(r) for r in rows), default=0)
    letters = [column_letter(i) for i in range(width)]
    first = next(i for i, r in enumerate(rows) if not is_blank_row(r))
    sample = [r for r in rows[first:first + SAMPLE_ROWS] if not is_blank_row(r)]
    if manual:
        mapping = build_mapping(letters, sample, kind, manual)
        mapping.headers = [""] * width
    else:
        mapping = ColumnMapping(kind, [""] * width)
        mobiles = _mobile_columns(rows)
        mapping.fields[mobiles[0]] = "mobile"
        mapping.how[mobiles[0]] = "values"
        name_col = _name_column(sample, width, exclude=set(mobiles))
        if name_col is not None:
            mapping.fields[name_col] = "name"
            mapping.how[name_col] = "values"
    _require_columns(mapping, file, sheet, kind)
    table = Table(file, sheet, kind, rows, None, mapping, [])
    _collect_data_rows(table, first)
    return table


def _name_column(sample: Sequence[Sequence[Any]], width: int, exclude: set[int]) -> int | None:
    for c in range(width):
        if c in exclude:
            continue
        values = [r[c] for r in sample if c < len(r) and not is_blank_cell(r[c])]
        texts = [v for v in values if isinstance(v, str) and any(ch.isalpha() for ch in v)
                 and "@" not in v]
        if values and len(texts) * 5 >= len(values) * 3:
            return c
    return None


def _require_columns(mapping: ColumnMapping, file: str, sheet: str, kind: str) -> None:
    found = "، ".join(h for h in mapping.headers if h)
    if kind == CUSTOMERS:
        if not any(mapping.has(f) for f in ("name", "first_name", "last_name", "mobile")):
            raise InvalidInput("import_no_columns", file=file, sheet=sheet, headers=found)
    elif kind == VISITS and (
            not (mapping.has("mobile") or mapping.has("name")) or not mapping.has("date")):
        raise InvalidInput("import_no_visit_columns", file=file, sheet=sheet,
                               headers=found)


def _collect_data_rows(table: Table, start: int) -> None:
    rows = table.rows
    mapping = table.mapping
    header_keys = ([(h.strip(), header_key(h)) for h in mapping.headers]
                   if table.header_index is not None else [])
    data: list[int] = []
    blank = 0
    for i in range(start, len(rows)):
        row = rows[i]
        if is_blank_row(row):
            blank += 1
            continue
        if header_keys and _repeats_header(row, header_keys):
            table.skipped.append(SkippedRow(i + 1, "repeated_header"))
            continue
        data.append(i)
    # Totals rows at the end (at most a few), read from the bottom up.
    name_cols = [c for f in ("name", "first_name", "last_name") for c in mapping.columns(f)]
    mobile_cols = mapping.columns("mobile")
    totals: list[int] = []
    while data and len(totals) < MAX_TOTAL_ROWS and _is_totals(
            rows[data[-1]], name_cols, mobile_cols):
        totals.append(data.pop())
    for i in reversed(totals):
        table.skipped.append(SkippedRow(i + 1, "totals"))
    table.skipped.sort(key=lambda s: s.row)
    table.data_indexes = data
    table.blank_rows = blank


def _repeats_header(row: Sequence[Any], headers: list[tuple[str, str]]) -> bool:
    """True when at least two cells (and half the row) repeat the header above them.

    ``headers`` holds (stripped text, key) per column; the key is only computed for cells
    that could match (same first letter), which keeps 100k rows fast.
    """
    same = nonblank = 0
    width = len(headers)
    for c, v in enumerate(row):
        if v is None or v == "":
            continue
        nonblank += 1
        if type(v) is str and c < width:
            text, key = headers[c]
            if not key:
                continue
            s = v.strip()
            if s == text or (s[:1] == text[:1] and header_key(s) == key):
                same += 1
    return same >= 2 and same * 2 >= nonblank


def _is_totals(row: Sequence[Any], name_cols: list[int], mobile_cols: list[int]) -> bool:
    """A label such as "جمع" first and no mobile, or numbers only with no name or mobile."""
    for c in mobile_cols:
        if c < len(row) and not is_blank_cell(row[c]) and classify_phone(row[c]).kind == "mobile":
            return False
    values = [v for v in row if not is_blank_cell(v)]
    if not values or any(classify_phone(v).kind == "mobile" for v in values
                         if not isinstance(v, bool | dt.date | dt.time | dt.timedelta)):
        return False
    if isinstance(values[0], str):
        key = search_key(values[0]).rstrip(":： ").strip()
        if key in _TOTAL_WORDS or any(key.startswith(w + " ") for w in _TOTAL_WORDS[:4]):
            return True
    if any(c < len(row) and not is_blank_cell(row[c]) for c in name_cols):
        return False
    return all((isinstance(v, int | float) and not isinstance(v, bool))
               or (isinstance(v, str) and _numeric_text(v)) for v in values)


def _numeric_text(v: str) -> bool:
    text = search_key(v).replace(",", "").replace("٬", "").replace(" ", "")
    try:
        float(text)
    except ValueError:
        return False
    return True


# -------------------------------------------------------------------- choosing a sheet


def sheet_score(rows: Sequence[Sequence[Any]], kind: str) -> tuple[int, int, int]:
    """(key columns present, recognised headers, non-blank rows seen) of a sheet's head."""
    index = locate_header(rows, kind)
    if index is None:
        return (0, 0, sum(1 for r in rows if not is_blank_row(r)))
    header = rows[index]
    count = recognised_count(header, kind)
    mapping = build_mapping(header, [], kind)
    if kind == CUSTOMERS:
        key = int(mapping.has("name") or mapping.has("first_name")) + int(
            mapping.has("mobile") or mapping.has("phone2"))
        # Visit-only headers make a sheet look less like the customer list.
        count -= sum(1 for f in ("date", "amount", "service", "staff")
                     if build_mapping(header, [], VISITS).has(f))
    else:
        key = int(mapping.has("date")) + int(mapping.has("mobile") or mapping.has("name"))
        count = sum(1 for f in ("date", "time", "amount", "service", "staff", "payment",
                                "satisfaction") if mapping.has(f)) * 2 + count
    return (key, count, sum(1 for r in rows if not is_blank_row(r)))


def guess_sheet(workbook: Workbook, kind: str = CUSTOMERS) -> str:
    """The name of the sheet that looks most like a list of ``kind``."""
    best_name, best_score = None, None
    for name in workbook.sheet_names:
        if not workbook.sheet_fits(name):
            continue
        try:
            head = workbook.read_sheet(name, nrows=HEADER_SCAN_ROWS + 5)
        except InvalidInput:
            continue
        score = sheet_score(head, kind)
        if best_score is None or score > best_score:
            best_name, best_score = name, score
    if best_name is None:
        return workbook.sheet_names[0]
    return best_name


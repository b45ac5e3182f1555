"""The spreadsheet side of every export: one worksheet written row by row.

:class:`SheetWriter` writes an .xlsx with xlsxwriter in ``constant_memory`` mode to a
temporary file beside the target and renames it over the target at the end (a failed or
cancelled export leaves nothing half-written). Every sheet: right to left in Persian, a bold
frozen header row with an autofilter, column widths to fit the content, mobiles as text
(the leading 0 kept), amounts as numbers in the owner's currency with thousands separators
and the unit in the header («مبلغ (تومان)»), dates as Jalali text beside a real date cell.
Text is always written as a string cell; a text starting with ``=`` ``+`` ``-`` ``@``, a
tab or a carriage return also gets Excel's "quote prefix" style, so no spreadsheet takes it
for a formula. :func:`write_rows_copy` writes the import's "errors file".
"""

from __future__ import annotations

import contextlib
import os
import time
import traceback
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from typing import Any

import xlsxwriter

from shopcrm.domain.dates import format_jalali, utc_to_local
from shopcrm.domain.money import in_unit, unit_word
from shopcrm.errors import Cancelled, InvalidInput, StorageError
from shopcrm.longwork import Cancel, Progress, is_cancelled
from shopcrm.longwork import run_to_end as run_to_end  # the kit's, for older imports
from shopcrm.storage import safety

WHATS = ("customers", "visits", "absent", "overdue", "campaign")
PAGE = 2000
RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL = 32767  # Excel's limit of characters in one cell

ExportProgress = Progress  # rows written of rows to write


@dataclass(frozen=True)
class ExportResult:
    path: str
    what: str
    rows: int
    columns: list[str]
    seconds: float

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "what": self.what, "rows": self.rows,
                "columns": self.columns, "seconds": round(self.seconds, 3)}


# ---------------------------------------------------------------------------- the sheet


@dataclass(frozen=True)
class Column:
    """One column: ``kind`` is text|mobile|jalali|date|datetime|time|amount|number|raw
    (``time``: a real Excel time of day, shown hh:mm, so it sorts and sums like one);
    ``width`` is the widest it gets (the content of the first rows decides). An amount
    column's header names the unit its cells are in: «مبلغ (تومان)», ``Amount (tomans)``."""

    fa: str
    en: str
    kind: str = "text"
    width: float = 14

    def header(self, lang: str, currency: str = "rial") -> str:
        label = self.fa if lang == "fa" else self.en
        if self.kind == "amount":
            return f"{label} ({unit_word(currency, lang)})"
        return label


def _temp_path(path: Path) -> Path:
    return path.with_name(f".{path.stem}.{os.getpid()}.{time.monotonic_ns()}.tmp.xlsx")


def check_target(path: str | os.PathLike[str]) -> Path:
    """The target as a Path: it must end with .xlsx and its folder must exist."""
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise InvalidInput("export_not_xlsx", file=target.name)
    if not target.parent.is_dir():
        raise InvalidInput("export_folder_missing", folder=str(target.parent))
    if target.is_dir():
        raise InvalidInput("export_is_folder", file=str(target))
    return target


class SheetWriter:
    """One worksheet written row by row (xlsxwriter ``constant_memory``) to a temporary
    file, renamed to ``path`` by ``commit()``; ``discard()`` (or an error) removes it."""

    def __init__(self, path: str | os.PathLike[str], columns: Sequence[Column], *,
                 sheet: str = "Sheet1", lang: str = "fa", currency: str = "toman") -> None:
        self.path = check_target(path)
        self.columns = list(columns)
        self.lang = lang
        self.currency = currency  # amounts (stored as rials) are written in this unit
        self.tmp = _temp_path(self.path)
        self.wb = xlsxwriter.Workbook(str(self.tmp), {
            "constant_memory": True, "strings_to_formulas": False,
            "strings_to_numbers": False, "strings_to_urls": False})
        self.ws = self.wb.add_worksheet(_sheet_name(sheet))
        if lang == "fa":
            self.ws.right_to_left()
        wb = self.wb
        self.header_fmt = wb.add_format({"bold": True, "bg_color": "#EEEEEE", "border": 1,
                                         "text_wrap": True, "valign": "top"})
        self.quote_fmt = wb.add_format({"quote_prefix": True})
        self.formats = {
            "date": wb.add_format({"num_format": "yyyy-mm-dd"}),
            "datetime": wb.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
            "time": wb.add_format({"num_format": "hh:mm"}),
            "amount": wb.add_format({"num_format": "#,##0"}),
            "number": None,
        }
        self.writers = [self._writer(c.kind) for c in self.columns]
        self.headers = [c.header(lang, currency) for c in self.columns]
        self.widths = [_shown_width(h) for h in self.headers]
        for i, h in enumerate(self.headers):
            self.ws.write_string(0, i, h, self.header_fmt)
        self.ws.freeze_panes(1, 0)
        self.row = 1

    def _writer(self, kind: str) -> Callable[[int, int, Any], None]:
        ws = self.ws
        if kind in ("text", "jalali", "mobile"):
            return self._text
        if kind in ("date", "datetime", "time"):
            fmt = self.formats[kind]

            def write_date(r: int, c: int, v: Any) -> None:
                if v is not None:
                    ws.write_datetime(r, c, v, fmt)

            return write_date
        fmt = self.formats.get(kind)
        if kind == "amount":
            currency = self.currency

            def write_amount(r: int, c: int, v: Any) -> None:
                if v is not None:
                    ws.write_number(r, c, in_unit(v, currency), fmt)

            return write_amount

        def write_number(r: int, c: int, v: Any) -> None:
            if v is not None:
                ws.write_number(r, c, v, fmt)

        return write_number

    def _text(self, r: int, c: int, v: Any) -> None:
        if v is None or v == "":
            return
        if type(v) is not str:
            v = str(v)
        if len(v) > MAX_CELL:
            v = v[:MAX_CELL]
        if v[0] in RISKY_STARTS:
            self.ws.write_string(r, c, v, self.quote_fmt)
        else:
            self.ws.write_string(r, c, v)

    def write(self, values: Sequence[Any]) -> None:
        r = self.row
        for c, (write, v) in enumerate(zip(self.writers, values, strict=False)):
            write(r, c, v)
        self.row = r + 1
        if r <= FIT_ROWS:
            widths = self.widths
            for c, v in enumerate(values):
                if v is not None:
                    w = _shown_width(v)
                    if w > widths[c]:
                        widths[c] = w

    @property
    def rows_written(self) -> int:
        return self.row - 1

    def commit(self) -> Path:
        last = max(self.row - 1, 1)
        self.ws.autofilter(0, 0, last, len(self.columns) - 1)
        for i, (c, w) in enumerate(zip(self.columns, self.widths, strict=True)):
            # the filter button takes about two characters beside the header
            header = _shown_width(self.headers[i]) + 2.5
            self.ws.set_column(i, i, max(6.0, min(w + 2.5, max(float(c.width), header))))
        try:
            self.wb.close()
            os.replace(self.tmp, self.path)
        except (OSError, xlsxwriter.exceptions.XlsxWriterException) as exc:
            _release_zip_files(exc)
            self.discard()
            clear = safety.translate(exc, self.path.parent)  # disk_full / read_only
            if isinstance(clear, StorageError):
                raise clear from exc
            detail = getattr(exc, "strerror", None) or str(exc)
            raise StorageError("export_write_failed", file=self.path.name,
                               detail=detail) from exc
        return self.path

    def discard(self) -> None:
        """Remove the temporary output and xlsxwriter's own row-data file."""
        ws = self.ws
        handle = getattr(ws, "row_data_fh", None)
        with contextlib.suppress(OSError, ValueError):
            if handle is not None and not handle.closed:
                handle.close()
        name = getattr(ws, "row_data_filename", None)
        for leftover in (self.tmp, Path(name) if name else None):
            if leftover is not None:
                with contextlib.suppress(OSError):
                    leftover.unlink()


FIT_ROWS = 1000  # rows looked at to size the columns


def _shown_width(v: Any) -> float:
    """About how many characters wide ``v`` shows."""
    if isinstance(v, str):
        longest = max(map(len, v.split("\n"))) if "\n" in v else len(v)
        return float(longest)
    if isinstance(v, datetime):
        return 16.0
    if isinstance(v, date):
        return 10.0
    if isinstance(v, dtime):
        return 5.0
    if isinstance(v, bool):
        return 5.0
    if isinstance(v, int):
        digits = len(str(abs(v)))
        return float(digits + (digits - 1) // 3)
    if isinstance(v, float):
        return float(min(len(repr(v)), 15))
    return float(len(str(v)))


def _sheet_name(name: str) -> str:
    for ch in "[]:*?/\\":
        name = name.replace(ch, " ")
    return (name.strip() or "Sheet1")[:31]


class _Dates:
    """Jalali text of dates, remembered (lists repeat dates a lot)."""

    def __init__(self, lang: str) -> None:
        self.persian = lang == "fa"
        self._cache: dict[date, str] = {}

    def __call__(self, d: date | None) -> str | None:
        if d is None:
            return None
        out = self._cache.get(d)
        if out is None:
            out = self._cache[d] = format_jalali(d, persian_digits=self.persian)
        return out


class _LocalDates:
    """Tehran dates of UTC instants. The offset is the same within a UTC half hour (Iran's
    clock changes happened at local midnight, a half hour in UTC), so it is looked up once
    per half hour."""

    def __init__(self) -> None:
        self._offsets: dict[tuple[int, int, int, int, bool], timedelta] = {}

    def __call__(self, utc: datetime) -> date:
        key = (utc.year, utc.month, utc.day, utc.hour, utc.minute >= 30)
        offset = self._offsets.get(key)
        if offset is None:
            offset = self._offsets[key] = utc_to_local(utc) - utc
        return (utc + offset).date()


def _run(writer: SheetWriter, pages: Iterable[list[Sequence[Any]]], total: int,
         what: str, cancel: Cancel) -> Iterator[ExportProgress | ExportResult]:
    """Write every page, yielding progress; commit at the end, discard on any failure."""
    start = time.perf_counter()
    committed = False
    try:
        yield ExportProgress(0, total)
        for page in pages:
            if is_cancelled(cancel):
                raise Cancelled()
            for values in page:
                writer.write(values)
            yield ExportProgress(writer.rows_written, max(total, writer.rows_written))
        if is_cancelled(cancel):
            raise Cancelled()
        path = writer.commit()
        committed = True
    finally:
        if not committed:
            writer.discard()
    yield ExportResult(str(path), what, writer.rows_written,
                       list(writer.headers),
                       time.perf_counter() - start)


def _release_zip_files(exc: BaseException) -> None:
    """Close the zip archive xlsxwriter left open when writing failed (a full disk).

    Otherwise the archive, kept alive by the traceback, tries to write its end record
    again when it is collected and prints "Exception ignored ... No space left on device"
    with a traceback under the owner's one-line message.
    """
    seen: set[int] = set()
    error: BaseException | None = exc
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        for frame, _line in traceback.walk_tb(error.__traceback__):
            for value in list(frame.f_locals.values()):
                if isinstance(value, zipfile.ZipFile) and value.fp is not None:
                    handle, value.fp = value.fp, None  # close() is a no-op from now on
                    if not value._filePassed:  # type: ignore[attr-defined]
                        with contextlib.suppress(OSError, ValueError):
                            handle.close()
        error = error.__cause__ or error.__context__


# ---------------------------------------------------------------------------- rows copy


def write_rows_copy(path: str | os.PathLike[str], headers: Sequence[str],
                    rows: Sequence[tuple[int, Sequence[Any]]], reasons: dict[int, str], *,
                    lang: str = "fa", sheet: str = "Sheet1") -> int:
    """Rows of an imported sheet as they were (cell types kept), each with its original row
    number and a reason column: the "errors file" to fix and import again."""
    width = max([len(headers), *(len(v) for _, v in rows)], default=0)
    from shopcrm.services.excel.columns import column_letter

    names = [(headers[i] if i < len(headers) and headers[i] else column_letter(i))
             for i in range(width)]
    columns = [Column("ردیف در فایل اصلی", "Row in the original file", "number", 10),
               *(Column(n, n, "raw", 40) for n in names),
               Column("دلیل خطا", "Reason", "text", 80)]
    writer = SheetWriter(path, columns, sheet=sheet, lang=lang)
    raw = _RawCells(writer)
    writer.writers[1:1 + width] = [raw] * width
    try:
        for number, values in rows:
            cells = list(values[:width]) + [None] * (width - len(values))
            writer.write([number, *cells, reasons.get(number, "")])
        writer.commit()
    except BaseException:
        writer.discard()
        raise
    return len(rows)


class _RawCells:
    """Writes a cell of any type as the spreadsheet had it."""

    def __init__(self, writer: SheetWriter) -> None:
        self.w = writer
        self.date_fmt = writer.formats["date"]
        self.datetime_fmt = writer.formats["datetime"]

    def __call__(self, r: int, c: int, v: Any) -> None:
        ws = self.w.ws
        if v is None or v == "":
            return
        if isinstance(v, bool):
            ws.write_boolean(r, c, v)
        elif isinstance(v, int | float):
            if v == v and v not in (float("inf"), float("-inf")):
                ws.write_number(r, c, v)
        elif isinstance(v, datetime):
            ws.write_datetime(r, c, v, self.datetime_fmt)
        elif isinstance(v, date):
            ws.write_datetime(r, c, v, self.date_fmt)
        elif isinstance(v, dtime):
            self.w._text(r, c, v.strftime("%H:%M"))
        elif isinstance(v, timedelta):
            seconds = int(v.total_seconds())
            self.w._text(r, c, f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}")
        else:
            self.w._text(r, c, str(v))

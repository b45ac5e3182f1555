"""File formats -> sheets of raw cell rows.

``open_workbook(path)`` looks at the bytes, never at the extension, to decide what a file
is: a zip (``PK\\x03\\x04``) is xlsx/xlsm or ods, an OLE2 compound file
(``\\xD0\\xCF\\x11\\xE0``) is an xls or a password-protected OOXML, anything else is read
as CSV text when it looks like text. Spreadsheets are read with python-calamine (cached
values of formulas, date cells as ``date``/``datetime``); CSV is decoded (UTF-8 with or
without BOM, UTF-16 with BOM, else Windows-1256) and its separator sniffed.

Every failure is one ``InvalidInput`` (or ``StorageError`` for an unreadable disk file)
with a code from the ``# -- import and export`` block of ``shopcrm.error_text`` and the
file name in its data; nothing is written anywhere.

Guards, all before calamine sees a byte: the file size, and for zips those of
``zip_books`` (entries, sizes, ratios, cell references; a big honest workbook is told
"too many rows", not refused as a zip bomb). After loading, a sheet larger than
``Limits.max_rows`` rows is "too many rows", one over ``Limits.max_cells`` "too big, split
it" (or, when a few cells stretch a vast empty rectangle, the safety refusal), before it is
turned into Python lists.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import python_calamine

from shopcrm.errors import InvalidInput, StorageError

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SPREADSHEET_EXTENSIONS = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".xlsb", ".xltx", ".xltm"})
TEXT_EXTENSIONS = frozenset({".csv", ".txt", ".tsv", ".tab", ""})
CSV_SEPARATORS = (",", ";", "\t", "|")


@dataclass(frozen=True)
class Limits:
    """What a file may claim before it is refused. Defaults fit 200k customers easily."""

    max_file_bytes: int = 100 * 2**20
    max_uncompressed_bytes: int = 200 * 2**20  # whole zip, declared and real
    max_ratio: int = 100  # uncompressed / compressed, per zip entry over 1 MiB
    max_entries: int = 2_000
    max_rows: int = 200_000  # per sheet, counting from row 1
    max_cells: int = 6_000_000  # rows x columns of a sheet's rectangle from A1


DEFAULT_LIMITS = Limits()


@dataclass
class _SheetClaim:
    """The rectangle (1-based, from A1) a sheet's cells reach, read before calamine."""

    rows: int = 0
    columns: int = 0
    written: int | None = None  # cells actually written (None: not counted)

    @property
    def cells(self) -> int:
        return self.rows * self.columns


class Workbook:
    """An opened spreadsheet or CSV file: sheet names and their raw rows.

    ``read_sheet(name)`` returns every row from row 1 and column A, so ``rows[i]`` is the
    row the spreadsheet shows as ``i + 1``. Cells are ``str`` (``""`` when empty),
    ``float``/``int``, ``bool``, ``date``/``datetime``/``time``/``timedelta``; formulas
    come as their cached values. Rows of a CSV can be ragged.
    """

    def __init__(self, path: Path, kind: str, *, limits: Limits = DEFAULT_LIMITS,
                 calamine: python_calamine.CalamineWorkbook | None = None,
                 csv_rows: list[list[str]] | None = None,
                 encoding: str | None = None, delimiter: str | None = None,
                 claims: dict[str, _SheetClaim] | None = None,
                 named_as: str | None = None) -> None:
        self.path = path
        self.file_name = path.name
        self.kind = kind  # "xlsx" | "xls" | "ods" | "csv"
        # The extension when it claims a spreadsheet the content is not (a CSV text file
        # named .xlsx): it was read as what it is, and ``notices`` says so.
        self.named_as = named_as
        self.limits = limits
        self.encoding = encoding
        self.delimiter = delimiter
        self._calamine = calamine
        self._csv_rows = csv_rows
        self._claims = claims or {}
        self._sheets: dict[str, python_calamine.CalamineSheet] = {}
        if calamine is not None:
            self.sheet_names: list[str] = [
                m.name for m in calamine.sheets_metadata
                if m.typ == python_calamine.SheetTypeEnum.WorkSheet
            ] or list(calamine.sheet_names)
        else:
            self.sheet_names = [path.stem or "sheet"]

    # -- context manager
    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._calamine is not None:
            with contextlib.suppress(python_calamine.CalamineError):
                self._calamine.close()
            self._calamine = None
            self._sheets.clear()

    # -- reading
    def _check_name(self, name: str) -> None:
        if name not in self.sheet_names:
            raise InvalidInput("import_sheet_not_found", file=self.file_name, sheet=name,
                               sheets="، ".join(self.sheet_names))

    def read_sheet(self, name: str, *, nrows: int | None = None) -> list[list[Any]]:
        """Every row of sheet ``name`` from row 1 (or the first ``nrows`` of them)."""
        self._check_name(name)
        if self._csv_rows is not None:
            return self._csv_rows if nrows is None else self._csv_rows[:nrows]
        claim = self._claim(name)
        if claim is not None:
            self._enforce(name, claim.rows, claim.columns, claim.written)
        if self._calamine is None:
            raise InvalidInput("import_corrupt", file=self.file_name, reason="closed")
        try:
            sheet = self._sheets.get(name)
            if sheet is None:
                sheet = self._sheets[name] = self._calamine.get_sheet_by_name(name)
            end = sheet.end
            height, width = (end[0] + 1, end[1] + 1) if end else (0, 0)
            self._enforce(name, height, width)
            return sheet.to_python(skip_empty_area=False, nrows=nrows)
        except python_calamine.PasswordError:
            raise InvalidInput("import_encrypted", file=self.file_name) from None
        except python_calamine.CalamineError as exc:
            raise _corrupt(self.path, exc) from None
        except BaseException as exc:  # a Rust panic inside calamine on a damaged file
            if _is_panic(exc):
                raise _corrupt(self.path, exc) from None
            raise

    def iter_rows(self, name: str) -> Iterator[list[Any]]:
        """The rows of ``read_sheet(name)`` one by one."""
        yield from self.read_sheet(name)

    def _enforce(self, sheet: str, rows: int, columns: int,
                 written: int | None = None) -> None:
        if rows > self.limits.max_rows:
            raise InvalidInput("import_too_many_rows", file=self.file_name, sheet=sheet,
                               rows=rows, limit=self.limits.max_rows)
        if rows * columns > self.limits.max_cells:
            if written is not None and written * 4 < rows * columns:
                # a few cells stretching a vast empty rectangle: not a list, a trap
                raise InvalidInput("import_suspicious_file", file=self.file_name,
                                   reason=f"sheet {sheet!r} spans {rows} rows x {columns}"
                                          f" columns with {written} cells")
            raise InvalidInput("import_sheet_too_big", file=self.file_name, sheet=sheet,
                               rows=rows, columns=columns)

    def _claim(self, name: str) -> _SheetClaim | None:
        """What the pre-scan found for ``name`` ("*": the largest sheet, when unsure)."""
        return self._claims.get(name) or self._claims.get("*")

    def sheet_fits(self, name: str) -> bool:
        """False when reading ``name`` would be refused for its size (checked without reading)."""
        claim = self._claim(name)
        if claim is None:
            return True
        return (claim.rows <= self.limits.max_rows
                and claim.cells <= self.limits.max_cells)

    def guess_customer_sheet(self) -> str:
        """The sheet that looks most like a customer list (most recognised headers)."""
        from shopcrm.services.excel.table import guess_sheet

        return guess_sheet(self, "customers")

    def guess_visits_sheet(self) -> str:
        """The sheet that looks most like a list of visits (date, amount, service...)."""
        from shopcrm.services.excel.table import guess_sheet

        return guess_sheet(self, "visits")

    def notices(self) -> list[tuple[str, dict[str, Any]]]:
        """What the owner must be told about how the file was read: (code, data)."""
        if self.kind == "csv" and self.named_as:
            separator = {"\t": "tab", " ": "space"}.get(self.delimiter or ",",
                                                       self.delimiter or ",")
            return [("import_read_as_csv", {"file": self.file_name, "ext": self.named_as,
                                            "encoding": self.encoding or "utf-8",
                                            "delimiter": separator})]
        return []

    def __repr__(self) -> str:
        return f"Workbook({self.file_name!r}, {self.kind}, sheets={self.sheet_names!r})"


# --------------------------------------------------------------------------- opening


def open_workbook(path: str | Path, *, limits: Limits = DEFAULT_LIMITS) -> Workbook:
    """Open ``path`` for reading, whatever its extension says; see the module docstring."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InvalidInput("import_file_not_found", file=name)
    except FileNotFoundError:
        raise InvalidInput("import_file_not_found", file=name) from None
    except OSError as exc:
        raise _unreadable(name, exc) from None
    if size == 0:
        raise InvalidInput("import_empty_file", file=name)
    if size > limits.max_file_bytes:
        raise InvalidInput("import_too_large", file=name, size_mb=round(size / 2**20),
                           limit_mb=limits.max_file_bytes // 2**20)
    try:
        with path.open("rb") as f:
            head = f.read(8)
    except OSError as exc:
        raise _unreadable(name, exc) from None
    if head.startswith(ZIP_MAGIC):
        from shopcrm.services.excel.zip_books import open_zip  # the zip guards

        return open_zip(path, limits)
    if head.startswith(EMPTY_ZIP_MAGIC):
        raise InvalidInput("import_empty_file", file=name)
    if head.startswith(OLE_MAGIC):
        return _open_ole(path, limits)
    return _open_text(path, limits)


def _unreadable(name: str, exc: OSError) -> StorageError:
    return StorageError("import_unreadable", file=name, detail=exc.strerror or str(exc))


def _corrupt(path: Path, exc: BaseException) -> InvalidInput:
    reason = " ".join(str(exc).split())[:200] or type(exc).__name__
    return InvalidInput("import_corrupt", file=path.name, reason=reason)


def _load_calamine(path: Path) -> python_calamine.CalamineWorkbook:
    """calamine's ``from_path`` trusts the extension; a file object is sniffed by content."""
    try:
        with path.open("rb") as f:
            return python_calamine.CalamineWorkbook.from_filelike(f)
    except python_calamine.PasswordError:
        raise InvalidInput("import_encrypted", file=path.name) from None
    except (python_calamine.CalamineError, OSError, ValueError) as exc:
        raise _corrupt(path, exc) from None
    except BaseException as exc:
        if _is_panic(exc):
            raise _corrupt(path, exc) from None
        raise


def _is_panic(exc: BaseException) -> bool:
    """pyo3 turns a Rust panic into ``pyo3_runtime.PanicException``, a BaseException."""
    return type(exc).__module__ == "pyo3_runtime" or type(exc).__name__ == "PanicException"


# --------------------------------------------------------------------------- OLE: xls


def _open_ole(path: Path, limits: Limits) -> Workbook:
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _unreadable(name, exc) from None
    # Directory entry names are UTF-16LE. An encrypted xlsx/docx is an OLE file holding
    # "EncryptionInfo" and "EncryptedPackage" streams.
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise InvalidInput("import_encrypted", file=name)
    if ("Workbook".encode("utf-16-le") not in data
            and "Book".encode("utf-16-le") not in data):
        kind = "Word (doc)" if "WordDocument".encode("utf-16-le") in data else "OLE"
        raise InvalidInput("import_unsupported_format", file=name, kind=kind)
    return Workbook(path, "xls", limits=limits, calamine=_load_calamine(path))


# --------------------------------------------------------------------------- text: csv


def _decode(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) or None when the bytes are not text."""
    if data.startswith(codecs.BOM_UTF8):
        return _try(data[3:], "utf-8", "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _try(data, "utf-16", "utf-16")
    sample = data[:4096]
    if len(sample) >= 4 and sample[1::2].count(0) > len(sample) // 4 and sample[0::2].count(0) == 0:
        return _try(data, "utf-16-le", "utf-16-le")
    if b"\x00" in sample:
        return None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _try(data, "cp1256", "cp1256")


def _try(data: bytes, codec: str, label: str) -> tuple[str, str] | None:
    try:
        return data.decode(codec), label
    except UnicodeDecodeError:
        return None


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    return bool(sample) and len(_CONTROL.findall(sample)) > max(2, len(sample) // 100)


def _open_text(path: Path, limits: Limits) -> Workbook:
    name = path.name
    ext = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _unreadable(name, exc) from None
    kind = _binary_kind(data)
    if kind:
        raise InvalidInput("import_unsupported_format", file=name, kind=kind)
    decoded = _decode(data)
    if decoded is None or _looks_binary(decoded[0]):
        raise InvalidInput("import_binary_file", file=name)
    text, encoding = decoded
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise InvalidInput("import_empty_file", file=name)
    head = text.lstrip()[:2048].lower()
    if head.startswith("<") and ("<html" in head or "<table" in head or "<!doctype" in head):
        raise InvalidInput("import_html_file", file=name, ext=ext or "-")
    if head.startswith("<?xml") and "urn:schemas-microsoft-com:office:spreadsheet" in text[:4096]:
        raise InvalidInput("import_unsupported_format", file=name, kind="XML Spreadsheet 2003")
    # Excel reads a first line "sep=;" as a directive and shows the next line as row 1.
    directive = re.match(r"sep=(.)\r?\n", text[:8], re.IGNORECASE)
    if directive:
        delimiter = directive.group(1)
        text = text[directive.end():]
    else:
        delimiter = sniff_delimiter(text)
    if ext not in TEXT_EXTENSIONS and not _tabular(text, delimiter):
        raise InvalidInput("import_wrong_extension", file=name, ext=ext)
    rows = _parse_csv(text, delimiter, path, limits)
    return Workbook(path, "csv", limits=limits, csv_rows=rows, encoding=encoding,
                    delimiter=delimiter,
                    named_as=ext if ext in SPREADSHEET_EXTENSIONS else None)


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in ((b"%PDF", "PDF"), (b"\x89PNG", "PNG"), (b"\xff\xd8\xff", "JPEG"),
                        (b"GIF8", "GIF"), (b"Rar!", "RAR"), (b"7z\xbc\xaf", "7z"),
                        (b"\x1f\x8b", "gzip"), (b"\x09\x08\x10\x00", "BIFF")):
        if data.startswith(magic):
            return kind
    return None


def _sample_lines(text: str, n: int = 30) -> list[str]:
    lines = []
    for line in text[:65536].splitlines():
        if line.strip():
            lines.append(line)
            if len(lines) >= n:
                break
    return lines


def sniff_delimiter(text: str) -> str:
    """``,`` ``;`` tab or ``|``: the one splitting the first lines most consistently."""
    lines = _sample_lines(text)
    if not lines:
        return ","
    best, best_score = ",", (0, 0, 0)
    for sep in CSV_SEPARATORS:
        try:
            counts = [len(r) for r in csv.reader(lines, delimiter=sep)]
        except csv.Error:
            continue
        multi = [c for c in counts if c > 1]
        if not multi:
            continue
        mode = max(set(multi), key=multi.count)
        score = (multi.count(mode), len(multi), mode)
        if score > best_score:
            best, best_score = sep, score
    return best


def _tabular(text: str, delimiter: str) -> bool:
    """True when the first lines split into a consistent table of two columns or more."""
    lines = _sample_lines(text, 20)
    try:
        counts = [len(r) for r in csv.reader(lines, delimiter=delimiter)]
    except csv.Error:
        return False
    multi = [c for c in counts if c > 1]
    if len(multi) < max(2, int(0.8 * len(counts))):
        return False
    mode = max(set(multi), key=multi.count)
    return multi.count(mode) >= 0.6 * len(counts)


def _parse_csv(text: str, delimiter: str, path: Path, limits: Limits) -> list[list[str]]:
    if csv.field_size_limit() < 16 * 2**20:
        csv.field_size_limit(16 * 2**20)
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            rows.append(row)
            if len(rows) > limits.max_rows:
                raise InvalidInput("import_too_many_rows", file=path.name, sheet=path.stem,
                                   rows=f"{limits.max_rows}+", limit=limits.max_rows)
    except csv.Error as exc:
        raise _corrupt(path, exc) from None
    width = max((len(r) for r in rows), default=0)
    if len(rows) * width > limits.max_cells:
        raise InvalidInput("import_sheet_too_big", file=path.name, sheet=path.stem,
                           rows=len(rows), columns=width)
    return rows

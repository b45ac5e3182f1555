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

Guards, all before calamine sees a byte: the file size; for zips the entry count, the
declared uncompressed sizes and compression ratios (a zip bomb), the real decompressed
sizes (a zip that lies about them fails its CRC check) and, for xlsx, every cell
reference of every sheet (a tiny file that puts one cell at ``XFD1048576`` makes calamine
allocate the whole rectangle and abort the process); for ods the repeated non-empty rows
and cells. After loading, a sheet larger than ``Limits.max_rows`` or ``Limits.max_cells`` is
refused before it is turned into Python lists.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

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
        return _open_zip(path, limits)
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


# --------------------------------------------------------------------------- zip: xlsx, ods

# A cell reference as nearly every writer puts it (r first); counted against all cells.
_FAST_ROW_REF = re.compile(rb'<row r="([0-9]{1,9})"')
_DIGITS = b"0123456789"
_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ANY_CELL_REF = re.compile(
    rb'<(?:[A-Za-z_][\w.-]*:)?c\s[^>]*?\br\s*=\s*["\']([A-Za-z]{1,3})([0-9]{1,9})["\']')
_ROW_REF = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?row\s[^>]*?\br\s*=\s*["\']([0-9]{1,9})["\']')
_ROW_SPLIT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_ODS_REPEAT = re.compile(
    rb'<table:table-(row|cell)\b[^>]*?table:number-(?:rows|columns)-repeated="([0-9]+)"[^>]*?(/?)>')
_ODS_VALUE = re.compile(rb"office:value-type=|<text:p\b")
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


# What a damaged zip can raise while being read, besides zipfile.BadZipFile.
_ZIP_ERRORS = (OSError, EOFError, ValueError, NotImplementedError, zlib.error, struct.error,
               UnicodeDecodeError, RuntimeError)


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ch - 64)
    return n


def _open_zip(path: Path, limits: Limits) -> Workbook:
    name = path.name
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise InvalidInput("import_corrupt", file=name, reason=f"broken zip: {exc}") from None
    except _ZIP_ERRORS as exc:
        raise _corrupt(path, exc) from None
    with zf:
        infos = zf.infolist()
        names = {i.filename for i in infos}
        if not infos:
            raise InvalidInput("import_empty_file", file=name)
        if len(infos) > limits.max_entries:
            raise InvalidInput("import_suspicious_file", file=name,
                               reason=f"{len(infos)} zip entries")
        if any(i.flag_bits & 0x1 for i in infos):
            raise InvalidInput("import_encrypted", file=name)
        kind = _zip_kind(zf, names)
        if kind != "xlsx" and kind != "ods":
            raise InvalidInput("import_unsupported_format", file=name, kind=kind)
        try:
            _check_sizes(infos, limits, name)
            claims = _scan_zip(zf, infos, kind, limits, name)
        except InvalidInput as exc:
            # A big but honest workbook trips the size guards too: when its sheets say
            # they hold more rows than an import takes, say that (split the file).
            if exc.code == "import_suspicious_file" and kind == "xlsx":
                raise _too_many_rows(zf, infos, limits, name) or exc from None
            raise
        except zipfile.BadZipFile as exc:
            raise InvalidInput("import_corrupt", file=name, reason=f"broken zip: {exc}") from None
        except _ZIP_ERRORS as exc:
            raise _corrupt(path, exc) from None
    return Workbook(path, kind, limits=limits, calamine=_load_calamine(path), claims=claims)


def _check_sizes(infos: list[zipfile.ZipInfo], limits: Limits, name: str) -> None:
    """The sizes a zip declares: in all, and compression ratios of its big entries."""
    declared = sum(i.file_size for i in infos)
    if declared > limits.max_uncompressed_bytes:
        raise InvalidInput("import_suspicious_file", file=name,
                           reason=f"declares {declared} bytes uncompressed")
    for info in infos:
        if info.file_size > 2**20 and (
                info.compress_size == 0
                or info.file_size / info.compress_size > limits.max_ratio):
            raise InvalidInput("import_suspicious_file", file=name,
                               reason=f"{info.filename} compressed {info.compress_size}"
                                      f" -> {info.file_size} bytes")


_DIMENSION = re.compile(
    rb'<(?:[A-Za-z_][\w.-]*:)?dimension\s+ref="[A-Za-z]{1,3}[0-9]{1,7}'
    rb'(?::[A-Za-z]{1,3}([0-9]{1,7}))?"')


def _too_many_rows(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], limits: Limits,
                   name: str) -> InvalidInput | None:
    """``import_too_many_rows`` when a worksheet's ``<dimension>`` (in its first bytes:
    only a few KB are decompressed, even of a zip bomb) reaches past ``max_rows``."""
    reach: dict[str, int] = {}
    for info in infos:
        part = info.filename
        if not (part.startswith("xl/worksheets/") and part.endswith(".xml")):
            continue
        try:
            with zf.open(info) as f:
                head = f.read(16384)
        except (zipfile.BadZipFile, *_ZIP_ERRORS):
            continue
        m = _DIMENSION.search(head)
        if m and m.group(1):
            reach[part] = int(m.group(1))
    if not reach:
        return None
    part, rows = max(reach.items(), key=lambda item: item[1])
    if rows <= limits.max_rows:
        return None
    sheet = next((n for n, p in _sheet_parts(_small_parts(zf, infos)).items() if p == part),
                 Path(part).stem)
    return InvalidInput("import_too_many_rows", file=name, sheet=sheet, rows=rows,
                        limit=limits.max_rows)


def _small_parts(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> dict[str, bytes]:
    """workbook.xml and its relationships, when they are of a sane size."""
    out: dict[str, bytes] = {}
    for info in infos:
        if info.filename in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels") and \
                info.file_size < 2**20:
            with contextlib.suppress(zipfile.BadZipFile, *_ZIP_ERRORS):
                out[info.filename] = zf.read(info)
    return out


def _zip_kind(zf: zipfile.ZipFile, names: set[str]) -> str:
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        return "XLSB"
    if "mimetype" in names:
        try:
            mimetype = zf.read("mimetype")[:100].strip()
        except (zipfile.BadZipFile, *_ZIP_ERRORS):
            mimetype = b""
        if mimetype == _ODS_MIMETYPE:
            return "ods"
        if b"opendocument.text" in mimetype:
            return "ODT"
        return "OpenDocument"
    if "content.xml" in names and "META-INF/manifest.xml" in names:
        return "ods"
    if "word/document.xml" in names:
        return "Word (docx)"
    if "ppt/presentation.xml" in names:
        return "PowerPoint (pptx)"
    return "ZIP"


def _read_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: list[int],
                limits: Limits, file_name: str, keep: bool) -> bytes:
    """Decompress one entry for real, counting against the whole file's budget."""
    chunks: list[bytes] = []
    with zf.open(info) as f:
        while True:
            chunk = f.read(1 << 20)
            if not chunk:
                break
            budget[0] += len(chunk)
            if budget[0] > limits.max_uncompressed_bytes:
                raise InvalidInput("import_suspicious_file", file=file_name,
                                   reason="decompresses beyond the limit")
            if keep:
                chunks.append(chunk)
    return b"".join(chunks)


def _scan_zip(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], kind: str, limits: Limits,
              file_name: str) -> dict[str, _SheetClaim]:
    """Decompress every XML part once (sizes and CRCs checked) and measure each sheet."""
    budget = [0]
    part_claims: dict[str, _SheetClaim] = {}
    small: dict[str, bytes] = {}
    for info in infos:
        lower = info.filename.lower()
        if info.is_dir() or not (lower.endswith((".xml", ".rels")) or lower == "mimetype"):
            continue
        data = _read_entry(zf, info, budget, limits, file_name, keep=True)
        if kind == "xlsx":
            if b"sheetData" in data:
                part_claims[info.filename] = _xlsx_claim(data)
            elif info.filename in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
                small[info.filename] = data
        elif info.filename == "content.xml":
            _check_ods(data, file_name)
    for claim in part_claims.values():
        # Parts no sheet name points at are never read; still, nothing may be huge.
        if claim.rows > 1_048_576 or claim.columns > 16_384:
            raise InvalidInput("import_suspicious_file", file=file_name,
                               reason=f"cell beyond the sheet edge ({claim.rows} rows)")
    if kind != "xlsx":
        return {}
    return _claims_by_sheet_name(small, part_claims)


def _xlsx_claim(data: bytes) -> _SheetClaim:
    """How far a worksheet's cells reach: rows x columns from A1.

    calamine builds its grid from the cells (not from ``<dimension>`` nor empty rows), so
    the cell references are what count. The fast path (every cell written ``<c r="..."``,
    as Excel, LibreOffice, openpyxl and xlsxwriter do) takes ~0.2 s for 1M cells and
    counts one-letter columns as 26 (an upper bound: 200k rows x 26 fits the limits).
    """
    fast = (b":sheetData" not in data and b"<c>" not in data and b"<c/>" not in data
            and data.count(b"<c ") == data.count(b'<c r="'))
    if fast:
        # Only references that could stretch the grid past A1:Z<last row> are collected:
        # two- or three-letter columns, and rows with as many digits as the last <row>.
        last_row = max(map(int, _FAST_ROW_REF.findall(data)), default=0)
        width = len(str(last_row)) if last_row else 1
        pattern = rb'<c r="([A-Z]{2,3}[0-9]{1,9}|[A-Z][0-9]{%d,9})"' % width
        rare = re.findall(pattern, data)
        columns = 26 if b'<c r="' in data else 0  # an upper bound for one-letter columns
        rows = last_row
        if rare:
            columns = max(columns, *map(_column_number, {r.rstrip(_DIGITS) for r in rare}))
            rows = max(rows, *(int(r.lstrip(_LETTERS)) for r in rare))
        return _SheetClaim(rows=rows, columns=columns, written=data.count(b'<c r="'))
    pairs = _ANY_CELL_REF.findall(data)
    row_refs = _ROW_REF.findall(data)
    rows = max(map(int, row_refs), default=0)
    columns = 0
    if pairs:
        rows = max(rows, max(int(r) for _, r in pairs))
        columns = max(_column_number(c) for c in {c for c, _ in pairs})
    # Some writers leave out references: such cells and rows follow the previous ones.
    segments = _ROW_SPLIT.split(data)
    widest = max((len(_CELL_TAG.findall(seg)) for seg in segments[1:]), default=0)
    columns += widest
    rows += max(0, len(segments) - 1 - len(row_refs))
    return _SheetClaim(rows=rows, columns=columns,
                       written=sum(len(_CELL_TAG.findall(seg)) for seg in segments[1:]))


def _sheet_parts(small: dict[str, bytes]) -> dict[str, str | None]:
    """Sheet name -> its worksheet part, through workbook.xml and its relationships."""
    try:
        book = ElementTree.fromstring(small["xl/workbook.xml"])
        rels = ElementTree.fromstring(small["xl/_rels/workbook.xml.rels"])
    except (KeyError, ElementTree.ParseError):
        return {}
    targets: dict[str, str] = {}
    for rel in rels:
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        targets[rel.get("Id", "")] = _normpath(target)
    parts: dict[str, str | None] = {}
    for el in book.iter():
        if el.tag.endswith("}sheet") or el.tag == "sheet":
            rid = el.get(f"{{{_REL_NS}}}id") or el.get("id") or ""
            parts[el.get("name", "")] = targets.get(rid)
    return parts


def _claims_by_sheet_name(small: dict[str, bytes],
                          part_claims: dict[str, _SheetClaim]) -> dict[str, _SheetClaim]:
    """Sheet name -> claim through workbook.xml and its relationships."""
    worst = _SheetClaim(max((c.rows for c in part_claims.values()), default=0),
                        max((c.columns for c in part_claims.values()), default=0),
                        min((c.written for c in part_claims.values()
                             if c.written is not None), default=None))
    claims: dict[str, _SheetClaim] = {"*": worst}
    for sheet, part in _sheet_parts(small).items():
        claims[sheet] = part_claims.get(part, worst) if part else worst
    return claims


def _normpath(target: str) -> str:
    parts: list[str] = []
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def _check_ods(data: bytes, file_name: str) -> None:
    """Refuse repeated *non-empty* rows or cells that would expand past the limits.

    LibreOffice writes the empty rest of a sheet as one row repeated a million times;
    that is harmless (calamine skips empty repeats). A value repeated that often is not.
    """
    for m in _ODS_REPEAT.finditer(data):
        count = int(m.group(2))
        if count < 1_000:
            continue
        if m.group(1) == b"cell":
            empty = not _ODS_VALUE.search(m.group(0)) and (
                m.group(3) == b"/" or data.startswith(b"</table:table-cell>", m.end()))
            if not empty and count > 1_024:  # no list of customers is that wide
                raise InvalidInput("import_suspicious_file", file=file_name,
                                   reason=f"a cell repeated {count} times")
            continue
        end = data.find(b"</table:table-row>", m.end())
        body = data[m.end(): end if end >= 0 else len(data)]
        if m.group(3) != b"/" and _ODS_VALUE.search(body):
            raise InvalidInput("import_suspicious_file", file=file_name,
                               reason=f"a row with values repeated {count} times")


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
        raise InvalidInput("import_unsupported_format", file=name, kind="binary")
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

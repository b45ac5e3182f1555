"""Zip spreadsheets (xlsx/xlsm, ods) checked before calamine sees a byte.

The guards: the entry count, the declared uncompressed sizes and compression ratios (a zip
bomb), the real decompressed sizes (a zip that lies about them fails its CRC check), for
xlsx every cell reference of every sheet (a tiny file that puts one cell at ``XFD1048576``
makes calamine allocate the whole rectangle and abort the process), for ods the repeated
non-empty rows and cells. A big but honest workbook may trip the size guards too: when its
sheets say (``<dimension>``) that they hold more rows than an import takes, the refusal is
``import_too_many_rows`` (split the file), not the safety sentence.
"""

from __future__ import annotations

import contextlib
import re
import struct
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree

from shopcrm.errors import InvalidInput
from shopcrm.services.excel.reader import (
    Limits,
    Workbook,
    _corrupt,
    _load_calamine,
    _SheetClaim,
)

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


def open_zip(path: Path, limits: Limits) -> Workbook:
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

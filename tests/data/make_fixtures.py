"""Builds the spreadsheets the Excel import tests read, the way owners really make them.

Tests call the builders into ``tmp_path`` (binary files in git stay few); run as a script
to (re)write the small committed copies in this folder::

    .venv/bin/python tests/data/make_fixtures.py [OUT_DIR]

which writes ``customers-titled.xlsx``, ``customers-cp1256.csv`` and ``customers.ods``.
``customers-sample.xlsx`` is not built here: it is a real owner's workbook saved by
LibreOffice Calc (a title row, Persian headers, mobiles written five ways, Arabic ي/ك,
Jalali dates as text and as date cells, the same customer twice), committed as it is.

Every builder takes the output path and returns it. No builder needs anything beyond the
project's own dependencies (openpyxl, xlsxwriter); the .ods is written by hand as a zip.
"""

from __future__ import annotations

import datetime as dt
import struct
import sys
import zipfile
from pathlib import Path

import openpyxl
import xlsxwriter
from openpyxl.styles import Font

HERE = Path(__file__).resolve().parent

LONG_NOTE = "یادداشت بلند " * 2000  # 26,000 characters: past the 20,000 of the notes field
LONG_NAME = "نام‌خیلی‌بلند " * 25  # 325 characters: past the 200 of a name


# ----------------------------------------------------------------------------- xlsx


def titled_customers_xlsx(path: Path) -> Path:
    """A Persian customer list: merged title, blank rows, formulas, totals at the end.

    Row by row (spreadsheet numbers):
      1  title merged over A1:M1          2  blank
      3  headers (ZWNJ, Arabic ي, a colon, a unit-free "تلفن ثابت")
      4  text mobile, Jalali text birthday, tags, VIP "بله"
      5  number mobile, date-cell birthday, formula visit count (cached 7)
      6  Persian-digit mobile, Persian-digit Jalali date, Arabic ي/ك in the name
      7  +98 mobile, ISO text birthday, invalid email, gender "آقا"
      8  blank row
      9  spaced mobile
     10  name only, mobile unreadable ("0912-123")
     11  mobile only, no name
     12  neither name nor mobile, only a city -> error
     13  long name, long notes (truncated), stray ZWNJ and bidi marks
     14  dashed mobile with Arabic-Indic digits; a formula name (cached)
     15  the same mobile as row 4 -> duplicate warning
     16  the header repeated (a second page pasted below)
     17  two mobiles in one cell, gender "F"
     18  "جمع" totals row (formula with cached value)
    """
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("مشتریان")
    ws.right_to_left()
    title = wb.add_format({"bold": True, "align": "center"})
    date_fmt = wb.add_format({"num_format": "yyyy/mm/dd"})
    ws.merge_range("A1:M1", "فهرست مشتریان سالن زیبایی - ۱۴۰۳", title)
    headers = ["ردیف", "نام و نام خانوادگي", "شماره‌همراه", "تلفن ثابت", "ايميل:",
               "تاریخ تولد", "جنسیت", "شهر", "آدرس", "یادداشت", "برچسب‌ها", "VIP",
               "تعداد مراجعات"]
    ws.write_row(2, 0, headers)
    w = ws.write_string
    # row 4
    w(3, 0, "1"), w(3, 1, "مریم احمدی"), w(3, 2, "09121234567"), w(3, 3, "021-88776655")
    w(3, 4, "Maryam@Example.COM"), w(3, 5, "1370/1/5"), w(3, 6, "زن"), w(3, 7, "تهران")
    w(3, 8, "خیابان ولیعصر، کوچه ۱۲"), w(3, 9, "رنگ مو: قهوه‌ای"), w(3, 10, "همکار، دوست; VIP")
    w(3, 11, "بله"), ws.write_number(3, 12, 12)
    # row 5
    ws.write_number(4, 0, 2), w(4, 1, "زهرا رضایی"), ws.write_number(4, 2, 9351234567.0)
    ws.write_datetime(4, 5, dt.datetime(1990, 3, 21), date_fmt), w(4, 6, "خانم")
    w(4, 7, "کرج"), ws.write_formula(4, 12, "=3+4", None, 7)
    # row 6
    w(5, 1, "علي كريمي"), w(5, 2, "۰۹۱۹۸۷۶۵۴۳۲"), w(5, 5, "۱۳۶۵/۰۶/۳۱"), w(5, 6, "مرد")
    # row 7
    w(6, 1, "سارا محمدی"), w(6, 2, "+989011112233"), w(6, 4, "sara.at.example.com")
    w(6, 5, "1988-02-29"), w(6, 6, "آقا")
    # row 8 blank
    # row 9: spaced mobile
    w(8, 1, "نگار صالحی"), w(8, 2, "0912 765 4321")
    # row 10: name, unreadable mobile
    w(9, 1, "پریسا نوری"), w(9, 2, "0912-123")
    # row 11: mobile only
    w(10, 2, "09130001122"), w(10, 7, "اصفهان")
    # row 12: neither
    w(11, 7, "شیراز"), w(11, 9, "فقط یک یادداشت")
    # row 13: long texts, stray ZWNJ and bidi marks
    w(12, 1, LONG_NAME), w(12, 2, "\u200f09141112233\u200e"), w(12, 9, LONG_NOTE)
    w(12, 7, "\u200cتبریز\u200c")
    # row 14: Arabic-Indic digits with dashes; the name is a formula with a cached value
    ws.write_formula(13, 1, '=CONCATENATE("نیلوفر"," ","کاظمی")', None, "نیلوفر کاظمی")
    w(13, 2, "٠٩١٥-٢٢٢-٣٣٤٤")
    # row 15: duplicate of row 4's mobile
    w(14, 1, "مریم احمدی"), w(14, 2, "0912 123 4567")
    # row 16: the header again
    ws.write_row(15, 0, headers)
    # row 17: two mobiles in one cell
    w(16, 1, "لیلا حسینی"), w(16, 2, "09123334455 / 09354445566"), w(16, 6, "F")
    # row 18: totals
    w(17, 1, "جمع"), ws.write_formula(17, 12, "=SUM(M4:M17)", None, 19)
    wb.close()
    return path


def landline_row_xlsx(path: Path) -> Path:
    """Header on row 1; a landline in the mobile column (row 2) and in both (row 3)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["نام", "موبایل", "تلفن منزل"])
    ws.append(["رضا", "021-44556677", ""])
    ws.append(["مینا", "02633445566", "02144556677"])
    ws.append(["شیما", "۰۹۱۲۱۱۱۲۲۳۳", "۰۹۱۲۱۱۱۲۲۳۴"])
    ws.append(["", "", "09125556677"])
    wb.save(path)
    return path


def english_split_names_xlsx(path: Path) -> Path:
    """English headers with first/last names, bold header on row 1, numbers-only totals."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Customers"
    ws.append(["First Name", "Last Name", "Mobile", "E-mail", "Birthday", "Sex", "Tags",
               "Phone", "Notes", "Referred by", "Visits", "Last visit", "Member since"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.append(["Ali", "Karimi", "0912 000 1111", "ALI@example.com", dt.date(1985, 5, 1), "M",
               "regular|student", "02122223333", "likes tea", "Instagram", 4,
               dt.datetime(2024, 7, 1), "2020"])
    ws.append(["Neda", "", 9120002222, "", "1401/12/29", "female", "", "", "", "", "5",
               "1403/01/15", ""])
    ws.append(["", "Rahimi", "00989120003333", "bad@", "", "x", "", "", "", "", "many",
               "", ""])
    ws.append([None] * 13)
    ws.append(["", "", "", "", "", "", "", "", "", "", 9, None, ""])  # totals: numbers only
    wb.save(path)
    return path


def generic_phone_xlsx(path: Path, *, mobiles: bool = True) -> Path:
    """A single "تلفن" column: mobiles (-> mobile) or landlines (-> phone2)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["نام", "تلفن"])
    values = (["09121110001", "09121110002", "09121110003", "02188889999"] if mobiles
              else ["02188881111", "02188882222", "09121110003", "88883333"])
    for i, v in enumerate(values):
        ws.append([f"مشتری {i + 1}", v])
    wb.save(path)
    return path


def multi_sheet_xlsx(path: Path) -> Path:
    """Sheet 1 a summary, sheet 2 the customers (header on row 2), sheet 3 the visits."""
    wb = xlsxwriter.Workbook(str(path))
    summary = wb.add_worksheet("خلاصه")
    summary.write("A1", "گزارش سال ۱۴۰۲")
    summary.write("A2", "تعداد مشتریان")
    summary.write("B2", 3)
    customers = wb.add_worksheet("مشتریان")
    customers.write("A1", "لیست")
    customers.write_row(1, 0, ["اسم", "موبايل", "نحوه آشنایی", "آخرین مراجعه"])
    customers.write_row(2, 0, ["آرزو", "09121000001", "اینستاگرام", "1402/12/01"])
    customers.write_row(3, 0, ["بهاره", "09121000002", "دوستان", "1402/11/20"])
    visits = wb.add_worksheet("مراجعات")
    dfmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    tfmt = wb.add_format({"num_format": "hh:mm"})
    dtfmt = wb.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    visits.write_row(0, 0, ["تاریخ", "ساعت", "موبایل", "نام", "مبلغ (تومان)", "خدمت",
                            "آرایشگر", "نحوه پرداخت", "رضایت", "توضیحات"])
    # row 2: Jalali text date, text time, amount as a number in tomans
    visits.write_row(1, 0, ["1402/12/01", "14:30", "09121000001", "آرزو", 350000,
                            "کوتاهی مو", "خانم نادری", "کارت", 5, ""])
    # row 3: date cell, time cell, amount as text with a unit
    visits.write_datetime(2, 0, dt.datetime(2024, 2, 9), dfmt)
    visits.write_datetime(2, 1, dt.datetime(1899, 12, 31, 10, 15), tfmt)
    visits.write_row(2, 2, ["0912 100 0002", "بهاره", "۱۲۰٬۰۰۰ ریال", "رنگ", "", "نقدی",
                            "★★★★", "مشتری دیرتر آمد"])
    # row 4: datetime cell, no time column value; satisfaction out of range; bad amount
    visits.write_datetime(3, 0, dt.datetime(2024, 3, 1, 18, 45), dtfmt)
    visits.write_row(3, 2, ["09121000001", "آرزو", "نمی‌دانم", "براشینگ", "", "کارت به کارت",
                            9, ""])
    # row 5: no date -> error; row 6: no customer -> error; row 7: bad date -> error
    visits.write_row(4, 2, ["09121000002", "بهاره", 100000])
    visits.write_row(5, 0, ["1402/12/05", "", "", "", 50000])
    visits.write_row(6, 0, ["1402/13/40", "", "09121000001", "", 50000])
    # row 8: name only (no usable mobile) -> a candidate for the storage to match by name
    visits.write_row(7, 0, ["2024-03-05 09:00", "", "", "آرزو", 0, "مشاوره"])
    wb.close()
    return path


def far_cell_xlsx(path: Path) -> Path:
    """Five cells and one stray cell at XFD1048576: a 17-billion-cell claim in 5 KB.

    calamine would allocate the whole rectangle and abort the process; the reader must
    refuse the file before calamine sees it.
    """
    src = path.with_suffix(".src.xlsx")
    wb = xlsxwriter.Workbook(str(src))
    ws = wb.add_worksheet("S")
    ws.write_row(0, 0, ["نام", "موبایل"])
    ws.write_row(1, 0, ["الف", "09121234567"])
    wb.close()
    _rewrite_zip(src, path, {"xl/worksheets/sheet1.xml": lambda d: d.replace(
        b"</sheetData>",
        b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        b"</sheetData>")})
    src.unlink()
    return path


def attribute_order_far_cell_xlsx(path: Path) -> Path:
    """The same stray cell, written with ``s`` before ``r`` (the slow scanning path)."""
    src = path.with_suffix(".src.xlsx")
    wb = xlsxwriter.Workbook(str(src))
    ws = wb.add_worksheet("S")
    ws.write_row(0, 0, ["نام", "موبایل"])
    wb.close()
    _rewrite_zip(src, path, {"xl/worksheets/sheet1.xml": lambda d: d.replace(
        b"</sheetData>",
        b'<row r="900000"><c s="0" r="ZZ900000" t="inlineStr"><is><t>x</t></is></c></row>'
        b"</sheetData>")})
    src.unlink()
    return path


def _rewrite_zip(src: Path, dst: Path, patches: dict) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename in patches:
                data = patches[info.filename](data)
            zout.writestr(info, data)


def zip_bomb_xlsx(path: Path, megabytes: int = 300) -> Path:
    """A real xlsx whose sheet is padded with ``megabytes`` MB of spaces (~300 KB file)."""
    src = path.with_suffix(".src.xlsx")
    wb = xlsxwriter.Workbook(str(src))
    wb.add_worksheet("S").write("A1", "نام")
    wb.close()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst := path, "w",
                                                      zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                with zout.open(info.filename, "w", force_zip64=True) as f:
                    f.write(data.replace(b"</worksheet>", b""))
                    chunk = b" " * 2**20
                    for _ in range(megabytes):
                        f.write(chunk)
                    f.write(b"</worksheet>")
                continue
            zout.writestr(info, data)
    src.unlink()
    return dst


def size_claim_xlsx(path: Path, claim: int = 2**30) -> Path:
    """A tiny valid xlsx whose zip directory claims ``claim`` bytes for the sheet."""
    src = path.with_suffix(".src.xlsx")
    wb = xlsxwriter.Workbook(str(src))
    wb.add_worksheet("S").write("A1", "نام")
    wb.close()
    data = bytearray(src.read_bytes())
    src.unlink()
    name = b"xl/worksheets/sheet1.xml"
    central = data.rfind(b"PK\x01\x02", 0)
    while central >= 0:
        name_len = struct.unpack_from("<H", data, central + 28)[0]
        if bytes(data[central + 46: central + 46 + name_len]) == name:
            struct.pack_into("<I", data, central + 24, claim)  # uncompressed size
            break
        central = data.rfind(b"PK\x01\x02", 0, central)
    path.write_bytes(bytes(data))
    return path


def truncated_xlsx(path: Path) -> Path:
    """The first half of a valid workbook (a copy interrupted halfway)."""
    src = path.with_suffix(".src.xlsx")
    titled_customers_xlsx(src)
    data = src.read_bytes()
    src.unlink()
    path.write_bytes(data[: len(data) // 2])
    return path


def corrupt_xlsx(path: Path) -> Path:
    """Starts like a zip, then garbage."""
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8)
    return path


def encrypted_xlsx(path: Path) -> Path:
    """The shape of a password-protected xlsx: an OLE2 compound file whose directory
    holds the "EncryptionInfo" and "EncryptedPackage" streams (sector layout minimal)."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHH", header, 24, 0x3E, 3, 0xFFFE)
    directory = bytearray(512)
    for i, name in enumerate(("Root Entry", "EncryptionInfo", "EncryptedPackage")):
        raw = name.encode("utf-16-le") + b"\x00\x00"
        directory[i * 128: i * 128 + len(raw)] = raw
        struct.pack_into("<H", directory, i * 128 + 64, len(raw))
    path.write_bytes(bytes(header) + bytes(directory) + bytes(1024))
    return path


def word_doc_as_xls(path: Path) -> Path:
    """An OLE2 file without a Workbook stream (a Word .doc renamed)."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    path.write_bytes(bytes(header) + "WordDocument".encode("utf-16-le") + bytes(512))
    return path


def docx_as_xlsx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return path


def text_as_xlsx(path: Path) -> Path:
    path.write_text("این یک فایل متنی است، نه جدول.\nفقط چند خط نوشته.\n", encoding="utf-8")
    return path


def html_as_xls(path: Path) -> Path:
    path.write_text("<html><body><table><tr><td>نام</td><td>موبایل</td></tr>"
                    "<tr><td>الف</td><td>09121234567</td></tr></table></body></html>",
                    encoding="utf-8")
    return path


def empty_file(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def empty_sheet_xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.active.title = "خالی"
    wb.save(path)
    return path


def no_known_headers_xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["ستون یک", "ستون دو"])
    ws.append(["الف", "ب"])
    ws.append(["ج", "د"])
    wb.save(path)
    return path


def big_customers_xlsx(path: Path, rows: int = 100_000) -> Path:
    """``rows`` customers under a title row (xlsxwriter constant_memory), for timing."""
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("Customers")
    dfmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws.write(0, 0, "لیست مشتریان")
    ws.write_row(2, 0, ["نام و نام خانوادگی", "موبایل", "تلفن ثابت", "تاریخ تولد", "ایمیل",
                        "شهر", "آدرس", "یادداشت", "تعداد مراجعه", "آخرین مراجعه"])
    first = ("نازنین", "ساره", "مهسا", "الناز", "فرشته", "کتایون", "يگانه", "ترانه")
    last = ("امیری", "کیانی", "یگانه", "فرهادی", "زمانی", "کرمانی", "شكوهي", "پاکزاد")
    start = dt.datetime(2025, 1, 1)
    for i in range(rows):
        r = i + 3
        ws.write_string(r, 0, f"{first[i % 8]} {last[i // 8 % 8]}")
        if i % 2:
            ws.write_number(r, 1, 9120000000 + i)
        else:
            ws.write_string(r, 1, f"0912 {i:07d}")
        ws.write_string(r, 2, f"021{i:08d}")
        ws.write_string(r, 3, f"13{60 + i % 40}/{1 + i % 12}/{1 + i % 28}")
        ws.write_string(r, 4, f"c{i}@example.com")
        ws.write_string(r, 5, "تهران")
        ws.write_string(r, 6, f"خیابان {i % 500} پلاک {i % 90}")
        ws.write_string(r, 7, "مشتری خوب" if i % 3 else "")
        ws.write_number(r, 8, i % 20)
        ws.write_datetime(r, 9, start + dt.timedelta(days=i % 600), dfmt)
    wb.close()
    return path


# ----------------------------------------------------------------------------- xls
# No library here writes the old binary format, so a minimal BIFF8 workbook (BOF,
# BOUNDSHEET, LABEL and NUMBER records) goes into a minimal OLE2 compound file.


def _rec(rtype: int, data: bytes) -> bytes:
    return struct.pack("<HH", rtype, len(data)) + data


def _bof(kind: int) -> bytes:
    return _rec(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 0x06))


def _ustr16(s: str) -> bytes:  # XLUnicodeString: 2-byte count, UTF-16
    return struct.pack("<HB", len(s), 1) + s.encode("utf-16-le")


def biff8(sheets: dict[str, list[list[object]]]) -> bytes:
    """A BIFF8 Workbook stream; cells are str, int/float or None."""
    glob_head = _bof(0x0005) + _rec(0x0042, struct.pack("<H", 1200))
    bsheets = []
    subs = []
    for name, rows in sheets.items():
        body = _bof(0x0010)
        nrows, ncols = len(rows), max((len(r) for r in rows), default=0)
        body += _rec(0x0200, struct.pack("<IIHHH", 0, nrows, 0, ncols, 0))
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v is None or v == "":
                    continue
                if isinstance(v, str):
                    body += _rec(0x0204, struct.pack("<HHH", r, c, 15) + _ustr16(v))
                else:
                    body += _rec(0x0203, struct.pack("<HHHd", r, c, 15, float(v)))
        body += _rec(0x000A, b"")
        subs.append(body)
        bsheets.append(name)
    # BOUNDSHEET records hold the stream offset of each sheet's BOF: sizes first.
    bs_len = [4 + 6 + 2 + 2 * len(n) for n in bsheets]
    glob_len = len(glob_head) + sum(bs_len) + 4
    offs = []
    pos = glob_len
    for body in subs:
        offs.append(pos)
        pos += len(body)
    glob = glob_head
    for n, off in zip(bsheets, offs, strict=True):
        glob += _rec(0x0085, struct.pack("<IHBB", off, 0, len(n), 1) + n.encode("utf-16-le"))
    glob += _rec(0x000A, b"")
    assert len(glob) == glob_len
    return glob + b"".join(subs)


def ole(stream_name: str, stream: bytes) -> bytes:
    """A version-3 compound file (512-byte sectors) holding one stream."""
    SECT = 512
    if len(stream) < 4096:
        stream += b"\x00" * (4096 - len(stream))
    nsect = (len(stream) + SECT - 1) // SECT
    stream_padded = stream + b"\x00" * (nsect * SECT - len(stream))
    FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    fat = [FATSECT, END] + [3 + i if i < nsect - 1 else END for i in range(nsect)]
    fat_sectors = 1
    assert len(fat) <= 128
    fat += [FREE] * (128 - len(fat))
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 40, 0)  # dir sectors (v3: 0)
    struct.pack_into("<I", header, 44, fat_sectors)
    struct.pack_into("<I", header, 48, 1)  # first dir sector
    struct.pack_into("<I", header, 56, 4096)
    struct.pack_into("<IIII", header, 60, END, 0, END, 0)
    difat = [0] + [FREE] * 108
    struct.pack_into("<109I", header, 76, *difat)

    def entry(name: str, typ: int, child: int, start: int, size: int) -> bytes:
        e = bytearray(128)
        raw = name.encode("utf-16-le") + b"\x00\x00" if name else b""
        e[:len(raw)] = raw
        struct.pack_into("<HBB", e, 64, len(raw), typ, 1)
        struct.pack_into("<III", e, 68, NOSTREAM, NOSTREAM, child)
        struct.pack_into("<IQ", e, 116, start, size)
        return bytes(e)

    # sector 0: the FAT; sector 1: the directory; sectors 2...: the stream
    directory = (entry("Root Entry", 5, 1, END, 0)
                 + entry(stream_name, 2, NOSTREAM, 2, len(stream))
                 + entry("", 0, NOSTREAM, 0, 0) * 2)
    return bytes(header) + struct.pack("<128I", *fat) + directory + stream_padded


def customers_xls(path: Path) -> Path:
    """An Excel 97-2003 file: title row, blank row, header on row 3, a number mobile."""
    path.write_bytes(ole("Workbook", biff8({"مشتریان": [
        ["فهرست مشتریان"],
        [],
        ["نام", "موبایل", "تعداد مراجعه"],
        ["مریم احمدی", "09121234567", 3],
        ["علی کریمی", 9351234567, 2],
        ["جمع", "", 5],
    ]})))
    return path


# ----------------------------------------------------------------------------- csv


CSV_ROWS = [
    ["نام", "موبایل", "ایمیل", "تولد", "شهر"],
    ["مریم احمدی", "09121234567", "m@example.com", "1370/01/05", "تهران"],
    ["علي كريمي", "۰۹۱۹۸۷۶۵۴۳۲", "", "۱۳۶۵/۰۶/۳۱", "شیراز؛ مرکز"],
    ["", "", "", "", ""],
    ["سارا", "+98 901 111 2233", "", "", "رشت"],
]


def csv_utf8_semicolon(path: Path, *, bom: bool = True) -> Path:
    text = "\r\n".join(";".join(row) for row in CSV_ROWS) + "\r\n"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def csv_cp1256_comma(path: Path) -> Path:
    """Windows-1256, comma-separated, a quoted cell holding a comma."""
    rows = [[f'"{c}"' if "," in c or "؛" in c else c for c in row] for row in CSV_ROWS]
    rows[1][4] = '"تهران, ونک"'
    text = "\r\n".join(",".join(row) for row in rows) + "\r\n"
    # Windows-1256 has no Persian ی (U+06CC) nor Persian digits: old Windows programs wrote
    # the Arabic ي and ASCII digits, so that is what such files hold.
    text = text.replace("ی", "ي").replace("۰۹۱۹۸۷۶۵۴۳۲", "09198765432")
    text = text.replace("۱۳۶۵/۰۶/۳۱", "1365/06/31")
    path.write_bytes(text.encode("cp1256"))
    return path


def csv_tab_utf16(path: Path) -> Path:
    """Excel's "Unicode Text": UTF-16 with BOM, tab-separated."""
    text = "\r\n".join("\t".join(row) for row in CSV_ROWS) + "\r\n"
    path.write_bytes(text.encode("utf-16"))
    return path


def headerless_csv(path: Path) -> Path:
    path.write_text("مریم,09121234567\nعلی,09351234567\nسارا,09011112233\n", encoding="utf-8")
    return path


# ----------------------------------------------------------------------------- ods


_ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def _ods_cell(v: object) -> str:
    if v is None or v == "":
        return "<table:table-cell/>"
    if isinstance(v, dt.datetime):
        return (f'<table:table-cell office:value-type="date" '
                f'office:date-value="{v.isoformat()}"/>')
    if isinstance(v, dt.date):
        return (f'<table:table-cell office:value-type="date" '
                f'office:date-value="{v.isoformat()}"/>')
    if isinstance(v, int | float):
        return f'<table:table-cell office:value-type="float" office:value="{v}"/>'
    text = str(v).replace("&", "&amp;").replace("<", "&lt;")
    return (f'<table:table-cell office:value-type="string"><text:p>{text}</text:p>'
            "</table:table-cell>")


def write_ods(path: Path, sheets: dict[str, list[list[object]]], *,
              trailing_rows: int = 1_048_000, body_suffix: str = "") -> Path:
    """A minimal .ods (mimetype stored first, manifest, content.xml), LibreOffice-style
    with the empty rest of each sheet as one row repeated ``trailing_rows`` times."""
    tables = []
    for name, rows in sheets.items():
        body = "".join("<table:table-row>" + "".join(_ods_cell(c) for c in row)
                       + "</table:table-row>" for row in rows)
        if trailing_rows:
            body += (f'<table:table-row table:number-rows-repeated="{trailing_rows}">'
                     '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
        tables.append(f'<table:table table:name="{name}">{body}{body_suffix}</table:table>')
    content = ('<?xml version="1.0" encoding="UTF-8"?>'
               f'<office:document-content {_ODS_NS} office:version="1.2"><office:body>'
               f'<office:spreadsheet>{"".join(tables)}</office:spreadsheet>'
               "</office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
                '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type='
                '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
                'manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", manifest)
        z.writestr("content.xml", content)
    return path


def customers_ods(path: Path) -> Path:
    """Title row, blank row, header on row 3; a date cell, a number mobile, a totals row."""
    return write_ods(path, {"مشتریان": [
        ["فهرست مشتریان"],
        [],
        ["نام", "موبایل", "تاریخ تولد", "تعداد مراجعه"],
        ["مریم احمدی", "09121234567", dt.date(1991, 3, 25), 3],
        ["علی کریمی", 9351234567, "1365/06/31", 2],
        ["مجموع", "", "", 5],
    ]})


def ods_bomb(path: Path) -> Path:
    """A value repeated over a million rows: tiny file, billions of cells."""
    return write_ods(path, {"S": [["نام"]]}, trailing_rows=0, body_suffix=(
        '<table:table-row table:number-rows-repeated="1048570">'
        '<table:table-cell table:number-columns-repeated="16384" office:value-type="float" '
        'office:value="1"/></table:table-row>'))


# ----------------------------------------------------------------------------- all


COMMITTED = {
    "customers-titled.xlsx": titled_customers_xlsx,
    "customers-cp1256.csv": csv_cp1256_comma,
    "customers.ods": customers_ods,
}


def main(argv: list[str]) -> None:
    out = Path(argv[1]) if len(argv) > 1 else HERE
    out.mkdir(parents=True, exist_ok=True)
    for name, build in COMMITTED.items():
        build(out / name)
        print(out / name)


if __name__ == "__main__":
    main(sys.argv)


# ----------------------------------------------------------------------------- database half
# Workbooks for tests/integration/test_import*.py, test_cli_excel.py (the import into a book).


def history_customers_xlsx(path: Path) -> Path:
    """An old hand-kept list with its history: "last visit" and "number of visits".

    Row by row (spreadsheet numbers; header on row 1):
      2  count 12 and a Jalali last visit, two tags, VIP "بله", a note that looks like a
         formula, an unmapped "کد اشتراک" column (kept in the notes)
      3  count 1 and a last visit as a date cell, an email
      4  count 5, no last visit (all five are visits before the book, no date invented)
      5  a last visit, no count
      6  an email but no mobile, a tag, count 3 and a last visit
      7  a name and an unreadable mobile (kept as typed)
      8  a mobile and no name
      9  a name starting with "+" and a note starting with "@" (formula-like texts)
    """
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("دفتر قدیمی")
    dfmt = wb.add_format({"num_format": "yyyy/mm/dd"})
    ws.write_row(0, 0, ["ردیف", "نام", "موبایل", "ایمیل", "برچسب", "ویژه", "تعداد مراجعه",
                        "آخرین مراجعه", "توضیحات", "کد اشتراک"])
    w = ws.write_string
    w(1, 0, "1"), w(1, 1, "مریم احمدی"), w(1, 2, "09121234567"), w(1, 4, "عروس، همکار")
    w(1, 5, "بله"), ws.write_number(1, 6, 12), w(1, 7, "1403/05/17"), w(1, 8, "=1+2 نوشته شده")
    w(1, 9, "A-100")
    w(2, 0, "2"), w(2, 1, "زهرا رضایی"), ws.write_number(2, 2, 9351234567)
    w(2, 3, "z@example.com"), ws.write_number(2, 6, 1)
    ws.write_datetime(2, 7, dt.datetime(2024, 6, 1), dfmt)
    w(3, 0, "3"), w(3, 1, "سارا کامرانی"), w(3, 2, "09011112233"), ws.write_number(3, 6, 5)
    w(4, 0, "4"), w(4, 1, "نرگس یزدانی"), w(4, 2, "0903 123 4567"), w(4, 7, "1402/01/10")
    w(5, 0, "5"), w(5, 1, "لیلا امینی"), w(5, 3, "Leila@Example.com"), w(5, 4, "دانشجو")
    ws.write_number(5, 6, 3), w(5, 7, "1403/01/01")
    w(6, 0, "6"), w(6, 1, "پریسا نوری"), w(6, 2, "0912-12")
    w(7, 0, "7"), w(7, 2, "09137778899")
    w(8, 0, "8"), w(8, 1, "+هکر"), w(8, 2, "09131112222"), w(8, 8, "@SUM(A1:A2)")
    wb.close()
    return path


def duplicates_customers_xlsx(path: Path) -> Path:
    """Duplicates within one file, by mobile, by email and by name alone.

      2  رضا کریمی 09121110001, tag الف
      3  the same mobile spelled with spaces: email, city, a note, tag ب (merges into 2)
      4  سمیرا: an email, no mobile
      5  the same email in capitals, with a mobile and a city (merges into 4)
      6  مینا with an email shared by ...
      7  ... مینو, another mobile: two people, not a duplicate
      8  a name alone, a city
      9  the same name alone, a note (merges into 8)
    """
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "مشتریان"
    ws.append(["نام", "موبایل", "ایمیل", "شهر", "یادداشت", "برچسب"])
    ws.append(["رضا کریمی", "09121110001", None, None, None, "الف"])
    ws.append(["رضا کریمی", "0912 111 0001", "reza@example.com", "تهران", "تکرار با موبایل",
               "ب"])
    ws.append(["سمیرا", None, "samira@example.com", None, None, None])
    ws.append(["سمیرا نوری", "09121110004", "SAMIRA@example.com", "کرج", None, None])
    ws.append(["مینا", "09121110005", "shared@example.com", None, None, None])
    ws.append(["مینو", "09121110006", "shared@example.com", None, None, None])
    ws.append(["بی‌نام و نشان", None, None, "شیراز", None, None])
    ws.append(["بی‌نام و نشان", None, None, None, "یادداشت دوم", None])
    wb.save(path)
    return path


def visits_sheet_xlsx(path: Path) -> Path:
    """A sheet of visits to attach to customers of the book.

      2  by mobile (amount in tomans, Jalali date and a time)
      3  by name only (no mobile)
      4  by a name two customers share -> ambiguous
      5  a mobile not in the book
      6  the same visit as row 2 -> a duplicate
      7  no date -> an error
      8  the same unknown mobile again, another day (one customer when creating)
    """
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "مراجعات"
    ws.append(["تاریخ", "ساعت", "موبایل", "نام", "مبلغ (تومان)", "خدمت", "آرایشگر",
               "نحوه پرداخت", "رضایت", "توضیحات"])
    ws.append(["1403/05/01", "10:00", "09121234567", "مریم احمدی", 350000, "کوتاهی مو",
               "نسرین", "کارت", 5, None])
    ws.append(["1403/05/02", "11:30", None, "زهرا رضایی", 100000, "براشینگ", None, "نقد",
               None, "با دخترش آمد"])
    ws.append(["1403/05/03", None, None, "سارا", 50000, None, None, None, None, None])
    ws.append(["1403/05/04", "16:15", "09199999999", "مشتری تازه", 200000, "رنگ مو", None,
               None, None, None])
    ws.append(["1403/05/01", "10:00", "0912 123 4567", "مریم احمدی", 350000, "کوتاهی مو",
               None, None, None, None])
    ws.append([None, None, "09121234567", "مریم احمدی", 10000, None, None, None, None, None])
    ws.append(["1403/06/04", "09:00", "09199999999", "مشتری تازه", 150000, "براشینگ", None,
               None, None, None])
    wb.save(path)
    return path


UNKNOWN_HEADERS = ["Kunde", "Handy", "Stadt", "Bemerkung"]


def unknown_headers_xlsx(path: Path, *, shuffled: bool = False, rows: int = 3) -> Path:
    """Headers no alias knows (they need --map); ``shuffled`` puts the same headers in
    another order (the same signature, so a remembered mapping applies)."""
    order = [2, 0, 3, 1] if shuffled else [0, 1, 2, 3]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([UNKNOWN_HEADERS[i] for i in order])
    for n in range(rows):
        values = [f"Kunde {n + (10 if shuffled else 0)}",
                  f"0912555{n + (10 if shuffled else 0):04d}", "Tehran", f"likes tea {n}"]
        ws.append([values[i] for i in order])
    wb.save(path)
    return path

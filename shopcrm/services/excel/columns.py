"""Header recognition: which column of an owner's sheet holds which field.

Headers are compared by ``header_key``: the ``search_key`` (Arabic ي/ك folded, Persian
digits folded, ZWNJ dropped) with آ folded to ا and every space and punctuation mark
removed, so "شماره‌همراه", "شماره همراه" and "شماره_همراه:" are one key. A unit word
in an amount header ("مبلغ (تومان)", "amount in toman") is taken out and remembered:
tomans are multiplied by 10 into Rials.

Some headers name a kind of phone without saying which ("تلفن", "شماره", "phone",
"tel"); the values decide: when no column is clearly the mobile, the generic column whose
values are mostly mobiles becomes ``mobile``, another phone-looking one ``phone2``.
"نام" next to a "نام خانوادگی" column is the first name; first and last names are joined
into ``name`` per row.

A manual mapping ``{header text: field or "ignore"}`` (``parse_mapping_arg`` reads the
CLI's ``--map "ستون=field,..."``) overrides what was recognised for those columns.
``headers_signature`` gives a stable key for remembering a mapping for the next file with
the same headers.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from shopcrm.domain.phones import classify_phone
from shopcrm.domain.text import clean_text, search_key
from shopcrm.errors import InvalidInput

CUSTOMERS = "customers"
VISITS = "visits"
IGNORE = "ignore"

CUSTOMER_FIELDS = ("name", "first_name", "last_name", "mobile", "phone2", "email",
                   "birthday", "gender", "city", "address", "notes", "tags", "referral",
                   "last_visit", "visit_count", "vip")
VISIT_FIELDS = ("mobile", "name", "date", "time", "amount", "service", "staff", "payment",
                "satisfaction", "note")
# Fields whose values from several columns are joined; for the others the first
# non-empty column of a row wins.
JOINED_FIELDS = frozenset({"notes", "note", "address", "tags"})

_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    CUSTOMERS: {
        "name": ("نام", "نام و نام خانوادگی", "نام ونام خانوادگی", "نام کامل", "نام مشتری",
                 "اسم", "اسم مشتری", "مشتری", "نام و فامیل", "نام و فامیلی", "name",
                 "full name", "fullname", "customer", "customer name", "client",
                 "client name"),
        "first_name": ("نام کوچک", "first name", "firstname", "given name", "forename"),
        "last_name": ("نام خانوادگی", "فامیلی", "فامیل", "last name", "lastname", "surname",
                      "family name", "family"),
        "mobile": ("موبایل", "موبایل مشتری", "شماره همراه", "تلفن همراه", "همراه",
                   "شماره موبایل", "تلفن موبایل", "موبایل ۱", "mobile", "mobile number",
                   "mobile phone", "cell", "cell phone", "cellphone", "cell number"),
        "phone2": ("تلفن ثابت", "تلفن منزل", "تلفن محل کار", "شماره ثابت", "ثابت",
                   "تلفن دوم", "شماره دوم", "تلفن ۲", "landline", "home phone",
                   "work phone", "phone 2", "second phone"),
        "email": ("ایمیل", "ای میل", "پست الکترونیک", "پست الکترونیکی", "رایانامه",
                  "email", "e-mail", "mail", "email address"),
        "birthday": ("تاریخ تولد", "تولد", "روز تولد", "زادروز", "birthday", "birth date",
                     "birthdate", "date of birth", "dob"),
        "gender": ("جنسیت", "جنس", "gender", "sex"),
        "city": ("شهر", "city", "town"),
        "address": ("آدرس", "نشانی", "آدرس منزل", "address", "street"),
        "notes": ("یادداشت", "یادداشت‌ها", "توضیحات", "توضیح", "ملاحظات", "نکات", "شرح",
                  "notes", "note", "comment", "comments", "description", "remarks"),
        "tags": ("برچسب", "برچسب‌ها", "برچسبها", "گروه", "گروه مشتری", "دسته", "دسته بندی",
                 "tags", "tag", "group", "category", "labels"),
        "referral": ("معرف", "معرفی کننده", "نحوه آشنایی", "روش آشنایی", "نحوه معرفی",
                     "آشنایی از طریق", "منبع", "referral", "referred by", "referrer",
                     "source", "how found"),
        "last_visit": ("آخرین مراجعه", "تاریخ آخرین مراجعه", "آخرین بار", "آخرین ویزیت",
                       "آخرین مراجعه مشتری", "last visit", "last visit date", "last seen"),
        "visit_count": ("تعداد مراجعه", "تعداد مراجعات", "دفعات مراجعه", "دفعات",
                        "تعداد دفعات", "تعداد دفعات مراجعه", "تعداد", "visits",
                        "visit count", "number of visits", "times"),
        "vip": ("vip", "وی آی پی", "ویژه", "مشتری ویژه", "مشتری vip"),
    },
    VISITS: {
        "mobile": ("موبایل", "شماره همراه", "تلفن همراه", "همراه", "شماره موبایل",
                   "موبایل مشتری", "mobile", "mobile number", "cell", "cell phone"),
        "name": ("نام", "نام مشتری", "نام و نام خانوادگی", "مشتری", "اسم", "name",
                 "customer", "customer name", "client"),
        "date": ("تاریخ", "تاریخ مراجعه", "تاریخ ویزیت", "تاریخ و ساعت", "روز", "date",
                 "visit date", "date time", "datetime"),
        "time": ("ساعت", "زمان", "ساعت مراجعه", "time", "hour"),
        "amount": ("مبلغ", "مبلغ کل", "مبلغ پرداختی", "مبلغ پرداخت", "قیمت", "هزینه",
                   "دریافتی", "جمع مبلغ", "amount", "price", "cost", "paid", "total"),
        "service": ("خدمت", "خدمات", "نوع خدمت", "شرح خدمت", "سرویس", "کار", "service",
                    "services"),
        "staff": ("آرایشگر", "کارمند", "پرسنل", "انجام دهنده", "کارشناس", "اپراتور",
                  "staff", "employee", "stylist", "by"),
        "payment": ("نحوه پرداخت", "روش پرداخت", "نوع پرداخت", "پرداخت", "payment",
                    "payment method", "paid by"),
        "satisfaction": ("رضایت", "میزان رضایت", "امتیاز", "satisfaction", "rating",
                         "score"),
        "note": ("یادداشت", "توضیحات", "توضیح", "ملاحظات", "note", "notes", "comment",
                 "comments", "description"),
    },
}
# Headers that only resemble a field: a neighbourhood is not the city. They are offered
# (``ColumnMapping.suggested``, a notice in the report) but never mapped by themselves; the
# column's values stay in the notes until the owner maps it.
_NEAR: dict[str, dict[str, tuple[str, ...]]] = {
    CUSTOMERS: {"city": ("محله", "منطقه", "ناحیه", "district", "area", "neighbourhood",
                         "neighborhood", "region")},
    VISITS: {},
}
# Headers naming a phone without saying which kind: (default field, kind) when no values.
_GENERIC_PHONES: dict[str, str] = {
    "تلفن": "phone2", "tel": "phone2", "telephone": "phone2", "شماره تلفن": "phone2",
    "phone": "mobile", "phone number": "mobile", "شماره تماس": "mobile", "شماره": "mobile",
    "تلفن تماس": "mobile", "تماس": "mobile", "contact": "mobile", "contact number": "mobile",
    "number": "mobile",
}
# Headers that never carry customer data: the row counter of a hand-kept list.
_IGNORED = ("ردیف", "شماره ردیف", "row", "row number", "#", "no", "ش", "رديف")
_IGNORE_WORDS = ("ignore", "skip", "none", "-", "نادیده", "نادیده بگیر", "هیچ", "رد")
_UNITS = {"تومان": 10, "toman": 10, "tomans": 10, "irt": 10,
          "ریال": 1, "rial": 1, "rials": 1, "irr": 1}
_UNIT_GLUE = frozenset({"به", "in", "بر حسب", "برحسب"})
_PUNCT = re.compile(r"[\W_]+")
_TRAILING_NUMBER = re.compile(r"[0-9]+$")


def header_key(text: Any) -> str:
    """The comparison key of a header (or of an alias): letters and digits only."""
    if text is None:
        return ""
    key = search_key(clean_text(str(text))).replace("آ", "ا")
    return _PUNCT.sub("", key)


def _unit_and_key(text: Any) -> tuple[str, int | None]:
    """(key without unit words, multiplier or None) for a header."""
    words = _PUNCT.sub(" ", search_key(clean_text(str(text))).replace("آ", "ا")).split()
    unit = None
    kept = []
    for w in words:
        if w in _UNIT_KEYS:
            unit = _UNIT_KEYS[w]
        else:
            kept.append(w)
    if unit is not None:
        while kept and kept[-1] in _GLUE_KEYS:
            kept.pop()
    return "".join(kept), unit


_UNIT_KEYS = {header_key(k): v for k, v in _UNITS.items()}
_GLUE_KEYS = {header_key(g) for g in _UNIT_GLUE}
_TABLES: dict[str, dict[str, str]] = {
    kind: {header_key(alias): fld for fld, aliases in table.items() for alias in aliases}
    for kind, table in _ALIASES.items()
}
_NEAR_TABLES: dict[str, dict[str, str]] = {
    kind: {header_key(alias): fld for fld, aliases in table.items() for alias in aliases}
    for kind, table in _NEAR.items()
}
_GENERIC_KEYS = {header_key(k): v for k, v in _GENERIC_PHONES.items()}
_IGNORED_KEYS = frozenset(header_key(k) for k in _IGNORED)


@dataclass(frozen=True)
class HeaderMatch:
    field: str  # a field name, or "phone?" for a generic phone header
    unit: int | None = None  # amount multiplier named in the header (toman: 10)
    default: str | None = None  # for "phone?": the field when values cannot decide
    numbered: bool = False  # matched after dropping a trailing number ("موبایل ۲")
    near: bool = False  # only resembles the field (محله for city): offered, not mapped


def match_header(text: Any, kind: str = CUSTOMERS) -> HeaderMatch | None:
    """What a header names in a sheet of ``kind``, or None when it is not recognised."""
    key, unit = _unit_and_key(text)
    if not key:
        return None
    table = _TABLES[kind]
    for candidate, numbered in ((key, False), (_TRAILING_NUMBER.sub("", key), True)):
        if not candidate or (numbered and candidate == key):
            continue
        if candidate in table:
            return HeaderMatch(table[candidate], unit, numbered=numbered)
        if candidate in _NEAR_TABLES[kind]:
            return HeaderMatch(_NEAR_TABLES[kind][candidate], unit, numbered=numbered,
                               near=True)
        if candidate in _GENERIC_KEYS:
            return HeaderMatch("phone?", unit, default=_GENERIC_KEYS[candidate],
                               numbered=numbered)
        if candidate in _IGNORED_KEYS and not numbered:
            return HeaderMatch(IGNORE)
    return None


def field_names(kind: str = CUSTOMERS) -> tuple[str, ...]:
    return CUSTOMER_FIELDS if kind == CUSTOMERS else VISIT_FIELDS


def resolve_field_name(text: str, kind: str = CUSTOMERS) -> str:
    """A field named by the owner: an English field name, any header alias, or "ignore"."""
    key = header_key(text)
    if not key and text.strip() in ("-", "_"):
        return IGNORE
    names = field_names(kind)
    for name in names:
        if key == header_key(name) or key == header_key(name.replace("_", " ")):
            return name
    if key in {header_key(w) for w in _IGNORE_WORDS}:
        return IGNORE
    match = match_header(text, kind)
    if match is not None and match.field in names:
        return match.field
    if match is not None and match.field == "phone?":
        return match.default or "mobile"
    raise InvalidInput("import_unknown_field", field=text, fields=", ".join(names))


def parse_mapping_arg(text: str, kind: str = CUSTOMERS) -> dict[str, str]:
    """``"ستون=field, ..."`` -> ``{header: field}``; ``,`` ``،`` ``;`` ``؛`` or newlines
    between pairs, field names in English or Persian ("موبایل", "mobile", "نادیده")."""
    mapping: dict[str, str] = {}
    for item in re.split(r"[,،;؛\n]+", text or ""):
        if not item.strip():
            continue
        header, sep, target = item.partition("=")
        if not sep or not header.strip() or not target.strip():
            raise InvalidInput("import_bad_mapping", item=item.strip())
        mapping[header.strip()] = resolve_field_name(target.strip(), kind)
    return mapping


def headers_signature(headers: Iterable[Any]) -> str:
    """A stable key for a set of headers: the same for the same header texts in any order,
    whatever their spacing, ZWNJ, ي/ك or digits (16 hex digits)."""
    keys = sorted(k for k in (header_key(h) for h in headers) if k)
    return hashlib.sha256("\x1f".join(keys).encode("utf-8")).hexdigest()[:16]


def header_text(cell: Any) -> str:
    """A header cell as the owner wrote it (outer spaces off; "" when blank)."""
    if cell is None or isinstance(cell, bool):
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    text = str(cell).strip()
    return text if clean_text(text) else ""


def column_letter(index: int) -> str:
    """0 -> "A", 27 -> "AB"."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass
class ColumnMapping:
    """Which column (0-based index) holds which field.

    ``headers`` are the header texts as in the file. ``fields`` maps column index -> field.
    ``units`` holds the multiplier of amount columns whose header named a unit (toman: 10).
    ``how`` says why: "header", "values" (decided by the values of a generic phone column)
    or "manual". ``ignored`` columns were ignored on purpose; other non-empty columns
    without a field are ``unmapped`` (their values go to ``CustomerRow.extra``).
    ``suggested`` maps unmapped columns whose header only resembles a field (محله: city)
    to that field: offered to the owner, never taken without them.
    """

    kind: str
    headers: list[str]
    fields: dict[int, str] = field(default_factory=dict)
    units: dict[int, int] = field(default_factory=dict)
    how: dict[int, str] = field(default_factory=dict)
    ignored: set[int] = field(default_factory=set)
    suggested: dict[int, str] = field(default_factory=dict)

    def columns(self, name: str) -> list[int]:
        return sorted(i for i, f in self.fields.items() if f == name)

    def column(self, name: str) -> int | None:
        cols = self.columns(name)
        return cols[0] if cols else None

    def has(self, name: str) -> bool:
        return name in self.fields.values()

    def field_of(self, index: int) -> str | None:
        return self.fields.get(index)

    def label(self, index: int) -> str:
        """The column as the owner knows it: its header text, else its letter."""
        text = self.headers[index] if index < len(self.headers) else ""
        return text or column_letter(index)

    @property
    def unmapped(self) -> list[int]:
        return [i for i, h in enumerate(self.headers)
                if h and i not in self.fields and i not in self.ignored]

    def as_dict(self) -> dict[str, str]:
        """``{header text: field or "ignore"}``, the form a remembered mapping is kept in."""
        out: dict[str, str] = {}
        for i, h in enumerate(self.headers):
            if not h:
                continue
            if i in self.fields:
                out[h] = self.fields[i]
            elif i in self.ignored:
                out[h] = IGNORE
        return out

    def preview(self) -> list[tuple[str, str | None]]:
        """``[(column label, field or "ignore" or None)]`` in column order, for a dialog."""
        width = max([len(self.headers), *(i + 1 for i in self.fields)], default=0)
        out = []
        for i in range(width):
            if (i >= len(self.headers) or not self.headers[i]) and i not in self.fields:
                continue
            target = self.fields.get(i) or (IGNORE if i in self.ignored else None)
            out.append((self.label(i), target))
        return out


# -------------------------------------------------------------------- building a mapping


def _phone_profile(values: Iterable[Any]) -> tuple[int, int, int]:
    """(non-empty, mobiles, landlines) among ``values``."""
    seen = mobiles = landlines = 0
    for v in values:
        if v is None or v == "":
            continue
        info = classify_phone(v)
        if info.kind == "empty":
            continue
        seen += 1
        if info.kind == "mobile":
            mobiles += 1
        elif info.kind == "landline":
            landlines += 1
    return seen, mobiles, landlines


def build_mapping(headers: Sequence[Any], sample: Sequence[Sequence[Any]],
                  kind: str = CUSTOMERS, manual: dict[Any, str] | None = None) -> ColumnMapping:
    """Map the ``headers`` of a table; ``sample`` is some data rows, for phone columns.

    ``manual`` maps header texts (compared by ``header_key``) or 0-based column indexes to
    a field name or "ignore"; it wins over recognition. A manual key that matches no
    column raises ``InvalidInput("import_map_unknown_column")``.
    """
    texts = [header_text(h) for h in headers]
    width = max(len(texts), max((len(r) for r in sample), default=0))
    texts += [""] * (width - len(texts))
    mapping = ColumnMapping(kind, texts)
    names = field_names(kind)

    manual_cols: dict[int, str] = {}
    if manual:
        keys = [header_key(t) for t in texts]
        for target_key, target in manual.items():
            fld = target if target in names or target == IGNORE else resolve_field_name(
                target, kind)
            if isinstance(target_key, int):
                hits = [target_key] if 0 <= target_key < width else []
            else:
                k = header_key(target_key)
                hits = [i for i, hk in enumerate(keys) if k and hk == k]
                if not hits and re.fullmatch(r"[A-Za-z]{1,3}", str(target_key).strip()):
                    letter = str(target_key).strip().upper()
                    hits = [i for i in range(width) if column_letter(i) == letter]
            if not hits:
                raise InvalidInput("import_map_unknown_column", column=str(target_key),
                                   headers="، ".join(t for t in texts if t))
            for i in hits:
                manual_cols[i] = fld

    matches: dict[int, HeaderMatch] = {}
    for i, text in enumerate(texts):
        if i in manual_cols or not text:
            continue
        m = match_header(text, kind)
        if m is not None:
            matches[i] = m

    def take(i: int, fld: str, how: str, unit: int | None = None) -> None:
        mapping.fields[i] = fld
        mapping.how[i] = how
        if unit is not None:
            mapping.units[i] = unit

    # 1. manual choices
    for i, fld in manual_cols.items():
        if fld == IGNORE:
            mapping.ignored.add(i)
        else:
            unit = _unit_and_key(texts[i])[1] if fld == "amount" else None
            take(i, fld, "manual", unit)

    # 2. clear headers, un-numbered first ("موبایل" before "موبایل ۲"); a header that only
    # resembles a field is offered for it, not mapped
    order = sorted(matches, key=lambda i: (matches[i].numbered, i))
    for i in order:
        m = matches[i]
        if m.near:
            continue  # offered below, when no column holds the field
        if m.field == IGNORE:
            mapping.ignored.add(i)
        elif m.field != "phone?":
            if m.field in JOINED_FIELDS or not mapping.has(m.field):
                take(i, m.field, "header", m.unit)
            elif m.field == "mobile" and not mapping.has("phone2"):
                take(i, "phone2", "header")
            # else: a second column for the same field stays unmapped (kept in extra)

    # 3. generic phone headers, decided by their values
    generic = [i for i in order if matches[i].field == "phone?"]
    if generic:
        profiles = {i: _phone_profile(r[i] if i < len(r) else None for r in sample)
                    for i in generic}
        if not mapping.has("mobile"):
            best = max(generic, key=lambda i: (profiles[i][1] / profiles[i][0]
                                               if profiles[i][0] else -1.0, -i))
            seen, mobiles, _ = profiles[best]
            if (seen and mobiles * 2 >= seen) or (
                    not seen and matches[best].default == "mobile"):
                take(best, "mobile", "values" if seen else "header")
        for i in generic:
            if i in mapping.fields:
                continue
            seen, mobiles, landlines = profiles[i]
            phone_like = seen and (mobiles + landlines) * 2 >= seen
            if not mapping.has("phone2") and (phone_like or not seen):
                take(i, "phone2", "values" if seen else "header")
            elif not mapping.has("mobile") and matches[i].default == "mobile" and not seen:
                take(i, "mobile", "header")

    # 4. "نام" beside a last-name column is the first name
    if kind == CUSTOMERS and mapping.has("last_name") and not mapping.has("first_name"):
        for i in mapping.columns("name"):
            if mapping.how.get(i) == "header" and header_key(texts[i]) in _SHORT_NAME_KEYS:
                mapping.fields[i] = "first_name"
                break

    # 5. headers that only resemble a field: offered for it when no column holds it
    for i in order:
        m = matches[i]
        if m.near and i not in mapping.fields and not mapping.has(m.field) and \
                m.field not in mapping.suggested.values():
            mapping.suggested[i] = m.field
    return mapping


_SHORT_NAME_KEYS = frozenset(header_key(k) for k in ("نام", "اسم", "name", "نام مشتری"))


def recognised_count(row: Sequence[Any], kind: str = CUSTOMERS) -> int:
    """How many cells of ``row`` are headers of ``kind`` (distinct fields)."""
    found: set[str] = set()
    for cell in row:
        if isinstance(cell, str) and cell.strip() and len(cell) <= 80:
            m = match_header(cell, kind)
            if m is not None and m.field != IGNORE:
                found.add(m.field if m.field != "phone?" else "phone")
    return len(found)


def default_amount_unit(mapping: ColumnMapping, factor: int) -> None:
    """Amount columns whose header names no unit are in the owner's currency: ``factor``
    rials a unit (toman: 10). A header that names its unit («مبلغ (ریال)») keeps it."""
    for index in mapping.columns("amount"):
        mapping.units.setdefault(index, factor)

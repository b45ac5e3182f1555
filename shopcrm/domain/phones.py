"""Iranian phone numbers: canonical mobiles (``09XXXXXXXXX``), landlines, search queries.

Regexes use ``[0-9]`` with ``re.ASCII``: Python's ``\\d`` also matches Persian digits.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from shopcrm.domain.text import INVISIBLE, ZWJ, ZWNJ, fold_digits, to_persian_digits
from shopcrm.errors import InvalidInput

PhoneKind = Literal["mobile", "landline", "empty", "invalid"]

_SEPARATORS = " \t\r\n\u00a0\u2002\u2003\u2007\u2009\u200a\u202f-‐‑‒–—−_.()[]/\\"
_STRIP = str.maketrans("", "", _SEPARATORS + INVISIBLE + ZWNJ + ZWJ)
_CANONICAL = re.compile(r"09[0-9]{9}", re.ASCII)
_DIGITS = re.compile(r"\+?[0-9]+", re.ASCII)
_MOBILE = re.compile(r"9[0-9]{9}", re.ASCII)
_NATIONAL_LANDLINE = re.compile(r"[1-8][0-9]{9}", re.ASCII)
_LOCAL_LANDLINE = re.compile(r"[1-9][0-9]{7}", re.ASCII)
# What Excel leaves behind: "9121234567.0" and "9.121234567E+09".
_EXCEL_FLOAT = re.compile(r"([0-9]+)\.0+", re.ASCII)
_EXCEL_SCI = re.compile(r"([0-9])(?:\.([0-9]+))?[eE]\+?([0-9]{1,2})", re.ASCII)
_QUERY = re.compile(r"\+?[0-9]+", re.ASCII)


@dataclass(frozen=True)
class PhoneInfo:
    kind: PhoneKind
    value: str | None
    raw: str


def _bad(raw: object) -> InvalidInput:
    return InvalidInput("bad_mobile", value=str(raw))


def _digits(raw: str | int | float | None) -> str:
    """The number as ASCII digits (maybe after a leading '+'); '' when empty."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        raise _bad(raw)
    if isinstance(raw, int):
        return str(raw)
    if isinstance(raw, float):
        if not math.isfinite(raw) or not raw.is_integer() or raw < 0:
            raise _bad(raw)
        return str(int(raw))
    text = fold_digits(str(raw)).strip()
    if m := _EXCEL_FLOAT.fullmatch(text):
        return m.group(1)
    if m := _EXCEL_SCI.fullmatch(text):
        return _exact_scientific(m, raw)
    text = text.translate(_STRIP)
    if text and not _DIGITS.fullmatch(text):
        raise _bad(raw)
    return text


def _exact_scientific(m: re.Match[str], raw: object) -> str:
    """'9.121234567E+09' -> '9121234567'; a rounded '9.12123E+09' lost digits: refused."""
    mantissa = m.group(1) + (m.group(2) or "")
    try:
        value = Decimal(m.group(0))
    except InvalidOperation:  # pragma: no cover - the regex only lets numbers through
        raise _bad(raw) from None
    digits = str(int(value))
    if value != value.to_integral_value() or len(mantissa) < len(digits):
        raise _bad(raw)
    return digits


def _national(digits: str) -> tuple[str, bool]:
    """Strip the country code (+98, 0098, 98) and one trunk 0.

    Returns the national significant number and whether a country code was present.
    """
    if digits.startswith("+"):
        if not digits.startswith("+98"):
            return "", True
        rest = digits[3:]
    elif digits.startswith("0098"):
        rest = digits[4:]
    elif digits.startswith("98") and len(digits) == 12 and digits[2] != "0":
        return digits[2:], True
    elif digits.startswith("0"):
        return digits[1:], False
    else:
        return digits, False
    return (rest[1:] if rest.startswith("0") else rest), True


def normalize_mobile(raw: str | int | float | None) -> str | None:
    """Canonical ``09XXXXXXXXX``, None for an empty value; ``InvalidInput("bad_mobile")``."""
    if type(raw) is str and len(raw) == 11 and _CANONICAL.fullmatch(raw):
        return raw
    digits = _digits(raw)
    if not digits:
        return None
    national, _ = _national(digits)
    if not _MOBILE.fullmatch(national):
        raise _bad(raw)
    return "0" + national


def classify_phone(raw: str | int | float | None) -> PhoneInfo:
    """Mobile, landline (``0XXXXXXXXXX`` or an 8-digit local number), empty or invalid."""
    text = "" if raw is None else str(raw)
    try:
        digits = _digits(raw)
    except InvalidInput:
        return PhoneInfo("invalid", None, text)
    if not digits:
        return PhoneInfo("empty", None, text)
    national, international = _national(digits)
    if _MOBILE.fullmatch(national):
        return PhoneInfo("mobile", "0" + national, text)
    if _NATIONAL_LANDLINE.fullmatch(national):
        return PhoneInfo("landline", "0" + national, text)
    if not international and _LOCAL_LANDLINE.fullmatch(digits):
        return PhoneInfo("landline", digits, text)
    return PhoneInfo("invalid", None, text)


def format_mobile(m: str | None, *, persian_digits: bool = False) -> str:
    """``0912 345 6789``; text that is not a mobile comes back as given."""
    if not m:
        return ""
    try:
        canonical = normalize_mobile(m)
    except InvalidInput:
        canonical = None
    text = f"{canonical[:4]} {canonical[4:7]} {canonical[7:]}" if canonical else str(m)
    if persian_digits:
        return to_persian_digits(text)
    return text


def looks_like_phone_query(q: str | None) -> str | None:
    """Digits to look for inside stored phones, when a search query is a phone number.

    ``"0912 345"`` -> ``"0912345"``, ``"+98912"`` -> ``"0912"``, ``"علی"`` -> None.
    """
    if not q:
        return None
    text = fold_digits(q).strip().translate(_STRIP)
    if not _QUERY.fullmatch(text):
        return None
    if text.startswith("+98"):
        rest = text[3:]
    elif text.startswith("0098"):
        rest = text[4:]
    elif text.startswith("+"):
        return text[1:]
    elif len(text) == 12 and text.startswith("989"):
        return "0" + text[2:]
    else:
        return text
    return rest if rest.startswith("0") else "0" + rest

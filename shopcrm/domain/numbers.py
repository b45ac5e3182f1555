"""Money (whole Rials) and counts typed by the owner or read from a spreadsheet."""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Literal

from shopcrm.domain.text import fold_digits, search_key, strip_invisible, to_persian_digits
from shopcrm.errors import InvalidInput

Unit = Literal["rial", "toman"]
MAX_AMOUNT = 2**63 - 1  # a BIGINT column

_UNIT_WORDS = {"ریال": 1, "rial": 1, "rials": 1, "irr": 1,
               "تومان": 10, "toman": 10, "tomans": 10, "irt": 10}
_UNIT = re.compile(r"\s*(" + "|".join(_UNIT_WORDS) + r")$")
# How prices are said: «۱۵۰ هزار» is 150,000, «۱٫۵ میلیون» 1,500,000 (one word after the
# number, before a unit word: «۱۵۰ هزار تومان»).
_SCALE_WORDS = {"هزار": 10**3, "thousand": 10**3, "میلیون": 10**6, "million": 10**6,
                "میلیارد": 10**9, "billion": 10**9}
_SCALE = re.compile(r"\s*(" + "|".join(_SCALE_WORDS) + r")$")
_MINUS = ("-", "−")  # ASCII hyphen-minus and U+2212
_AMOUNT = re.compile(
    r"\+?(?:([0-9]{1,3}(?:[,٬، ][0-9]{3})+)|([0-9]+))(?:[.٫]([0-9]+))?"
    r"|\+?([0-9]+(?:\.[0-9]+)?e\+?[0-9]{1,2})",  # 1.2e+06 from a spreadsheet
    re.ASCII,
)
_GROUP_SEPARATORS = str.maketrans("", "", ",٬، ")
_INT = re.compile(r"[+-]?[0-9]+(?:\.0+)?", re.ASCII)
_UNIT_NAMES = {"rial": ("ریال", "rials"), "toman": ("تومان", "tomans")}


def _bad(value: object) -> InvalidInput:
    return InvalidInput("bad_number", value=str(value))


def _whole(number: Decimal | float, value: object) -> int:
    if not (number.is_finite() if isinstance(number, Decimal) else math.isfinite(number)):
        raise _bad(value)  # inf, nan: in rials (float) or once in tomans (Decimal)
    if number != int(number):
        raise _bad(value)
    return int(number)


def parse_amount(value: str | int | float | None, *, factor: int = 1) -> int | None:
    """Whole Rials from text such as ``۱۲٬۰۰۰`` or ``1,200,000 ریال``, or from a cell.

    A trailing unit word (ریال, تومان, rial, toman) is understood; toman is 10 Rials.
    Without one the number is in units of ``factor`` Rials (10: the owner types tomans).
    A scale word before it is too: ``۱۵۰ هزار`` is 150,000, ``۱٫۵ میلیون تومان``
    1,500,000 tomans (هزار, میلیون, میلیارد; thousand, million, billion).
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise _bad(value)
    if isinstance(value, int | float):
        amount = _whole(Decimal(str(value)) * factor if factor != 1 else value, value)
    else:
        parsed = _parse_amount_text(str(value), factor)
        if parsed is None:
            return None
        amount = parsed
    if amount < 0:
        raise InvalidInput("negative_amount", value=str(value))
    if amount > MAX_AMOUNT:
        raise _bad(value)
    return amount


def _parse_amount_text(raw: str, factor: int = 1) -> int | None:
    text = search_key(raw)
    if not text:
        return None
    if m := _UNIT.search(text):
        factor = _UNIT_WORDS[m.group(1)]
        text = text[: m.start()]
    scale = 1
    if (m := _SCALE.search(text)) and m.start() > 0:
        scale = _SCALE_WORDS[m.group(1)]
        text = text[: m.start()]
    negative = text.startswith(_MINUS)
    m = _AMOUNT.fullmatch(text[1:] if negative else text)
    if m is None:
        raise _bad(raw)
    grouped, plain, fraction, scientific = m.groups()
    if scientific:
        number = Decimal(scientific)
    else:
        whole = (grouped or "").translate(_GROUP_SEPARATORS) or plain
        number = Decimal(f"{whole}.{fraction}" if fraction else whole)
    amount = _whole(number * factor * scale, raw)
    return -amount if negative else amount


def parse_int(
    value: str | int | float | None, *, minimum: int | None = None, maximum: int | None = None
) -> int | None:
    """An integer from text (Persian digits too) or a cell; None when empty."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise _bad(value)
    if isinstance(value, int | float):
        number = _whole(value, value)
    else:
        text = fold_digits(strip_invisible(str(value))).strip().replace("−", "-")
        if not text:
            return None
        if not _INT.fullmatch(text):
            raise _bad(value)
        number = int(text.split(".")[0])
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        raise InvalidInput("bad_number", value=str(value), minimum=minimum, maximum=maximum)
    return number


def format_amount(
    rials: int | None,
    *,
    unit: Unit = "rial",
    persian_digits: bool = True,
    with_unit: bool = False,
) -> str:
    """``۱٬۲۰۰٬۰۰۰`` (Persian) or ``1,200,000``; in tomans a tenth, e.g. ``۱۲۰٬۰۰۰``."""
    if rials is None:
        return ""
    if unit not in _UNIT_NAMES:
        raise ValueError(f"unknown unit {unit!r}")
    whole, tenths = divmod(abs(rials), 10) if unit == "toman" else (abs(rials), 0)
    text = f"{whole:,}" + (f".{tenths}" if tenths else "")
    if persian_digits:
        text = to_persian_digits(text.replace(",", "٬").replace(".", "٫"))
    if rials < 0:
        text = "-" + text
    if with_unit:
        text += " " + _UNIT_NAMES[unit][0 if persian_digits else 1]
    return text

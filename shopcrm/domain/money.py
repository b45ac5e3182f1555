"""Money, the one way: stored as whole Rials, typed and shown in the owner's currency.

The owner picks the currency once (``ui.currency``: ``toman``, the default, or ``rial``).
Every surface — the window's amount fields, tables and card, the command line's
``--amount`` and printed amounts, charts, reports and Excel exports and imports — goes
through the functions here, so the same visit reads the same number with the same unit
everywhere, and a toman is always ten rials.

- :func:`parse_money` reads what the owner typed: Persian or Latin digits, with or without
  the separators ``,`` ``٬`` ``،`` or spaces, an optional decimal (a tenth of a toman is a
  rial), an optional unit word that wins over the owner's currency (``۸۵۰٬۰۰۰ ریال``).
- :func:`format_money` writes it back grouped, with Persian digits in Persian, and the unit
  word (``تومان``/``ریال``; ``tomans``/``rials``) when asked.
- :func:`in_unit` is the number a chart or a spreadsheet cell holds; :func:`unit_word` and
  :func:`amount_header` name the unit in an axis or a column header («مبلغ (تومان)»).
"""

from __future__ import annotations

from typing import Literal

from shopcrm.domain.numbers import format_amount, parse_amount

Currency = Literal["toman", "rial"]
CURRENCIES: tuple[Currency, ...] = ("toman", "rial")
FACTOR: dict[str, int] = {"toman": 10, "rial": 1}
_WORDS: dict[str, tuple[str, str]] = {"toman": ("تومان", "tomans"), "rial": ("ریال", "rials")}


def _unit(unit: str) -> Currency:
    if unit not in FACTOR:
        raise ValueError(f"unknown currency {unit!r}")
    return unit  # type: ignore[return-value]


def factor(unit: str) -> int:
    """Rials in one ``unit`` (a toman is ten rials)."""
    return FACTOR[_unit(unit)]


def parse_money(value: str | int | float | None, unit: str) -> int | None:
    """Whole Rials from an amount typed (or a cell) in ``unit``; None when empty.

    ``۸۵۰۰۰۰``, ``850,000``, ``۸۵۰٬۰۰۰``, ``850 000`` and ``850000`` are the same amount;
    ``850,000.5`` tomans is 8,500,005 rials. Raises ``InvalidInput`` (``bad_number``,
    ``negative_amount``) when it cannot be read or is not a whole number of rials.
    """
    return parse_amount(value, factor=factor(unit))


def format_money(rials: int | None, unit: str, lang: str = "fa", *,
                 with_unit: bool = False) -> str:
    """``۸۵۰٬۰۰۰`` (fa) or ``850,000`` (en) in ``unit``; with the unit word when asked."""
    return format_amount(rials, unit=_unit(unit), persian_digits=lang == "fa",
                         with_unit=with_unit)


def in_unit(rials: int | None, unit: str) -> int | float | None:
    """The number a cell or a chart holds for ``rials`` in ``unit`` (a whole number when
    it is one: 8,500,000 rials are 850000 tomans; 8,500,005 rials 850000.5)."""
    if rials is None:
        return None
    whole, rest = divmod(rials, factor(unit))
    return whole if rest == 0 else rials / factor(unit)


def unit_word(unit: str, lang: str = "fa") -> str:
    """``تومان`` / ``ریال`` in Persian, ``tomans`` / ``rials`` in English."""
    fa, en = _WORDS[_unit(unit)]
    return fa if lang == "fa" else en


def amount_header(label_fa: str, label_en: str, unit: str, lang: str = "fa") -> str:
    """A column header naming the unit: «مبلغ (تومان)», ``Amount (tomans)``."""
    label = label_fa if lang == "fa" else label_en
    return f"{label} ({unit_word(unit, lang)})"

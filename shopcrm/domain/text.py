"""Persian text: digits, cleaning as typed, search/dedupe keys and a sortable key.

Every table is built once at import: ``search_key`` and ``clean_text`` run on each row
of an import, so they stay a few ``str.translate`` calls and a normalisation.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
ZWNJ = "\u200c"
ZWJ = "\u200d"
TATWEEL = "\u0640"
# LRM RLM, LRE RLE PDF LRO RLO, LRI RLI FSI PDI, ALM; zero-width space, word joiner, BOM,
# soft hyphen.
BIDI_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
INVISIBLE = BIDI_MARKS + "\u200b\u2060\ufeff\u00ad"
_CONTROLS = "".join(chr(c) for c in (*range(0x00, 0x09), *range(0x0E, 0x1C), 0x7F))
DIACRITICS = "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670"

_FOLD_DIGITS = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, "0123456789" * 2)
_TO_PERSIAN = str.maketrans("0123456789" + ARABIC_DIGITS, PERSIAN_DIGITS * 2)
_STRIP_INVISIBLE = str.maketrans("", "", INVISIBLE + ZWNJ + ZWJ)
_STRIP_MARKS = str.maketrans("", "", INVISIBLE + ZWJ)

_CLEAN = str.maketrans(
    {"ي": "ی", "ى": "ی", "ك": "ک", **dict.fromkeys(INVISIBLE + _CONTROLS + TATWEEL)}
)
_KEY = str.maketrans(
    {
        **{chr(k): v for k, v in _CLEAN.items()},
        **dict.fromkeys("ةۀەہ", "ه"),
        **dict.fromkeys("أإٱ", "ا"),
        "ؤ": "و",
        "ئ": "ی",
        **dict(zip(PERSIAN_DIGITS + ARABIC_DIGITS, "0123456789" * 2, strict=True)),
        **dict.fromkeys(ZWNJ + ZWJ + DIACRITICS),
    }
)

# Persian alphabetical order; آ is a letter of its own, right after ا.
PERSIAN_ALPHABET = "اآبپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
_SORT = str.maketrans({c: chr(0xE000 + i) for i, c in enumerate(PERSIAN_ALPHABET)})

_ZWNJ_RUN = re.compile(ZWNJ + "+")


def fold_digits(s: str) -> str:
    """Persian (۰-۹) and Arabic-Indic (٠-٩) digits to ASCII ones."""
    return s.translate(_FOLD_DIGITS)


def to_persian_digits(s: str) -> str:
    """ASCII (and Arabic-Indic) digits to Persian ones."""
    return s.translate(_TO_PERSIAN)


def strip_invisible(s: str) -> str:
    """Remove bidi marks, zero-width characters (ZWNJ and ZWJ included) and the BOM."""
    return s.translate(_STRIP_INVISIBLE)


def strip_marks(s: str) -> str:
    """Remove bidi marks and zero-width characters, but keep a ZWNJ between two letters:
    it is part of Persian spelling (مراجعه‌ی, می‌دهید), not an invisible stray."""
    s = s.translate(_STRIP_MARKS)
    return _tidy_zwnj(s) if ZWNJ in s else s


def _letterish(c: str) -> bool:
    return c.isalpha() or unicodedata.category(c) == "Mn"


def _tidy_zwnj(s: str) -> str:
    """One ZWNJ between two letters; dropped at word ends, next to spaces or digits."""

    def keep(m: re.Match[str]) -> str:
        i, j = m.start(), m.end()
        inside = i > 0 and j < len(s) and _letterish(s[i - 1]) and s[j].isalpha()
        return ZWNJ if inside else ""

    return _ZWNJ_RUN.sub(keep, s)


def clean_text(s: str | None) -> str:
    """A name, city... as typed, tidied: Persian ی/ک, no bidi marks or tatweel, one space."""
    if not s:
        return ""
    s = str(s).translate(_CLEAN)
    if ZWNJ in s:
        s = _tidy_zwnj(s)
    s = " ".join(s.split())
    return s if s.isascii() else unicodedata.normalize("NFC", s)


def search_key(s: str | None) -> str:
    """The key searches and duplicate checks compare: letters, digits and spaces folded."""
    if not s:
        return ""
    s = str(s)
    if s.isascii():
        return " ".join(s.translate(_CLEAN).casefold().split())
    s = unicodedata.normalize("NFKC", s).translate(_KEY).casefold()
    return " ".join(unicodedata.normalize("NFKC", s).split())


def sort_key(s: str | None) -> str:
    """A key whose code-point order is Persian alphabetical order.

    Space < digits < Latin < Persian letters (mapped onto U+E000...), so a plain index
    (SQLite) or ``COLLATE "C"`` (PostgreSQL) sorts names the way a Persian reader expects.
    """
    return search_key(s).translate(_SORT)


_TITLES = frozenset(
    search_key(t)
    for t in ("سید", "سیده", "حاج", "حاجی", "آقای", "آقا", "خانم", "دکتر", "مهندس",
              "Mr", "Mrs", "Ms", "Miss", "Dr")
)


def first_name(full: str | None) -> str:
    """The first word of a name, skipping titles such as سید, حاج, خانم, Dr."""
    tokens = clean_text(full).split(" ")
    while len(tokens) > 1 and search_key(tokens[0]).rstrip(".") in _TITLES:
        tokens.pop(0)
    return tokens[0]


def is_blank(s: Any) -> bool:
    """True for None, NaN and text with nothing visible in it."""
    if s is None:
        return True
    if isinstance(s, float):
        return math.isnan(s)
    return isinstance(s, str) and not clean_text(s)


def build_search_text(*, name: str, mobile: str | None, phone2: str | None,
                      email: str | None, notes: str | None, mobile_raw: str | None,
                      name_key: str | None = None) -> str:
    """The normalised text searched by FTS5 trigram (SQLite) or pg_trgm (PostgreSQL).

    ``name_key`` (``search_key(name)``) may be given when the caller has it already."""
    parts = [search_key(name) if name_key is None else name_key]
    if mobile:
        parts.append(mobile)
    if phone2:
        parts.append(re.sub(r"[^0-9]", "", fold_digits(phone2)))
    if mobile_raw:
        parts.append(search_key(mobile_raw))
    if email:
        parts.append(email.lower())
    if notes:
        parts.append(search_key(notes))
    return " | ".join(p for p in parts if p)

"""Persian text: digits, clean_text, search_key, sort_key, first_name, is_blank."""

from __future__ import annotations

import pytest

from shopcrm.domain.text import (
    clean_text,
    first_name,
    fold_digits,
    is_blank,
    search_key,
    sort_key,
    strip_invisible,
    to_persian_digits,
)

ZWNJ = "\u200c"


# -- digits ------------------------------------------------------------------------------


def test_fold_digits_both_sets():
    assert fold_digits("۰۱۲۳۴۵۶۷۸۹") == "0123456789"
    assert fold_digits("٠١٢٣٤٥٦٧٨٩") == "0123456789"
    assert fold_digits("شماره ۰۹۱۲ و ٣٤") == "شماره 0912 و 34"


def test_to_persian_digits():
    assert to_persian_digits("1403/05/17") == "۱۴۰۳/۰۵/۱۷"
    assert to_persian_digits("٣") == "۳"
    assert to_persian_digits("abc") == "abc"


def test_strip_invisible():
    assert strip_invisible("\u200fعلی\u200c\u200dرضا\u200e\ufeff") == "علیرضا"


# -- clean_text --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        ("", ""),
        ("  علی  ", "علی"),
        ("علي", "علی"),  # Arabic yeh
        ("مصطفى", "مصطفی"),  # alef maksura
        ("كاظم", "کاظم"),  # Arabic kaf
        ("علی\tرضا\nکریمی", "علی رضا کریمی"),
        ("علی     رضا", "علی رضا"),
        ("علی\u00a0رضا", "علی رضا"),  # no-break space
        ("\u200fعلی\u200e", "علی"),  # RLM / LRM
        ("\u202bعلی\u202c \u2067رضا\u2069\u061c", "علی رضا"),  # embeddings, isolates, ALM
        ("\u200bعلی\ufeff", "علی"),  # zero-width space, BOM
        ("عــــلی", "علی"),  # tatweel
        ("فاطمة", "فاطمة"),  # ة is kept as typed
        ("۱۲۳", "۱۲۳"),  # digits are kept as typed
        ("Ali  Karimi", "Ali Karimi"),
    ],
)
def test_clean_text(raw, expected):
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (f"می{ZWNJ}خواهم", f"می{ZWNJ}خواهم"),  # between two letters: kept
        (f"می{ZWNJ}{ZWNJ}خواهم", f"می{ZWNJ}خواهم"),  # doubled: one left
        (f"{ZWNJ}علی{ZWNJ}", "علی"),  # at the ends
        (f"علی{ZWNJ} رضا", "علی رضا"),  # next to a space
        (f"علی {ZWNJ}رضا", "علی رضا"),
        (f"۱۲{ZWNJ}ام", "۱۲ام"),  # after a digit
        (f"می\u200f{ZWNJ}خواهم", f"می{ZWNJ}خواهم"),  # a bidi mark in between is removed first
    ],
)
def test_clean_text_zwnj(raw, expected):
    assert clean_text(raw) == expected


def test_clean_text_composes_decomposed_letters():
    assert clean_text("\u0627\u0653رش") == "آرش"


def test_clean_text_is_idempotent_on_examples():
    for raw in ["علي\u200c\u200cكريمى  ", "\u200f  آرش\tـ ", f"{ZWNJ}x{ZWNJ}\u0301"]:
        once = clean_text(raw)
        assert clean_text(once) == once


# -- search_key --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        ("", ""),
        ("علي", "علی"),
        ("مصطفى", "مصطفی"),
        ("كاظم", "کاظم"),
        ("فاطمة", "فاطمه"),
        ("خانۀ", "خانه"),
        ("خانه\u0654", "خانه"),  # heh + hamza above (decomposed ۀ)
        ("أحمد", "احمد"),
        ("إيمان", "ایمان"),
        ("ٱلله", "الله"),
        ("مؤمن", "مومن"),
        ("رئیس", "رییس"),
        (f"علی{ZWNJ}رضا", "علیرضا"),
        ("علی\u200dرضا", "علیرضا"),  # ZWJ
        ("عــــلی", "علی"),
        ("مُحَمَّد", "محمد"),  # fatha, damma, shadda
        ("رحمٰن", "رحمن"),  # superscript alef U+0670
        ("۰۹۱۲", "0912"),
        ("٠٩١٢", "0912"),
        ("  Ali   KARIMI ", "ali karimi"),
        ("Straße", "strasse"),
        ("\u200fعلی\u200e  رضا\t", "علی رضا"),
        ("آرش", "آرش"),  # آ stays a letter of its own
        ("\u0627\u0653رش", "آرش"),  # decomposed آ is composed, not stripped
        ("ﻋﻠﻲ", "علی"),  # presentation forms (old PDFs)
    ],
)
def test_search_key(raw, expected):
    assert search_key(raw) == expected


def test_search_key_makes_spellings_equal():
    spellings = ["علي‌رضا كريمى", "علیرضا کریمی", " عليرضا  كريمي ", "علــیرضا کریمی"]
    assert len({search_key(s) for s in spellings}) == 1


def test_search_key_is_idempotent_on_examples():
    for raw in ["فاطمۀ أحمدي‌نژاد ۱۲", "Ali KARIMI", "ﻋﻠﻲ", "\u0627\u0653"]:
        key = search_key(raw)
        assert search_key(key) == key


# -- sort_key ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("ا", "آ"),
        ("آ", "ب"),
        ("ب", "پ"),
        ("پ", "ت"),
        ("ج", "چ"),
        ("چ", "ح"),
        ("ز", "ژ"),
        ("ژ", "س"),
        ("ک", "گ"),
        ("گ", "ل"),
        ("و", "ه"),
        ("ه", "ی"),
        ("علی", "علی اکبر"),
        ("علی اکبر", "علیرضا"),
        ("9", "a"),  # digits first
        ("z", "ا"),  # then Latin, then Persian
        ("بهرام", "پری"),
        ("زهرا", "ژاله"),
        ("کاوه", "گلناز"),
        ("گلناز", "لیلا"),
        ("احمد", "آرش"),  # آ right after ا (a letter of its own)
    ],
)
def test_sort_key_order(before, after):
    assert sort_key(before) < sort_key(after)


def test_sort_key_sorts_a_list_in_persian_order():
    names = ["یاسمن", "گلناز", "ژاله", "پری", "Zed", "علیرضا", "آرش", "علی اکبر", "علی",
             "احمد", "چنگیز", "کاوه", "123", "بهرام", "زهرا", "جواد"]
    expected = ["123", "Zed", "احمد", "آرش", "بهرام", "پری", "جواد", "چنگیز", "زهرا", "ژاله",
                "علی", "علی اکبر", "علیرضا", "کاوه", "گلناز", "یاسمن"]
    assert sorted(names, key=sort_key) == expected


def test_sort_key_folds_like_search_key():
    assert sort_key("علي") == sort_key("علی")
    assert sort_key("ALI") == sort_key("ali")
    assert sort_key(None) == ""


def test_sort_key_is_plain_storable_text():
    key = sort_key("پژمان گلزار")
    assert key.encode("utf-8").decode("utf-8") == key
    assert all(0xE000 <= ord(c) < 0xE100 or c == " " for c in key)


# -- first_name, is_blank ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("full", "expected"),
    [
        ("علی رضایی", "علی"),
        ("  علي   رضایی ", "علی"),
        ("سید علی حسینی", "علی"),
        ("سیده فاطمه موسوی", "فاطمه"),
        ("حاج سید مهدی", "مهدی"),
        ("خانم مریم", "مریم"),
        ("آقای دکتر رضا", "رضا"),
        ("Dr. John Smith", "John"),
        ("mrs Jane", "Jane"),
        ("سید", "سید"),  # a title alone is the name
        ("مریم", "مریم"),
        ("", ""),
        (None, ""),
    ],
)
def test_first_name(full, expected):
    assert first_name(full) == expected


@pytest.mark.parametrize(
    ("value", "blank"),
    [
        (None, True),
        ("", True),
        ("   ", True),
        ("\u200c\u200f \t", True),
        (float("nan"), True),
        ("ـ", True),
        ("a", False),
        ("علی", False),
        (0, False),
        (1.5, False),
    ],
)
def test_is_blank(value, blank):
    assert is_blank(value) is blank

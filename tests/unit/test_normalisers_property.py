"""Property-based checks of the normalisers: they never crash and they are stable."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shopcrm.domain.dates import format_gregorian, format_jalali, parse_date
from shopcrm.domain.numbers import MAX_AMOUNT, format_amount, parse_amount
from shopcrm.domain.phones import classify_phone, normalize_mobile
from shopcrm.domain.text import clean_text, search_key, sort_key
from shopcrm.errors import InvalidInput

FAST = settings(max_examples=250, deadline=None)

# Text that looks like what owners type and spreadsheets hold, plus anything at all.
PERSIAN = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآيكىةۀأإؤئ"
MARKS = "\u200c\u200d\u200e\u200f\u202b\u202c\u2067\u2069\u061c\u0640\u064b\u064e\u0650\u0651\u0670"
DIGITS = "0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩"
persianish = st.text(alphabet=PERSIAN + MARKS + DIGITS + " \t\n\u00a0abcXYZ-+./()", max_size=40)
any_text = st.one_of(persianish, st.text(max_size=40))
phoneish = st.text(alphabet=DIGITS + " -+.()/\u200c\u200f\u00a0eE", max_size=20)


@FAST
@given(st.one_of(phoneish, any_text, st.integers(), st.floats(), st.none()))
def test_normalize_mobile_only_raises_invalid_input_and_is_idempotent(raw):
    try:
        mobile = normalize_mobile(raw)
    except InvalidInput as error:
        assert error.code == "bad_mobile"
        return
    if mobile is not None:
        assert len(mobile) == 11 and mobile.startswith("09") and mobile.isascii()
        assert normalize_mobile(mobile) == mobile
        assert classify_phone(raw).value == mobile


@FAST
@given(st.integers(min_value=9_000_000_000, max_value=9_999_999_999))
def test_every_mobile_spelling_normalises_the_same(n):
    canonical = f"0{n}"
    for raw in (n, float(n), f"{n}.0", f"+98 {n}", f"0098{n}", canonical, f"98{n}"):
        assert normalize_mobile(raw) == canonical


@FAST
@given(any_text)
def test_search_key_is_idempotent_and_folded(raw):
    key = search_key(raw)
    assert search_key(key) == key
    for forbidden in ("\u200c", "\u200d", "ي", "ك", "ى", "\u0640", "  "):
        assert forbidden not in key
    assert key == key.strip()
    assert not any(c in key for c in "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩")


@FAST
@given(any_text)
def test_clean_text_is_idempotent(raw):
    cleaned = clean_text(raw)
    assert clean_text(cleaned) == cleaned
    assert "ي" not in cleaned and "ك" not in cleaned
    assert not cleaned.startswith("\u200c") and not cleaned.endswith("\u200c")


@FAST
@given(any_text, any_text)
def test_sort_key_agrees_with_search_key_equality(a, b):
    assert (sort_key(a) == sort_key(b)) == (search_key(a) == search_key(b))


@FAST
@given(any_text)
def test_parse_date_on_any_text_returns_a_date_or_raises_invalid_input(raw):
    try:
        result = parse_date(raw)
    except InvalidInput as error:
        assert error.code == "bad_date"
        return
    assert result is None or isinstance(result, date)


@FAST
@given(
    st.from_regex(r"[0-9۰-۹]{2,4}[/\-. ][0-9۰-۹]{1,2}[/\-. ][0-9۰-۹]{1,2}", fullmatch=True)
)
def test_parse_date_on_date_shaped_text(raw):
    try:
        assert isinstance(parse_date(raw), date)
    except InvalidInput as error:
        assert error.code == "bad_date"


@FAST
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.booleans())
def test_format_jalali_then_parse_date_round_trip(d, persian):
    assert parse_date(format_jalali(d, persian_digits=persian)) == d
    assert parse_date(format_gregorian(d)) == d


@FAST
@given(
    st.integers(min_value=0, max_value=MAX_AMOUNT),
    st.sampled_from(["rial", "toman"]),
    st.booleans(),
)
def test_parse_amount_round_trips_format_amount(rials, unit, persian):
    assert parse_amount(format_amount(rials, persian_digits=persian)) == rials
    text = format_amount(rials, unit=unit, persian_digits=persian, with_unit=True)
    assert parse_amount(text) == rials


@FAST
@given(st.one_of(any_text, st.integers(), st.floats(), st.none()))
def test_parse_amount_only_raises_invalid_input(raw):
    try:
        result = parse_amount(raw)
    except InvalidInput as error:
        assert error.code in {"bad_number", "negative_amount"}
        return
    assert result is None or (isinstance(result, int) and 0 <= result <= MAX_AMOUNT)


@pytest.mark.parametrize("factor", [1, 10])
@pytest.mark.parametrize("raw", [float("inf"), float("-inf"), float("nan")])
def test_parse_amount_refuses_a_non_finite_cell_in_any_unit(raw, factor):
    """A float cell that is not a number (inf, nan) is a bad amount, in rials or tomans
    (was: OverflowError from Decimal('Infinity') once multiplied by the toman factor)."""
    with pytest.raises(InvalidInput) as info:
        parse_amount(raw, factor=factor)
    assert info.value.code == "bad_number"

"""Amounts in Rials and plain integers."""

from __future__ import annotations

import pytest

from shopcrm.domain.numbers import MAX_AMOUNT, format_amount, parse_amount, parse_int
from shopcrm.errors import InvalidInput


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1200000", 1_200_000),
        ("۱۲۰۰۰۰۰", 1_200_000),
        ("١٢٠٠٠٠٠", 1_200_000),
        ("1,200,000", 1_200_000),
        ("۱٬۲۰۰٬۰۰۰", 1_200_000),  # Persian thousands separator U+066C
        ("۱،۲۰۰،۰۰۰", 1_200_000),  # Arabic comma
        ("1 200 000", 1_200_000),
        ("\u200f۱٬۲۰۰٬۰۰۰\u200e", 1_200_000),
        ("1200.00", 1200),
        ("۱۲۰۰٫۰", 1200),  # Persian decimal separator
        ("+500", 500),
        ("0", 0),
        ("1,200,000 ریال", 1_200_000),
        ("1,200,000 ريال", 1_200_000),  # Arabic yeh
        ("۱۲۰٬۰۰۰ تومان", 1_200_000),
        ("120000تومان", 1_200_000),
        ("120,000 toman", 1_200_000),
        ("120,000 Tomans", 1_200_000),
        ("1200 Rial", 1200),
        ("12.5 toman", 125),  # a fraction of a toman can still be whole Rials
        ("1.2E+06", 1_200_000),  # a spreadsheet's scientific notation
        (1200, 1200),
        (1200.0, 1200),
        (0, 0),
        (None, None),
        ("", None),
        ("   ", None),
    ],
)
def test_parse_amount(raw, expected):
    assert parse_amount(raw) == expected


@pytest.mark.parametrize("raw", ["-1200", "−1200", "-1,200 تومان", -1, -5.0])
def test_parse_amount_rejects_negatives(raw):
    with pytest.raises(InvalidInput) as info:
        parse_amount(raw)
    assert info.value.code == "negative_amount"


@pytest.mark.parametrize(
    "raw",
    [
        "1.5",  # amounts are whole Rials
        "12.34 toman",
        "1,5",  # not a thousands grouping
        "1,2345",
        "12,00,000",
        "abc",
        "12 dollars",
        "ریال",
        "1 2",
        "1..2",
        "--5",
        "1e99",  # beyond a BIGINT
        1.5,
        float("nan"),
        float("inf"),
        True,
        MAX_AMOUNT + 1,
    ],
)
def test_parse_amount_rejects_garbage(raw):
    with pytest.raises(InvalidInput) as info:
        parse_amount(raw)
    assert info.value.code == "bad_number"
    assert info.value.data["value"] == str(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("12", 12), ("۱۲", 12), (" ٣ ", 3), ("-3", -3), ("−3", -3), ("+7", 7), ("5.0", 5),
     (5, 5), (5.0, 5), (None, None), ("", None), ("  ", None)],
)
def test_parse_int(raw, expected):
    assert parse_int(raw) == expected


@pytest.mark.parametrize("raw", ["1.5", "abc", "1,000", "۱۲x", 1.5, True, float("nan")])
def test_parse_int_rejects(raw):
    with pytest.raises(InvalidInput) as info:
        parse_int(raw)
    assert info.value.code == "bad_number"


def test_parse_int_range():
    assert parse_int("۵", minimum=1, maximum=5) == 5
    assert parse_int("1", minimum=1, maximum=5) == 1
    with pytest.raises(InvalidInput) as info:
        parse_int("۶", minimum=1, maximum=5)
    assert info.value.data == {"value": "۶", "minimum": 1, "maximum": 5}
    with pytest.raises(InvalidInput):
        parse_int(0, minimum=1)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, "۱٬۲۰۰٬۰۰۰"),
        ({"persian_digits": False}, "1,200,000"),
        ({"with_unit": True}, "۱٬۲۰۰٬۰۰۰ ریال"),
        ({"persian_digits": False, "with_unit": True}, "1,200,000 rials"),
        ({"unit": "toman"}, "۱۲۰٬۰۰۰"),
        ({"unit": "toman", "with_unit": True}, "۱۲۰٬۰۰۰ تومان"),
        ({"unit": "toman", "persian_digits": False, "with_unit": True}, "120,000 tomans"),
    ],
)
def test_format_amount(kwargs, expected):
    assert format_amount(1_200_000, **kwargs) == expected


def test_format_amount_edges():
    assert format_amount(None) == ""
    assert format_amount(0) == "۰"
    assert format_amount(999, persian_digits=False) == "999"
    assert format_amount(125, unit="toman") == "۱۲٫۵"
    assert format_amount(125, unit="toman", persian_digits=False) == "12.5"
    assert format_amount(-5000, persian_digits=False) == "-5,000"
    with pytest.raises(ValueError):
        format_amount(5, unit="dollar")  # type: ignore[arg-type]


@pytest.mark.parametrize("rials", [0, 7, 1000, 125, 1_234_567_890, MAX_AMOUNT])
@pytest.mark.parametrize("unit", ["rial", "toman"])
@pytest.mark.parametrize("persian", [True, False])
def test_format_then_parse_round_trip(rials, unit, persian):
    text = format_amount(rials, unit=unit, persian_digits=persian, with_unit=True)
    assert parse_amount(text) == rials
    assert parse_amount(format_amount(rials, persian_digits=persian)) == rials

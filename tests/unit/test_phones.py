"""Iranian phones: canonical mobiles, landlines, formatting, phone-like search queries."""

from __future__ import annotations

import dataclasses

import pytest

from shopcrm.domain.phones import (
    PhoneInfo,
    classify_phone,
    format_mobile,
    looks_like_phone_query,
    normalize_mobile,
)
from shopcrm.errors import InvalidInput

M = "09121234567"


@pytest.mark.parametrize(
    "raw",
    [
        "09121234567",
        "9121234567",
        "۰۹۱۲۱۲۳۴۵۶۷",
        "٠٩١٢١٢٣٤٥٦٧",
        "۰۹۱۲ ۱۲۳ ۴۵۶۷",
        "0912 123 4567",
        "0912-123-4567",
        "0912.123.4567",
        "(0912) 123 4567",
        "0912/123/4567",
        "+989121234567",
        "+98 912 123 4567",
        "+98 (0912) 123-4567",  # +98 followed by the trunk 0
        "00989121234567",
        "0098 912 123 4567",
        "989121234567",
        "9121234567.0",  # Excel number saved as text
        "9.121234567E+09",  # ... or in scientific notation, all digits present
        9121234567,
        9121234567.0,
        "\u200f۰۹۱۲\u200c۱۲۳\u00a0۴۵۶۷\u200e",  # bidi marks, ZWNJ, NBSP
        "  09121234567\t",
        "0912–123—4567",  # en and em dashes
    ],
)
def test_normalize_mobile_accepts(raw):
    assert normalize_mobile(raw) == M


@pytest.mark.parametrize("raw", [None, "", "   ", "-", "\u200f", "()"])
def test_normalize_mobile_empty_is_none(raw):
    assert normalize_mobile(raw) is None


@pytest.mark.parametrize(
    "raw",
    [
        "0812 123 4567",  # a landline prefix
        "02188776655",
        "0919 12",  # too short
        "091212345678",  # too long
        "912123456",
        "abc",
        "0912123456x",
        "+1 555 123 4567",  # another country
        "+44 7912 123456",
        "00449121234567",
        "98912123456",  # 98 + only 9 digits
        "+98",
        "9.12123E+09",  # Excel rounded the number: the digits are lost
        "9121234567.5",
        "۰۹۱۲۱۲۳۴۵۶۷۸",
        "0912+1234567",
        True,
        -9121234567,
        9121234567.5,
        float("nan"),
        float("inf"),
        1234,
    ],
)
def test_normalize_mobile_rejects(raw):
    with pytest.raises(InvalidInput) as info:
        normalize_mobile(raw)
    assert info.value.code == "bad_mobile"
    assert info.value.data == {"value": str(raw)}


def test_normalize_mobile_is_idempotent():
    assert normalize_mobile(normalize_mobile("+98 912 123 4567")) == M


@pytest.mark.parametrize(
    ("raw", "kind", "value"),
    [
        ("0912 123 4567", "mobile", M),
        ("+98 912 123 4567", "mobile", M),
        (9121234567.0, "mobile", M),
        ("021-88776655", "landline", "02188776655"),
        ("۰۲۱ ۸۸۷۷ ۶۶۵۵", "landline", "02188776655"),
        ("(031) 3222 1234", "landline", "03132221234"),
        ("+98 21 8877 6655", "landline", "02188776655"),
        ("00982188776655", "landline", "02188776655"),
        (2188776655.0, "landline", "02188776655"),  # Excel dropped the leading 0
        ("88776655", "landline", "88776655"),  # local number
        ("8877-6655", "landline", "88776655"),
        (None, "empty", None),
        ("", "empty", None),
        ("  ", "empty", None),
        ("12", "invalid", None),
        ("0919 12", "invalid", None),
        ("+1 555 1234567", "invalid", None),
        ("+98 88776655", "invalid", None),  # a local number cannot carry a country code
        ("09121234567 داخلی ۲", "invalid", None),
        ("00912", "invalid", None),
    ],
)
def test_classify_phone(raw, kind, value):
    info = classify_phone(raw)
    assert (info.kind, info.value) == (kind, value)
    assert info.raw == ("" if raw is None else str(raw))


def test_classify_phone_never_puts_a_landline_in_mobile():
    info = classify_phone("021-88776655")
    assert info.kind == "landline"
    with pytest.raises(InvalidInput):
        normalize_mobile("021-88776655")


def test_phone_info_is_frozen():
    info = classify_phone(M)
    assert isinstance(info, PhoneInfo)
    with pytest.raises(dataclasses.FrozenInstanceError):
        info.kind = "invalid"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("raw", "persian", "expected"),
    [
        ("09123456789", False, "0912 345 6789"),
        ("09123456789", True, "۰۹۱۲ ۳۴۵ ۶۷۸۹"),
        ("+989123456789", False, "0912 345 6789"),
        ("۰۹۱۲۳۴۵۶۷۸۹", False, "0912 345 6789"),
        ("not a phone", False, "not a phone"),
        ("021-88776655", True, "۰۲۱-۸۸۷۷۶۶۵۵"),
        ("", False, ""),
        (None, False, ""),
    ],
)
def test_format_mobile(raw, persian, expected):
    assert format_mobile(raw, persian_digits=persian) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("0912 345", "0912345"),
        ("0912-345-67", "091234567"),
        ("۰۹۱۲ ۳۴۵", "0912345"),
        ("+98912", "0912"),
        ("+98 912 123", "0912123"),
        ("+98 0912", "0912"),
        ("0098912", "0912"),
        ("989121234567", "09121234567"),
        ("4567", "4567"),
        ("(021) 8877", "0218877"),
        ("علی", None),
        ("علی 0912", None),
        ("Ali", None),
        ("", None),
        ("   ", None),
        ("+", None),
        ("--", None),
        (None, None),
    ],
)
def test_looks_like_phone_query(query, expected):
    assert looks_like_phone_query(query) == expected

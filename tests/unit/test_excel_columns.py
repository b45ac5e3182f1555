"""Excel import, the table: header recognition, column mapping, header row, skipped rows."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shopcrm.errors import InvalidInput
from shopcrm.services.excel import (
    CUSTOMER_FIELDS,
    IGNORE,
    VISITS,
    build_mapping,
    build_table,
    header_key,
    headers_signature,
    match_header,
    parse_mapping_arg,
)
from shopcrm.services.excel.columns import column_letter, resolve_field_name
from shopcrm.services.excel.table import locate_header


def field_of(text, kind="customers"):
    m = match_header(text, kind)
    return None if m is None else m.field


# -------------------------------------------------------------------- headers


@pytest.mark.parametrize(("header", "field"), [
    ("نام", "name"), ("نام و نام خانوادگی", "name"), ("نام‌ونام‌خانوادگی", "name"),
    ("نام مشتری", "name"), ("اسم", "name"), ("Name", "name"), ("Full Name", "name"),
    ("CUSTOMER", "name"), ("نام کوچک", "first_name"), ("First name", "first_name"),
    ("نام خانوادگی", "last_name"), ("فامیلی", "last_name"), ("Surname", "last_name"),
    ("موبایل", "mobile"), ("شماره همراه", "mobile"), ("شماره‌همراه", "mobile"),
    ("شماره_همراه:", "mobile"), ("تلفن همراه", "mobile"), ("همراه", "mobile"),
    ("شماره موبایل", "mobile"), ("Mobile", "mobile"), ("Cell", "mobile"),
    ("تلفن ثابت", "phone2"), ("تلفن منزل", "phone2"), ("Landline", "phone2"),
    ("ایمیل", "email"), ("ايميل", "email"), ("پست الکترونیک", "email"), ("E-mail", "email"),
    ("تاریخ تولد", "birthday"), ("تولد", "birthday"), ("Date of Birth", "birthday"),
    ("DOB", "birthday"), ("جنسیت", "gender"), ("جنس", "gender"), ("Sex", "gender"),
    ("شهر", "city"), ("City", "city"), ("آدرس", "address"), ("ادرس", "address"),
    ("نشانی", "address"), ("یادداشت", "notes"), ("توضیحات", "notes"), ("ملاحظات", "notes"),
    ("Comment", "notes"), ("برچسب", "tags"), ("برچسب‌ها", "tags"), ("برچسبها", "tags"),
    ("گروه", "tags"), ("Tags", "tags"), ("معرف", "referral"), ("نحوه آشنایی", "referral"),
    ("Referred by", "referral"), ("آخرین مراجعه", "last_visit"),
    ("تاریخ آخرین مراجعه", "last_visit"), ("Last visit", "last_visit"),
    ("تعداد مراجعه", "visit_count"), ("تعداد مراجعات", "visit_count"),
    ("دفعات مراجعه", "visit_count"), ("Visits", "visit_count"), ("VIP", "vip"),
    ("  نام\u200c  ", "name"), ("\u200fموبایل\u200e", "mobile"), ("نام مشتري", "name"),
    ("شماره تماس", "phone?"), ("تلفن", "phone?"), ("Phone", "phone?"), ("Tel", "phone?"),
    ("شماره", "phone?"), ("ردیف", IGNORE), ("#", None), ("تاریخ", None), ("مبلغ", None),
    ("", None), ("چیز دیگری", None),
])
def test_customer_headers(header, field):
    assert field_of(header) == field


@pytest.mark.parametrize(("header", "field", "unit"), [
    ("تاریخ", "date", None), ("تاریخ مراجعه", "date", None), ("Date", "date", None),
    ("مبلغ", "amount", None), ("مبلغ (ریال)", "amount", 1), ("مبلغ (تومان)", "amount", 10),
    ("مبلغ به تومان", "amount", 10), ("Amount (Toman)", "amount", 10), ("Price", "amount", None),
    ("خدمت", "service", None), ("خدمات", "service", None), ("نوع خدمت", "service", None),
    ("آرایشگر", "staff", None), ("کارمند", "staff", None), ("پرسنل", "staff", None),
    ("نحوه پرداخت", "payment", None), ("Payment", "payment", None),
    ("رضایت", "satisfaction", None), ("Satisfaction", "satisfaction", None),
    ("یادداشت", "note", None), ("ساعت", "time", None), ("موبایل", "mobile", None),
    ("نام مشتری", "name", None),
])
def test_visit_headers(header, field, unit):
    m = match_header(header, VISITS)
    assert (m.field, m.unit) == (field, unit)


def test_numbered_header_matches_its_field():
    m = match_header("موبایل ۲")
    assert (m.field, m.numbered) == ("mobile", True)
    assert match_header("ردیف 1") is None


@given(st.sampled_from(["شماره همراه", "نام و نام خانوادگی", "تاریخ تولد"]),
       st.lists(st.sampled_from([" ", "\u200c", "_", ":", "-", "."]), max_size=4))
def test_header_key_ignores_spacing_and_punctuation(header, noise):
    noisy = "".join(noise) + header.replace(" ", "".join(noise) or " ") + "".join(noise)
    assert header_key(noisy) == header_key(header)


def test_header_key_folds_arabic_letters_and_digits():
    assert header_key("شماره موبايل ١") == header_key("شماره موبایل 1")
    assert header_key("كد") == header_key("کد")


def test_column_letters():
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702, 16383)] == [
        "A", "Z", "AA", "AB", "ZZ", "AAA", "XFD"]


# -------------------------------------------------------------------- mapping


def test_first_and_last_name_columns():
    m = build_mapping(["نام", "نام خانوادگی", "موبایل"], [])
    assert m.fields == {0: "first_name", 1: "last_name", 2: "mobile"}
    m = build_mapping(["نام", "موبایل"], [])
    assert m.fields == {0: "name", 1: "mobile"}


def test_generic_phone_with_mobile_values_is_the_mobile():
    sample = [["الف", "09121110001"], ["ب", "0912 111 0002"], ["ج", "02188889999"]]
    m = build_mapping(["نام", "تلفن"], sample)
    assert (m.fields[1], m.how[1]) == ("mobile", "values")


def test_generic_phone_with_landlines_is_phone2():
    sample = [["الف", "02188881111"], ["ب", "88882222"], ["ج", "09121110001"]]
    m = build_mapping(["نام", "تلفن"], sample)
    assert m.fields == {0: "name", 1: "phone2"}


def test_generic_phone_beside_a_mobile_column_is_phone2():
    sample = [["الف", "09121110001", "09121110009"]]
    m = build_mapping(["نام", "موبایل", "تلفن"], sample)
    assert m.fields == {0: "name", 1: "mobile", 2: "phone2"}


def test_generic_number_column_of_row_numbers_is_left_out():
    sample = [["1", "الف", "09121110001"], ["2", "ب", "09121110002"]]
    m = build_mapping(["شماره", "نام", "موبایل"], sample)
    assert m.fields == {1: "name", 2: "mobile"}
    assert m.unmapped == [0]


def test_two_generic_phones_the_mobile_one_wins():
    sample = [["02188881111", "09121110001"], ["02188882222", "09121110002"]]
    m = build_mapping(["تلفن", "شماره تماس"], sample)
    assert m.fields == {1: "mobile", 0: "phone2"}


def test_second_mobile_column_becomes_phone2_and_duplicates_stay_unmapped():
    m = build_mapping(["نام", "موبایل", "موبایل ۲", "شهر", "City"], [])
    assert m.fields == {0: "name", 1: "mobile", 2: "phone2", 3: "city"}
    assert m.unmapped == [4]


def test_several_notes_columns_are_joined():
    m = build_mapping(["نام", "یادداشت", "توضیحات"], [])
    assert m.columns("notes") == [1, 2]


def test_row_counter_is_ignored():
    m = build_mapping(["ردیف", "نام", "موبایل"], [])
    assert m.ignored == {0} and 0 not in m.unmapped
    assert m.as_dict() == {"ردیف": IGNORE, "نام": "name", "موبایل": "mobile"}


def test_manual_mapping_wins_and_matches_header_keys():
    headers = ["مشتری‌ها", "شماره‌ی تماس", "توضیح", "ستون ۴"]
    manual = {"مشتری ها": "name", "شماره ی تماس": "mobile", "ستون ۴": "ignore", 2: "referral"}
    m = build_mapping(headers, [], manual=manual)
    assert m.fields == {0: "name", 1: "mobile", 2: "referral"}
    assert m.ignored == {3}
    assert set(m.how.values()) == {"manual"}


def test_manual_mapping_by_column_letter():
    m = build_mapping(["x", "y"], [], manual={"B": "mobile", "A": "name"})
    assert m.fields == {0: "name", 1: "mobile"}


def test_manual_mapping_unknown_column():
    with pytest.raises(InvalidInput) as info:
        build_mapping(["نام", "موبایل"], [], manual={"تلفن": "mobile"})
    assert info.value.code == "import_map_unknown_column"
    assert info.value.data["column"] == "تلفن"


def test_preview_lists_every_titled_column():
    m = build_mapping(["نام", "", "چیز", "موبایل"], [])
    assert m.preview() == [("نام", "name"), ("چیز", None), ("موبایل", "mobile")]
    assert m.label(1) == "B"


# -------------------------------------------------------------------- --map and signature


def test_parse_mapping_arg_persian_and_english():
    text = "اسم=name، شماره‌ی تماس=موبایل, توضیح = یادداشت ;ستون ۴=نادیده؛ Tel=landline"
    assert parse_mapping_arg(text) == {
        "اسم": "name", "شماره‌ی تماس": "mobile", "توضیح": "notes", "ستون ۴": IGNORE,
        "Tel": "phone2"}


def test_parse_mapping_arg_field_names_and_aliases():
    assert parse_mapping_arg("a=first_name,b=first name,c=Last Name,d=-") == {
        "a": "first_name", "b": "first_name", "c": "last_name", "d": IGNORE}
    assert parse_mapping_arg("تاریخ=date,مبلغ=مبلغ (تومان)", VISITS) == {
        "تاریخ": "date", "مبلغ": "amount"}
    assert parse_mapping_arg("") == {}


@pytest.mark.parametrize(("text", "code"), [
    ("نام", "import_bad_mapping"), ("=name", "import_bad_mapping"),
    ("نام=", "import_bad_mapping"), ("نام=قد", "import_unknown_field"),
    ("x=amount", "import_unknown_field"),
])
def test_parse_mapping_arg_errors(text, code):
    with pytest.raises(InvalidInput) as info:
        parse_mapping_arg(text)
    assert info.value.code == code


def test_every_field_name_resolves_to_itself():
    for name in CUSTOMER_FIELDS:
        assert resolve_field_name(name) == name


def test_headers_signature_is_stable():
    a = headers_signature(["نام", "شماره‌همراه", "تاريخ تولد", ""])
    assert a == headers_signature(["شماره همراه", "نام", "تاریخ تولد"])
    assert a != headers_signature(["نام", "شماره همراه"])
    assert len(a) == 16 and int(a, 16) >= 0


# -------------------------------------------------------------------- the table


def test_header_after_title_and_blank_rows():
    rows = [["فهرست مشتریان", "", ""], ["", "", ""], ["تهیه: ۱۴۰۳", "", ""],
            ["نام", "موبایل", "شهر"], ["الف", "09121110001", "تهران"]]
    assert locate_header(rows) == 3
    table = build_table(rows, file="f.xlsx", sheet="s")
    assert table.header_row == 4
    assert table.data_indexes == [4]


def test_header_below_twenty_rows_is_not_searched():
    rows = [["x"]] * 25 + [["نام", "موبایل"], ["الف", "09121110001"]]
    assert locate_header(rows) is None


def test_explicit_header_row():
    rows = [["نام", "موبایل"], ["اسم", "شماره همراه"], ["الف", "09121110001"]]
    table = build_table(rows, file="f", sheet="s", header_row=2)
    assert table.header_row == 2 and table.data_indexes == [2]
    with pytest.raises(InvalidInput) as info:
        build_table(rows, file="f", sheet="s", header_row=9)
    assert info.value.code == "import_bad_header_row"


def test_blank_repeated_header_and_totals_rows_are_left_out():
    rows = [
        ["نام", "موبایل", "تعداد مراجعه"],
        ["الف", "09121110001", 3],
        ["", "\u200c", None],
        ["ب", 9121110002.0, 2],
        ["نام", "موبایل", "تعداد مراجعه"],
        ["ج", "09121110003", 1],
        ["", "", 6],  # numbers only, no name, no mobile
    ]
    table = build_table(rows, file="f", sheet="s")
    assert [i + 1 for i in table.data_indexes] == [2, 4, 6]
    assert [(s.row, s.reason) for s in table.skipped] == [(5, "repeated_header"), (7, "totals")]
    assert table.blank_rows == 1
    assert table.total_rows == 3


@pytest.mark.parametrize("label", ["جمع", "جمع کل:", "مجموع", "Total", "SUM", "جمع کل مبالغ"])
def test_totals_label(label):
    rows = [["نام", "موبایل", "مبلغ"], ["الف", "09121110001", 10], [label, "", 10]]
    table = build_table(rows, file="f", sheet="s")
    assert table.data_indexes == [1]


def test_a_mobile_only_last_row_is_not_a_total():
    rows = [["نام", "موبایل"], ["الف", "09121110001"], ["", 9121110002.0]]
    assert build_table(rows, file="f", sheet="s").data_indexes == [1, 2]


def test_totals_only_at_the_end():
    rows = [["نام", "موبایل", "مبلغ"], ["", "", 5], ["الف", "09121110001", 10]]
    assert build_table(rows, file="f", sheet="s").data_indexes == [1, 2]


def test_headerless_list_of_mobiles():
    rows = [["مریم", "09121110001"], ["علی", "0912 111 0002"], ["سارا", "+989121110003"]]
    table = build_table(rows, file="f.csv", sheet="s")
    assert table.header_row is None
    assert table.mapping.fields == {1: "mobile", 0: "name"}
    assert table.data_indexes == [0, 1, 2]


def test_no_recognised_column():
    rows = [["ستون یک", "ستون دو"], ["الف", "ب"]]
    with pytest.raises(InvalidInput) as info:
        build_table(rows, file="f", sheet="s")
    assert info.value.code == "import_no_columns"
    assert info.value.data["headers"] == "ستون یک، ستون دو"
    table = build_table(rows, file="f", sheet="s", manual={"ستون یک": "name"})
    assert table.header_row == 1 and table.mapping.fields == {0: "name"}


def test_visits_need_a_date_column():
    with pytest.raises(InvalidInput) as info:
        build_table([["نام", "موبایل"], ["الف", "09121110001"]], file="f", sheet="s",
                    kind=VISITS)
    assert info.value.code == "import_no_visit_columns"


def test_empty_sheet():
    with pytest.raises(InvalidInput) as info:
        build_table([["", ""], []], file="f", sheet="s")
    assert info.value.code == "import_no_table"

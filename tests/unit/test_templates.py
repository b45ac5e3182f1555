"""Templates: placeholders, Persian aliases, refusals, Jalali dates, ready texts."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from shopcrm.error_text import describe
from shopcrm.errors import InvalidInput
from shopcrm.services.messaging.sms_text import OPT_OUT_LINE, sms_parts, with_opt_out
from shopcrm.services.messaging.templates import (
    PLACEHOLDERS,
    READY,
    Person,
    ShopInfo,
    Template,
    compile_template,
    ready,
)

SHOP = ShopInfo(name="آرایشگاه نگار", address="تهران، خیابان آزادی", phone="۰۲۱۸۸۸۸۷۷۷۷",
                new_address="تهران، ونک، پلاک ۳")
TODAY = date(2024, 8, 7)  # 1403/05/17
# 1403/03/07 10:30 Tehran; stored as naive UTC
LAST = datetime(2024, 5, 27, 7, 0)
SARA = Person("خانم سارا محمدی", LAST)


def test_every_placeholder_renders():
    text = "پیام: " + " | ".join("{" + p + "}" for p in PLACEHOLDERS)
    out = compile_template(text).render(SARA, SHOP, TODAY)
    assert out.removeprefix("پیام: ").split(" | ") == [
        "خانم سارا محمدی", "سارا", SHOP.name, SHOP.address, SHOP.phone,
        "۱۴۰۳/۰۳/۰۷", "۷۲", SHOP.new_address,
    ]


def test_persian_aliases_mean_the_same():
    t = compile_template("{نام_کوچک} عزیز، {فروشگاه} - {آخرین_مراجعه} - {روز_غیبت}")
    assert t.fields == {"first_name", "shop", "last_visit", "days_absent"}
    assert t.render(SARA, SHOP, TODAY) == "سارا عزیز، آرایشگاه نگار - ۱۴۰۳/۰۳/۰۷ - ۷۲"


def test_latin_template_keeps_ascii_digits_so_it_stays_gsm():
    t = compile_template("Hi {first_name}, {days_absent} days since {last_visit}")
    out = t.render(Person("Sara Mohammadi", LAST), SHOP, TODAY)
    assert out == "Hi Sara, 72 days since 1403/03/07"
    assert not sms_parts(out).unicode


@pytest.mark.parametrize("text", ["سلام {nme}", "{name.__class__}", "{0}", "{}", "{name[0]}",
                                  "{ shopp }"])
def test_unknown_placeholder_is_refused(text):
    with pytest.raises(InvalidInput) as info:
        Template(text)
    assert info.value.code == "template_unknown_placeholder"
    assert "{first_name}" in info.value.data["known"]
    assert "{" in describe(info.value, "fa")


@pytest.mark.parametrize("text", ["سلام {name", "سلام }", "{name!r}", "{name:>20}"])
def test_broken_braces_and_formats_are_refused(text):
    with pytest.raises(InvalidInput) as info:
        Template(text)
    assert info.value.code == "template_syntax"


def test_doubled_braces_are_literal():
    assert compile_template("{{code}} {shop}").render(None, SHOP, TODAY) == "{code} آرایشگاه نگار"


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_empty_template_is_refused(text):
    with pytest.raises(InvalidInput) as info:
        Template(text)
    assert info.value.code == "template_empty"


def test_shop_value_that_is_not_set_is_refused():
    t = compile_template("نشانی جدید: {new_address}")
    with pytest.raises(InvalidInput) as info:
        t.check_shop(ShopInfo(name="x"))
    assert info.value.code == "template_missing_value"
    assert info.value.data["setting"] == "shop.new_address"
    t.check_shop(SHOP)  # fine when set


def test_missing_customer_values_render_empty_and_are_reported():
    t = compile_template("{first_name} عزیز، آخرین دیدار {last_visit} بود")
    nobody = Person("رضا", None)
    assert t.render(nobody, SHOP, TODAY) == "رضا عزیز، آخرین دیدار بود"  # no double space
    assert t.missing(nobody, SHOP, TODAY) == ["last_visit"]
    assert t.missing(SARA, SHOP, TODAY) == []


def test_personal_templates_are_told_apart_from_shared_ones():
    assert compile_template("{first_name} عزیز").personal
    assert not compile_template("{shop}: حراج تابستانه").personal


def test_first_name_skips_titles():
    t = compile_template("{first_name}")
    assert t.render(Person("سید محمد حسینی"), SHOP, TODAY) == "محمد"
    assert t.render(Person("حاج علی"), SHOP, TODAY) == "علی"


def test_days_absent_counts_tehran_local_days():
    t = compile_template("{days_absent} روز")
    late_evening_utc = datetime(2024, 8, 6, 21, 0)  # 00:30 on 7 Aug in Tehran
    assert t.render(Person("x", late_evening_utc), SHOP, TODAY) == "۰ روز"


@pytest.mark.parametrize("key", sorted(READY))
def test_ready_templates_compile_and_fit_two_parts_with_the_opt_out_line(key):
    t = compile_template(ready(key).text)
    out = with_opt_out(t.render(SARA, SHOP, TODAY), "service")
    assert out.endswith(OPT_OUT_LINE)
    assert sms_parts(out).parts <= 2
    assert ready(key).subject


def test_ready_template_aliases_and_unknown_names():
    assert ready("thank-you").key == "thanks"
    with pytest.raises(InvalidInput) as info:
        ready("newyear")
    assert info.value.code == "template_unknown_ready"


def test_relocation_template_is_shared_text():
    t = compile_template(ready("relocation").text)
    assert not t.personal
    assert SHOP.new_address in t.render(None, SHOP, TODAY)


def test_missing_shop_value_is_named_by_its_persian_placeholder_on_the_command_line():
    """The Persian owner writes {فروشگاه}; the command line must not answer with {shop}."""
    from shopcrm.error_text import describe

    t = compile_template("سلام از {فروشگاه}")
    with pytest.raises(InvalidInput) as info:
        t.check_shop(ShopInfo(name=""))
    fa = describe(info.value, "fa", surface="cli")
    assert "{فروشگاه}" in fa and "shop.name" in fa and "{shop}" not in fa, fa
    assert "{shop}" in describe(info.value, "en", surface="cli")

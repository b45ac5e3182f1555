"""The money module (one parser and formatter for every surface), the typed settings
registry (each option's rule), and the one place ``SHOPCRM_*`` variables are declared."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from shopcrm import env
from shopcrm.config import OPTIONS, Settings, option
from shopcrm.domain.money import amount_header, format_money, in_unit, parse_money
from shopcrm.errors import InvalidInput

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("typed", ["۸۵۰۰۰۰", "850,000", "850000", "۸۵۰٬۰۰۰", "۸۵۰،۰۰۰",
                                   "850 000", " ۸۵۰,۰۰۰ ", "\u200e850000"])
def test_every_way_of_typing_a_price_reads_the_same(typed):
    assert parse_money(typed, "toman") == 8_500_000
    assert parse_money(typed, "rial") == 850_000


def test_units_decimals_and_refusals():
    assert parse_money("850,000.5", "toman") == 8_500_005  # a tenth of a toman is a rial
    assert parse_money("۸۵۰٬۰۰۰ ریال", "toman") == 850_000  # the typed unit wins
    assert parse_money("85 تومان", "rial") == 850
    assert parse_money(850000, "toman") == 8_500_000 and parse_money("", "toman") is None
    for bad in ("85,00", "abc", "1.05"):  # bad grouping, letters, a part of a rial
        with pytest.raises(InvalidInput):
            parse_money(bad, "toman" if bad != "1.05" else "rial")
    with pytest.raises(InvalidInput) as error:
        parse_money("-5", "toman")
    assert error.value.code == "negative_amount"


@pytest.mark.parametrize(("typed", "tomans"), [
    ("۱۵۰ هزار", 150_000), ("150 thousand", 150_000), ("۱۵۰هزار", 150_000),
    ("۱٫۵ میلیون", 1_500_000), ("2 million", 2_000_000), ("۱۲۰ هزار تومان", 120_000),
    ("۱ میلیارد", 1_000_000_000), ("۱٬۲۰۰ هزار", 1_200_000),
])
def test_prices_as_they_are_said_thousand_and_million(typed, tomans):
    assert parse_money(typed, "toman") == tomans * 10


def test_a_scale_word_alone_or_twice_is_not_an_amount():
    assert parse_money("۳ میلیون ریال", "toman") == 3_000_000  # the typed unit still wins
    for bad in ("هزار", "۱۵۰ هزار هزار", "۱۵۰ هزارتا", "۲ میلیون و ۳۰۰ هزار", "0.0001 هزار"):
        with pytest.raises(InvalidInput):
            parse_money(bad, "rial")
    with pytest.raises(InvalidInput) as error:
        parse_money("-۱۵۰ هزار", "toman")
    assert error.value.code == "negative_amount"


def test_format_in_both_languages_and_units():
    assert format_money(8_500_000, "toman", "fa", with_unit=True) == "۸۵۰٬۰۰۰ تومان"
    assert format_money(8_500_000, "rial", "en", with_unit=True) == "8,500,000 rials"
    assert format_money(8_500_005, "toman", "en") == "850,000.5"
    assert format_money(None, "toman") == ""
    assert (in_unit(8_500_000, "toman"), in_unit(8_500_005, "toman")) == (850_000, 850_000.5)
    assert amount_header("مبلغ", "Amount", "toman", "fa") == "مبلغ (تومان)"
    assert amount_header("مبلغ", "Amount", "rial", "en") == "Amount (rials)"
    for rials in (0, 10, 1_234_560, 99_999_999_990):  # round trip through the text
        for unit in ("toman", "rial"):
            assert parse_money(format_money(rials, unit, "fa"), unit) == rials


def test_each_option_checks_its_own_kind():
    assert option("smtp.port").check("۵۸۷") == 587 and option("smtp.port").kind == "whole"
    assert option("absence.overdue_factor").check("۱٫۵") == 1.5
    assert option("backup.auto").check("no") is False
    assert option("sms.sender").check("۱۰۰۰ ۴۳۴۶") == "10004346"
    assert option("sms.test_mobile").check("+98 912 345 6789") == "09123456789"
    assert option("sms.quiet_hours").check("") == "off"
    assert option("sms.base_url").check("https://api.kavenegar.com/") == \
        "https://api.kavenegar.com"
    for name, bad in (("smtp.port", "0"), ("ui.currency", "usd"), ("sms.sender", "x1"),
                      ("smtp.from", "a@"), ("absence.overdue_factor", "50")):
        with pytest.raises(InvalidInput) as error:
            option(name).check(bad)
        assert error.value.code.startswith("setting_") and error.value.data["key"] == name
    with pytest.raises(InvalidInput) as error:
        option("shop.nmae")
    assert error.value.code == "setting_unknown"
    assert all(o.label for o in OPTIONS), "every option has a label for the window"


def test_typed_accessors_and_the_language(tmp_path):
    settings = Settings(path=tmp_path / "s.toml", env={"SHOPCRM_SMTP_PORT": "۲۵",
                                                       "SHOPCRM_LANG": "en"}, secrets={})
    assert settings.smtp.port == 25 and settings.shop.name == "" and not settings.shop.named
    assert settings.currency == "toman" and settings.absence.absent_days == 90
    assert settings.language == "en" and settings.resolve_language("fa") == "fa"
    assert Settings(path=tmp_path / "s.toml", env={}, secrets={}).language == "fa"
    settings.set("shop.name", "آرایشگاه نگار")
    settings.set("absence.absent_days", "۱۲۰")
    settings.save()
    again = Settings(path=tmp_path / "s.toml", env={}, secrets={})
    assert again.shop.named and again.absence.absent_days == 120
    again.unset("absence.absent_days")
    assert again.absence.absent_days == 90


def test_every_env_name_is_declared():
    """Every SHOPCRM_* name the code reads is a setting's or declared in shopcrm/env.py."""
    declared = set(env.VARIABLES) | {o.env_name for o in OPTIONS}
    used: set[str] = set()
    for folder in ("shopcrm", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            used |= set(re.findall(r"SHOPCRM_[A-Z0-9_]*[A-Z0-9]", path.read_text("utf-8")))
    used |= set(re.findall(r"SHOPCRM_[A-Z0-9_]*[A-Z0-9]", (ROOT / "app.py").read_text("utf-8")))
    undeclared = {n for n in used - declared
                  if not n.startswith(("SHOPCRM_TEST", "SHOPCRM_SELF_TEST"))
                  and n != "SHOPCRM_FIRST_PAINT"}  # a line the self-test prints
    assert not undeclared, f"declare these in shopcrm/env.py: {sorted(undeclared)}"


def test_every_choice_has_a_persian_word_the_owner_can_type_back():
    """A choice is shown to a Persian owner as a word (``Option.words``), never as its
    code (next_morning, auto, keyring...), and the word typed back is the value."""
    from shopcrm.error_text import describe

    latin_ok = {"STARTTLS", "SSL", "TLS"}  # protocol names, the way the window shows them
    for opt in (o for o in OPTIONS if o.kind == "choice" or o.words):
        codes = opt.choices or tuple(raw for raw, _word in opt.words)
        for value in codes:
            word = opt.word(value, "fa")
            assert word, f"{opt.name}={value} has no Persian word"
            assert set(re.findall(r"[A-Za-z]+", word)) <= latin_ok, (opt.name, word)
            assert opt.check(word) == value and opt.check(value) == value
            assert opt.shown(value, "en") == value  # English shows what is typed
        allowed = opt.allowed("fa")
        assert set(re.findall(r"[A-Za-z_]{2,}", allowed)) <= latin_ok, (opt.name, allowed)
    assert option("sms.provider").check("کاوه نگار") == "kavenegar"  # space for ZWNJ
    assert option("survey.delay").check("صبح روز بعد") == "next_morning"
    assert option("survey.delay").check("۳") == "3"
    with pytest.raises(InvalidInput) as error:
        option("ui.currency").check("دلار")
    assert describe(error.value, "fa") == \
        "ui.currency: یکی از این‌ها را بنویسید: تومان، ریال (نه «دلار»)."
    assert "toman, rial" in describe(error.value, "en")


def test_the_allowed_ranges_read_in_persian_digits():
    assert option("smtp.port").allowed("fa") == "عدد صحیح از ۱ تا ۶۵۵۳۵"
    # six digits and more grouped (was «۱۰۰۰۰۰۰», and «۱۰۰۰۰۰۰۰۰۰۰۰۰» for loyalty)
    assert option("sms.price_service").allowed("fa") == "عدد صحیح از ۰ تا ۱٬۰۰۰٬۰۰۰"
    assert option("sms.price_service").allowed("en") == "whole number 0..1,000,000"
    assert option("loyalty.points_per_amount").allowed("fa") == (
        "عدد صحیح از ۰ تا ۱٬۰۰۰٬۰۰۰٬۰۰۰٬۰۰۰")
    assert option("absence.overdue_factor").allowed("fa") == "عدد از ۱ تا ۲۰"
    for opt in OPTIONS:
        assert not re.search(r"[0-9]", opt.allowed("fa")), (opt.name, opt.allowed("fa"))


def test_a_text_setting_keeps_persian_spelling(tmp_path):
    """ZWNJ is part of a Persian word (مراجعه‌ی, می‌دهید): a text setting keeps it, while
    bidi marks and stray zero-width characters pasted with a value go."""
    settings = Settings(path=tmp_path / "settings.toml", env={})
    assert settings.get("survey.text") == option("survey.text").default
    assert "مراجعه\u200cی" in settings.get("survey.text")
    assert option("shop.name").check("\u200fآرایشگاه\u200c\u200cها\u200b ") == "آرایشگاه\u200cها"
    assert option("shop.name").check("نگار\u200c") == "نگار"  # not at a word's end

"""Words shown to the owner outside the command line's catalog: campaign names, placeholders,
file names, import row messages, error fields and the one language resolver."""

from __future__ import annotations

import re
from datetime import date

from shopcrm.error_text import MESSAGES, describe
from shopcrm.errors import Conflict
from shopcrm.i18n import given_language, resolve_language
from shopcrm.services.excel.file_names import export_file_name, safe_file_name
from shopcrm.services.excel.importer import RowOutcome
from shopcrm.services.messaging.names import (
    default_campaign_name,
    localise_placeholders,
    placeholder_word,
)
from shopcrm.services.messaging.templates import READY, Template

DAY = date(2026, 12, 3)  # 1405/09/12


class _Settings:
    def __init__(self, language: str) -> None:
        self.language = language

    def get(self, name: str) -> str:
        assert name == "ui.language"
        return self.language


def test_campaign_names_in_each_language():
    assert default_campaign_name("winback", "fa", DAY) == "بازگشت ۱۴۰۵/۰۹/۱۲"
    assert default_campaign_name("winback", "en", DAY) == "winback 1405/09/12"
    assert default_campaign_name("custom", "fa", DAY) == "پیام ۱۴۰۵/۰۹/۱۲"


def test_placeholders_shown_by_their_persian_aliases_render_the_same():
    text = READY["winback"].text
    shown = localise_placeholders(text, "fa")
    assert "{first_name}" not in shown and "{نام_کوچک}" in shown and "{فروشگاه}" in shown
    assert localise_placeholders(text, "en") == text
    assert placeholder_word("first_name", "fa") == "{نام_کوچک}"
    assert placeholder_word("first_name", "en") == "{first_name}"
    # what the owner reads is what is sent: both spellings compile to the same fields
    assert Template(shown).fields == Template(text).fields
    assert localise_placeholders("{{first_name}} {first_name}", "fa") == (
        "{{first_name}} {نام_کوچک}")


def test_export_file_names():
    assert export_file_name("customers", "fa", DAY) == "مشتریان ۱۴۰۵-۰۹-۱۲.xlsx"
    assert export_file_name("absent", "en", DAY) == "ShopCRM absent 1405-09-12.xlsx"
    assert safe_file_name("A/B: c?") == "A B c"


def test_import_row_messages_name_the_field_in_persian():
    outcome = RowOutcome(row=4, action="update", customer_id=12, matched_by="mobile",
                         fields=("city", "email"))
    fa = outcome.message("fa")
    assert fa == "مشتری #۱۲ (همان موبایل) به‌روز شد: شهر، ایمیل."
    assert outcome.message("en") == "Customer #12 (same mobile) updated: city, email."


def test_error_fields_with_digits_are_persian_in_persian():
    error = Conflict("duplicate_mobile", mobile="09121234567", name="Sara 2", id=7)
    assert describe(error, "fa") == ("این شماره موبایل (۰۹۱۲۱۲۳۴۵۶۷) قبلاً برای «Sara 2» "
                                     "(شناسه ۷) ثبت شده است.")
    assert "09121234567" in describe(error, "en")


def test_persian_error_words_carry_no_english_but_names_of_things():
    """Option names, formats and product names only (the list is the allowed set)."""
    allowed = {"phone", "id", "fa", "en", "xlsx", "xls", "ODS", "CSV", "map", "name",
               "mobile", "ignore", "force", "shopcrm", "import", "undo",
               "campaign", "API", "IP", "PostgreSQL",
               "ShopCRM", "SQLite", "pg_dump", "Fc", "shopcrm.dump", "pg_restore", "clean",
               "if-exists", "backup.dir", "yes", "keyring", "secrets.store", "file"}
    from shopcrm.config import OPTIONS

    # names the owner types as they are: commands (shopcrm ...), options (--x), setting keys,
    # addresses and file names given as examples, the words a setting accepts (yes/no, off)
    allowed |= {"no", "off", "next_morning", "KEY", "pip", "install", "postgres"}
    keys = sorted((o.name for o in OPTIONS), key=len, reverse=True)
    typed = re.compile(r"shopcrm(?: [a-z][a-z_.-]*| --?[a-z][a-z-]*| [A-Z]+| \.\.\.)+"
                       r"|--[a-z][a-z-]*|[a-z]+://\S*|\S+\.(?:sqlite3?|com)\b|"
                       + "|".join(re.escape(k) for k in keys))
    found = {}
    for code, (fa, _) in MESSAGES.items():
        words = set(re.findall(r"[A-Za-z][A-Za-z_.-]*[A-Za-z]",
                               typed.sub("", re.sub(r"\{[^}]*\}", "", fa)))) - allowed
        if words:
            found[code] = words
    assert not found


def test_one_resolver():
    assert resolve_language(None, env={}, settings=_Settings("fa")) == "fa"
    assert resolve_language(None, env={}, settings=_Settings("en")) == "en"
    assert resolve_language(None, env={"SHOPCRM_LANG": "fa"}, settings=_Settings("en")) == "fa"
    assert resolve_language("en", env={"SHOPCRM_LANG": "fa"}, settings=_Settings("fa")) == "en"
    assert resolve_language(None, env={"SHOPCRM_LANG": "de"}, settings=_Settings("xx")) == "fa"
    assert given_language(["customers", "--lang", "en"]) == "en"
    assert given_language(["--lang=fa", "customers"]) == "fa"
    assert given_language(["send", "--text", "--lang en"]) is None

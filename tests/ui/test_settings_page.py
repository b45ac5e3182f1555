"""The Settings page: typed values checked as typed (Persian digits), a save/reload round
trip with the API key in a (test, in-memory) keyring and never in the settings file, the
no-keyring path, values locked by the environment, the test SMS against the fake
Kavenegar, the SMTP test against the aiosmtpd server, backups and the database choice."""

from __future__ import annotations

from support.fake_kavenegar import FakeKavenegar
from support.smtp_server import SmtpServer

from shopcrm.config import Settings
from shopcrm.services.settings import database_choice
from ui.pages.settings_page import SettingsPage


def make_page(qtbot, ctx):
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


def field(page, name):
    return page.bindings[name].widget


def retype(type_text, widget, text):
    widget.clear()
    type_text(widget, text)


def test_round_trip_with_the_api_key_in_the_keyring(qtbot, type_text, ctx, memory_keyring):
    page = make_page(qtbot, ctx)
    assert not page.save_button.isEnabled()
    assert page.keyring_note.isHidden()
    retype(type_text, field(page, "shop.name"), "آرایشگاه نگار")
    retype(type_text, field(page, "absence.absent_days"), "abc")
    days = field(page, "absence.absent_days")
    assert not days.is_valid() and days.error_label.isVisible()
    assert not page.save_button.isEnabled()
    retype(type_text, days, "۱۲۰")  # Persian digits
    assert days.is_valid() and days.value() == 120
    retype(type_text, field(page, "absence.overdue_factor"), "۲٫۵")
    retype(type_text, field(page, "sms.quiet_hours"), "۲۲:۰۰-۰۷:۳۰")
    field(page, "sms.provider").setCurrentIndex(field(page, "sms.provider").findData("kavenegar"))
    field(page, "sms.line").setCurrentIndex(field(page, "sms.line").findData("advertising"))
    type_text(page.secrets["sms.api_key"].edit, "KEY-1234567890-SECRET")
    type_text(page.secrets["smtp.password"].edit, "mail-pass-42")
    field(page, "ui.language").setCurrentIndex(field(page, "ui.language").findData("en"))
    assert page.save_button.isEnabled()
    page.save_button.click()
    assert "ShopCRM" in page.notice.text()  # "saved; restart for the language"

    text = ctx.settings.path.read_text(encoding="utf-8")
    assert "KEY-1234567890-SECRET" not in text and "mail-pass-42" not in text
    assert memory_keyring.store[("ShopCRM", "sms.api_key")] == "KEY-1234567890-SECRET"
    assert memory_keyring.store[("ShopCRM", "smtp.password")] == "mail-pass-42"
    reloaded = Settings(path=ctx.settings.path, env={})
    assert reloaded.get("shop.name") == "آرایشگاه نگار"
    assert reloaded.get("absence.absent_days") == 120
    assert reloaded.get("absence.overdue_factor") == 2.5
    assert reloaded.get("sms.quiet_hours") == "22:00-07:30"
    assert reloaded.get("sms.provider") == "kavenegar"
    assert reloaded.get("sms.line") == "advertising"
    assert reloaded.get("ui.language") == "en"
    assert reloaded.get("sms.api_key") == "KEY-1234567890-SECRET"

    ctx.settings = reloaded
    again = make_page(qtbot, ctx)
    assert field(again, "absence.absent_days").text() == "۱۲۰"
    secret = again.secrets["sms.api_key"]
    assert secret.typed() == "" and secret.stored  # never shown back
    assert "کلیدساز" in secret.edit.placeholderText()
    assert not again.save_button.isEnabled()
    secret.forget_button.setChecked(True)
    again.save_button.click()
    assert ("ShopCRM", "sms.api_key") not in memory_keyring.store


def test_without_a_keyring_the_private_file_is_offered(qtbot, type_text, ctx, no_keyring,
                                                       config_dir):
    page = make_page(qtbot, ctx)
    assert page.keyring_note.isVisible()
    type_text(page.secrets["sms.api_key"].edit, "KEY-NO-KEYRING-77")
    page.save()
    assert page.notice.action_button.isVisible()  # "Use a private file"
    page.notice.action_button.click()
    assert ctx.settings.get("secrets.store") == "file"
    assert "KEY-NO-KEYRING-77" in (config_dir / "secrets.toml").read_text(encoding="utf-8")
    assert "KEY-NO-KEYRING-77" not in ctx.settings.path.read_text(encoding="utf-8")
    assert ctx.settings.get("sms.api_key") == "KEY-NO-KEYRING-77"


def test_values_from_the_environment_are_locked(qtbot, ctx, memory_keyring, tmp_path):
    ctx.settings = Settings(path=tmp_path / "env.toml", env={"SHOPCRM_SMS_SENDER": "3000",
                                                             "SHOPCRM_SMS_API_KEY": "ENVKEY"})
    page = make_page(qtbot, ctx)
    sender = field(page, "sms.sender")
    assert not sender.isEnabled() and "SHOPCRM_SMS_SENDER" in sender.toolTip()
    assert not page.secrets["sms.api_key"].isEnabled()
    assert page.secrets["sms.api_key"].typed() == ""


def test_the_test_sms_button_sends_through_the_fake(qtbot, type_text, ctx, memory_keyring):
    page = make_page(qtbot, ctx)
    with FakeKavenegar(credit=2_000_000) as fake:
        field(page, "sms.provider").setCurrentIndex(
            field(page, "sms.provider").findData("kavenegar"))
        type_text(page.secrets["sms.api_key"].edit, fake.api_key)
        retype(type_text, field(page, "sms.base_url"), fake.base_url)
        retype(type_text, field(page, "sms.sender"), "۱۰۰۰۴۳۴۶")
        retype(type_text, field(page, "sms.test_mobile"), "۰۹۱۲ ۳۴۵ ۶۷۸۹")
        page.test_sms_button.click()
        qtbot.waitUntil(lambda: bool(fake.sent), timeout=5000)
        (sms,) = fake.sent
        assert sms.receptor == "09123456789" and sms.sender == "10004346"
        assert "۰۹۱۲" in page.sms_result.text()
        page.credit_button.click()
        assert "اعتبار: ۱۹۹٬" in page.sms_result.text()  # 2,000,000 Rials less the test SMS
    assert ctx.settings.get("sms.provider") == "auto"  # tried, not saved


def test_the_smtp_button_logs_in_to_the_server(qtbot, type_text, ctx, memory_keyring):
    page = make_page(qtbot, ctx)
    with SmtpServer(auth=True) as server:
        retype(type_text, field(page, "smtp.host"), server.host)
        retype(type_text, field(page, "smtp.port"), str(server.port))
        retype(type_text, field(page, "smtp.user"), server.user)
        type_text(page.secrets["smtp.password"].edit, "wrong password")
        field(page, "smtp.security").setCurrentIndex(
            field(page, "smtp.security").findData("none"))
        retype(type_text, field(page, "smtp.from"), "shop@example.com")
        page.test_smtp_button.click()
        assert "گذرواژه" in page.smtp_result.text()  # refused, in words
        retype(type_text, page.secrets["smtp.password"].edit, server.password)
        page.test_smtp_button.click()
        assert "پذیرفت" in page.smtp_result.text()
        assert server.logins[-1] == (server.user, True)


def test_backup_now_and_the_database_choice(qtbot, type_text, ctx, memory_keyring, tmp_path):
    retarget = tmp_path / "backups"
    page = make_page(qtbot, ctx)
    retype(type_text, field(page, "backup.dir"), str(retarget))
    page.save()
    page.backup_button.click()
    assert page.backup_list.rowCount() == 1
    assert any(retarget.iterdir())

    other = tmp_path / "other-book.sqlite3"
    retype(type_text, page.db_path, str(other))
    assert page.save_button.isEnabled()
    page.save()
    assert database_choice.chosen_url(ctx.settings) == f"sqlite:///{other}"
    assert "ShopCRM" in page.notice.text()  # restart to take effect
    database_choice.clear_choice(ctx.settings)


def test_no_setting_shows_its_code_in_the_persian_window(qtbot, type_text, ctx):
    """Every choice reads as words and the survey's delay as «صبح روز بعد» (it showed
    next_morning); the word typed back is the value, hours show in Persian digits."""
    import re

    from PySide6.QtWidgets import QComboBox, QLabel

    from ui.pages.settings_page import _LTR_TEXT
    from ui.widgets.setting_fields import ValidatedEdit

    latin_ok = {"API", "Kavenegar", "STARTTLS", "SSL", "TLS", "English", "PostgreSQL"}
    page = make_page(qtbot, ctx)
    for name, binding in page.bindings.items():
        widget = binding.widget
        if isinstance(widget, QComboBox):
            texts = [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, ValidatedEdit) and name not in _LTR_TEXT:
            texts = [widget.text()]
        else:
            continue
        for text in texts:
            latin = set(re.findall(r"[A-Za-z_]{2,}", text)) - latin_ok
            assert not latin, f"{name} shows {text!r}"
    delay = field(page, "survey.delay")
    assert delay.text() == "صبح روز بعد" and page.bindings["survey.delay"].valid()
    hints = [label.text() for label in page.findChildren(QLabel) if "صبح روز بعد" in label.text()]
    assert hints and "۳" in hints[0]
    retype(type_text, delay, "۳")
    page.save()
    assert ctx.settings.get("survey.delay") == "3"
    page.load()
    assert delay.text() == "۳"
    retype(type_text, delay, "صبح روز بعد")
    assert page.bindings["survey.delay"].valid()
    page.save()
    assert ctx.settings.get("survey.delay") == "next_morning"


def test_the_shop_phone_shows_persian_digits(qtbot, type_text, ctx):
    """The shop's phone reads in Persian digits like the sender line and the test mobile
    (it showed 02188881234 among ۳, ۹۰ and ۲۱:۰۰); typed back, it is stored as digits."""
    ctx.settings.override("shop.phone", "02188881234")
    page = make_page(qtbot, ctx)
    phone = field(page, "shop.phone")
    assert phone.text() == "۰۲۱۸۸۸۸۱۲۳۴"
    retype(type_text, phone, "۰۲۱۷۷۷۷۱۲۳۴")
    page.save()
    assert Settings(path=ctx.settings.path, env={}).get("shop.phone") == "02177771234"

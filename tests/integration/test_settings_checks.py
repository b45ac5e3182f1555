"""The Settings page's checks without Qt: a test SMS and the credit against the fake
Kavenegar, an SMTP login against the aiosmtpd server, values as typed on top of the saved
ones, and the database choice (the password never in the file)."""

from __future__ import annotations

import pytest
from support.fake_kavenegar import FakeKavenegar
from support.smtp_server import SmtpServer

from shopcrm.config import Settings
from shopcrm.errors import InvalidInput, ProviderError
from shopcrm.services.messaging.sms_text import OPT_OUT_LINE
from shopcrm.services.settings import database_choice as choice
from shopcrm.services.settings.checks import (
    SettingsDraft,
    check_quiet_hours,
    check_smtp,
    send_test_sms,
    sms_credit,
)


class DictSecrets(dict):
    def set(self, name, value):
        if value:
            self[name] = value
        else:
            self.pop(name, None)


@pytest.fixture
def settings(tmp_path):
    return Settings(path=tmp_path / "settings.toml", env={}, secrets=DictSecrets())


def test_a_test_sms_goes_through_the_typed_provider_before_save(settings):
    with FakeKavenegar(credit=123_450) as fake:
        draft = SettingsDraft(settings, {
            "sms.provider": "kavenegar", "sms.api_key": fake.api_key,
            "sms.base_url": fake.base_url, "sms.sender": "10004346",
            "sms.test_mobile": "۰۹۱۲ ۱۲۳ ۴۵۶۷", "shop.name": "آرایشگاه نگار"})
        result = send_test_sms(draft, lang="fa")
        assert result.receptor == "09121234567" and result.message_id
        (sent,) = fake.sent
        assert "آرایشگاه نگار" in sent.message and sent.message.endswith(OPT_OUT_LINE)
        assert int(sent.localid) > 10**12  # never an outbox row id
        assert sms_credit(draft).remaining < 123_450
    assert settings.get("sms.provider") == "auto"  # nothing was saved


def test_a_wrong_key_is_an_auth_error(settings):
    with FakeKavenegar() as fake:
        draft = SettingsDraft(settings, {"sms.provider": "kavenegar", "sms.api_key": "WRONG",
                                         "sms.base_url": fake.base_url})
        with pytest.raises(ProviderError) as err:
            sms_credit(draft)
        assert err.value.code == "sms_auth"
        with pytest.raises(InvalidInput):
            send_test_sms(draft, "12345")


def test_smtp_login_is_checked(settings):
    with SmtpServer(auth=True) as server:
        values = {"smtp.host": server.host, "smtp.port": server.port, "smtp.user": server.user,
                  "smtp.security": "none", "smtp.from": "shop@example.com"}
        assert check_smtp(SettingsDraft(settings, {**values, "smtp.password": server.password}))
        with pytest.raises(ProviderError) as err:
            check_smtp(SettingsDraft(settings, {**values, "smtp.password": "nope"}))
        assert err.value.code == "smtp_auth"


def test_quiet_hours_are_checked_and_normalised():
    assert check_quiet_hours("۲۱:۰۰ - ۰۸:۰۰") == "21:00-08:00"
    assert check_quiet_hours("off") == "off"
    with pytest.raises(InvalidInput):
        check_quiet_hours("evening")


def test_the_database_choice_keeps_its_password_in_the_secret_store(settings, tmp_path):
    assert choice.chosen_url(settings) is None
    url = choice.parse_choice("postgresql://shop:s3cret@db.local:5432/book")
    assert url.startswith("postgresql+psycopg://")
    choice.save_choice(url, settings)
    assert "s3cret" not in choice.choice_file().read_text(encoding="utf-8")
    assert settings._secrets[choice.SECRET_NAME] == "s3cret"
    assert choice.chosen_url(settings) == url
    assert "s3cret" not in choice.display_url(url)
    book = tmp_path / "shop.sqlite3"
    choice.save_choice(choice.parse_choice(str(book)), settings)
    assert choice.chosen_url(settings) == f"sqlite:///{book}"
    assert choice.SECRET_NAME not in settings._secrets
    choice.clear_choice(settings)
    assert choice.chosen_url(settings) is None


@pytest.mark.parametrize("text", ["", "mysql://x@h/db", "postgresql:///nohost", "sqlite://"])
def test_bad_database_choices_are_refused(text):
    with pytest.raises(InvalidInput):
        choice.parse_choice(text)


def test_check_connection_says_why_not(tmp_path):
    from shopcrm.errors import StorageError
    from shopcrm.storage.db import open_database

    with pytest.raises(StorageError):
        choice.check_connection(f"sqlite:///{tmp_path / 'missing.sqlite3'}")
    open_database(f"sqlite:///{tmp_path / 'ok.sqlite3'}").close()
    assert choice.check_connection(f"sqlite:///{tmp_path / 'ok.sqlite3'}")


def test_the_default_url_follows_the_choice(settings, tmp_path, monkeypatch):
    default_db_url = choice.book_url

    monkeypatch.delenv("SHOPCRM_DB", raising=False)
    book = tmp_path / "chosen.sqlite3"
    choice.save_choice(choice.parse_choice(str(book)), settings)
    try:
        assert default_db_url() == f"sqlite:///{book}"
        monkeypatch.setenv("SHOPCRM_DB", "sqlite:///elsewhere.sqlite3")
        assert default_db_url() == "sqlite:///elsewhere.sqlite3"
    finally:
        choice.clear_choice(settings)

"""Secrets: the Kavenegar key and the SMTP password live in the keyring (or, where there is
none and the owner chooses it, in a private file); none ever reaches the database, a
backup, the settings file, a log, a diagnostics report or a command's output."""

from __future__ import annotations

import contextlib
import logging
import os
import secrets as pysecrets
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from shopcrm import logs
from shopcrm.config import Settings
from shopcrm.error_text import describe
from shopcrm.errors import StorageError
from shopcrm.secrets import SERVICE, keyring_available
from shopcrm.services.backup.diagnostics import collect_diagnostics, mask_url, scrub
from shopcrm.storage.db import open_database


@pytest.fixture
def dirs(tmp_path, monkeypatch) -> Path:
    """Fresh config, data, log and backup dirs for the test (in-process and children)."""
    for kind in ("config", "data", "log"):
        (tmp_path / kind).mkdir()
        monkeypatch.setenv(f"SHOPCRM_{kind.upper()}_DIR", str(tmp_path / kind))
    monkeypatch.setenv("SHOPCRM_BACKUP_DIR", str(tmp_path / "backups"))
    return tmp_path


@pytest.fixture
def file_log(dirs, monkeypatch) -> Iterator[Path]:
    """The rotating log file of this test's log dir (set up afresh, removed after)."""
    root = logging.getLogger("shopcrm")
    before = list(root.handlers)
    monkeypatch.setattr(logs, "_configured", None)
    path = logs.setup_file_logging()
    yield path
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()


def flush_logs() -> None:
    for handler in logging.getLogger("shopcrm").handlers:
        handler.flush()


def unique(label: str) -> str:
    return f"{label}-{pysecrets.token_hex(12)}"


def test_secrets_go_to_the_keyring_never_to_the_settings_file(memory_keyring, dirs):
    api_key, password = unique("kavenegar"), unique("smtp")
    settings = Settings(env={})
    settings.set("sms.api_key", api_key)
    settings.set("smtp.password", password)
    settings.set("smtp.user", "shop@example.com")
    settings.save()
    assert memory_keyring.store[(SERVICE, "sms.api_key")] == api_key
    assert memory_keyring.store[(SERVICE, "smtp.password")] == password
    text = settings.path.read_text(encoding="utf-8")
    assert api_key not in text and password not in text and "shop@example.com" in text
    again = Settings(env={})
    assert again.get("sms.api_key") == api_key and again.source("sms.api_key") == "keyring"
    shown = again.as_dict(mask_secrets=True)
    assert api_key not in str(shown) and password not in str(shown)
    assert stat.S_IMODE(settings.path.stat().st_mode) == 0o600
    # an environment variable still wins
    assert Settings(env={"SHOPCRM_SMS_API_KEY": "from-env-1234"}).get("sms.api_key") \
        == "from-env-1234"


def test_without_a_keyring_the_owner_is_told_and_may_choose_a_private_file(no_keyring, dirs):
    assert keyring_available() is False
    settings = Settings(env={})
    with pytest.raises(StorageError) as caught:
        settings.set("sms.api_key", unique("k"))
    assert caught.value.code == "no_keyring"
    assert "no system keyring; choose a private settings file" in \
        describe(caught.value, "en").lower()
    assert "keyring" in describe(caught.value, "fa")
    settings.set("secrets.store", "file")
    settings.save()
    api_key = unique("kavenegar")
    settings.set("sms.api_key", api_key)
    secrets_file = dirs / "config" / "secrets.toml"
    assert api_key in secrets_file.read_text(encoding="utf-8")
    assert stat.S_IMODE(secrets_file.stat().st_mode) == 0o600
    assert api_key not in settings.path.read_text(encoding="utf-8")
    assert Settings(env={}).get("sms.api_key") == api_key


def test_a_secret_never_reaches_the_log_even_inside_a_traceback(memory_keyring, file_log):
    api_key = unique("kavenegar")
    Settings(env={}).set("sms.api_key", api_key)  # registered with the log filter
    path = file_log
    log = logging.getLogger("shopcrm.test.secrets")
    log.warning("calling https://api.kavenegar.com/v1/%s/sms/send.json", api_key)
    try:
        raise RuntimeError(f"APIException: b'key {api_key} rejected'")
    except RuntimeError:
        log.exception("the gateway failed")
    flush_logs()
    text = Path(path).read_text(encoding="utf-8")
    assert "the gateway failed" in text and "APIException" in text
    assert api_key not in text


def test_diagnostics_masks_passwords_and_secrets(memory_keyring, dirs, postgres_url):
    api_key, password, db_password = unique("kavenegar"), unique("smtp"), unique("dbpw")
    settings = Settings(env={"SHOPCRM_SMTP_PASSWORD": password})
    settings.set("sms.api_key", api_key)
    url = postgres_url.replace("//shop@", f"//shop:{db_password}@")  # trust ignores it
    db = open_database(url)
    try:
        report = collect_diagnostics(settings, db)
    finally:
        db.close()
    assert "schema revision" in report and "customers: 0" in report
    assert "SQLAlchemy" in report and "python" in report
    for secret in (api_key, password, db_password):
        assert secret not in report
    assert "***" in mask_url(url) and db_password not in mask_url(url)
    assert scrub(f"https://api.kavenegar.com/v1/{unique('x')}/sms/send.json", []) == \
        "https://api.kavenegar.com/v1/***/sms/send.json"


def _gateways() -> tuple[type | None, type | None]:
    """The fake Kavenegar gateway and SMTP server of the messaging tests, if present."""
    try:
        from support.fake_kavenegar import FakeKavenegar
        from support.smtp_server import SmtpServer
    except ImportError:
        return None, None
    return FakeKavenegar, SmtpServer


def _commands(parser_commands: set[str], tmp_path: Path, can_send: bool) -> list[list[str]]:
    """The commands of the full run: the core ones, and those of other areas if present."""
    runs = [["init"], ["demo", "--customers", "150"],
            ["customer", "add", "--name", "ستاره رازی", "--phone", "09351234567",
             "--email", "setare@example.com"],
            ["customers", "--limit", "5"], ["customers", "--json", "--limit", "5"],
            ["visit", "add", "--phone", "09351234567", "--amount", "2500000"],
            ["customer", "merge", "#1", "#2"],
            ["backup"], ["backups"], ["backup", "--to", str(tmp_path / "usb")]]
    optional = {
        "export": [["export", str(tmp_path / "customers.xlsx")]],
        "absent": [["absent"]],
        "segments": [["segments"]],
    }
    if can_send:
        optional.update({
            "send": [["send", "--phones", "09351234567", "--text", "سلام {name}", "--yes"],
                     ["send", "--channel", "email", "--phones", "09351234567", "--text",
                      "سلام {name}", "--yes"]],
            "credit": [["credit"]],
            "outbox": [["outbox"]],
        })
    for word, lines in optional.items():
        if word in parser_commands:
            runs.extend(lines)
    runs.append(["diagnostics"])
    return runs


# Commands also run as a separate process with the secrets in its environment (a process
# start costs a second or two, so the others run in this process only).
SUBPROCESS_TOO = {"init", "demo", "customer", "backup", "export", "send", "credit",
                  "diagnostics"}


def _run_in_process(argv: list[str]) -> tuple[int, str, str]:
    import contextlib
    import io

    from shopcrm.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    return status, out.getvalue(), err.getvalue()


def test_a_full_run_with_known_secrets_leaks_none(memory_keyring, dirs, file_log,
                                                  monkeypatch):
    from shopcrm.cli import build_parser

    env_key, env_password = unique("envkavenegar"), unique("envsmtp")
    ring_key, ring_password = unique("ringkavenegar"), unique("ringsmtp")
    book = dirs / "data" / "book.sqlite3"
    db_url = f"sqlite:///{book}"
    fake_sms, fake_smtp = _gateways()
    words = set(build_parser()._subparsers._group_actions[0].choices)
    runs = _commands(words, dirs, can_send=fake_sms is not None)
    outputs: list[str] = []
    with contextlib.ExitStack() as stack:
        gateway_env = {"SHOPCRM_LANG": "en", "SHOPCRM_SHOP_NAME": "آرایشگاه نگار",
                       "SHOPCRM_SHOP_ADDRESS": "تهران"}
        if fake_sms is not None:
            sms = stack.enter_context(fake_sms(env_key))
            smtp = stack.enter_context(fake_smtp(auth=True, user="shop", password=env_password))
            gateway_env.update({
                "SHOPCRM_SMS_PROVIDER": "kavenegar", "SHOPCRM_SMS_BASE_URL": sms.base_url,
                "SHOPCRM_SMS_SENDER": "10004346", "SHOPCRM_SMS_QUIET_HOURS": "off",
                "SHOPCRM_SMTP_HOST": smtp.host, "SHOPCRM_SMTP_PORT": str(smtp.port),
                "SHOPCRM_SMTP_USER": "shop", "SHOPCRM_SMTP_SECURITY": "none",
                "SHOPCRM_SMTP_FROM": "shop@example.com"})
        # 1) the command as a separate process, secrets from the environment
        env = dict(os.environ, SHOPCRM_SMS_API_KEY=env_key,
                   SHOPCRM_SMTP_PASSWORD=env_password, **gateway_env)
        for args in runs:
            if args[0] not in SUBPROCESS_TOO:
                continue
            result = subprocess.run([sys.executable, "-m", "shopcrm", "--db", db_url, *args],
                                    capture_output=True, text=True, env=env, timeout=120)
            assert result.returncode in (0, 1), (args, result.stderr)  # never a crash
            outputs += [result.stdout, result.stderr]
        # 2) the same in this process, secrets from the keyring (as the window keeps them)
        Settings(env={}).set("sms.api_key", ring_key)
        Settings(env={}).set("smtp.password", ring_password)
        if fake_sms is not None:
            sms.api_key, smtp.password = ring_key, ring_password
        for key, value in gateway_env.items():
            monkeypatch.setenv(key, value)
        for args in runs[1:]:  # (the book exists already)
            status, out, err = _run_in_process(["--db", db_url, *args])
            assert status in (0, 1), (args, err)
            outputs += [out, err]
        if fake_sms is not None and "send" in words:
            assert sms.sent and smtp.messages  # the run really used both secrets
    logging.getLogger("shopcrm.test").error("a full run is over; key was %s", ring_key)
    flush_logs()
    assert file_log.stat().st_size > 0
    report = collect_diagnostics(Settings(), None, db_url=db_url)
    assert "ShopCRM diagnostics" in report

    places = [book, Path(f"{book}-wal"), dirs / "backups", dirs / "usb", dirs / "log",
              dirs / "data", dirs / "config" / "settings.toml", dirs / "customers.xlsx"]
    files = set()
    for place in places:
        if place.is_dir():
            files |= {p for p in place.rglob("*") if p.is_file()}
        elif place.is_file():
            files.add(place)
    assert any(p.suffix == ".sqlite3" and p.parent.name == "backups" for p in files)
    assert any(p.parent.name == "log" for p in files)
    texts = {str(p): p.read_bytes() for p in sorted(files)}
    texts["command outputs"] = "\n".join(outputs).encode()
    texts["diagnostics"] = report.encode()
    for secret in (env_key, env_password, ring_key, ring_password):
        for where, data in texts.items():
            for form in (secret.encode(), secret.encode("utf-16-le")):
                assert form not in data, f"{secret[:12]}... found in {where}"


def test_cli_diagnostics_reports_even_a_book_that_does_not_open(dirs):
    import json

    book = dirs / "data" / "broken.sqlite3"
    book.write_bytes(b"SQLite format 3\x00" + os.urandom(30_000))
    result = subprocess.run(
        [sys.executable, "-m", "shopcrm", "--db", f"sqlite:///{book}", "diagnostics", "--json"],
        capture_output=True, text=True, timeout=120, env=dict(os.environ, SHOPCRM_LANG="en"))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)["report"]
    assert "cannot open: The database is damaged" in report
    assert "== versions" in report and "== settings (secrets masked)" in report
    assert "PySide6" in report  # its version, read without importing Qt

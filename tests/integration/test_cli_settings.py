"""``shopcrm settings list | get | set | unset``: values checked by the same rules as the
window, errors in one line naming the key and what is allowed (fa and en), secrets stored
where the window stores them (keyring or the private file), never printed and never in the
settings file."""

from __future__ import annotations

import json
import tomllib

import pytest

from shopcrm.config import OPTIONS, Settings

SECRET = "KAVE-0123456789-SECRET"


def test_set_get_list_unset_round_trip(run_cli, config_dir):
    code, out, err = run_cli("--lang", "en", "settings", "set", "smtp.port", "۲۵")
    assert code == 0 and "smtp.port = 25" in out, err
    assert tomllib.loads((config_dir / "settings.toml").read_text("utf-8"))["smtp"]["port"] == 25
    assert run_cli("settings", "get", "smtp.port") == (0, "25\n", "")
    assert run_cli("settings", "set", "sms.sender", "۱۰۰۰ ۴۳۴۶")[0] == 0
    assert Settings().sms.sender == "10004346"  # the window reads what the command wrote
    assert run_cli("settings", "set", "ui.currency", "rial")[0] == 0
    assert Settings().currency == "rial"

    code, out, _ = run_cli("settings", "list", "--json")
    rows = {r["key"]: r for r in json.loads(out)}
    assert set(rows) == {o.name for o in OPTIONS}
    assert rows["smtp.port"]["value"] == 25 and rows["smtp.port"]["source"] == "file"
    assert rows["absence.absent_days"]["source"] == "default"

    code, out, _ = run_cli("--lang", "en", "settings", "unset", "smtp.port")
    assert code == 0 and "587" in out
    assert "smtp" not in tomllib.loads((config_dir / "settings.toml").read_text("utf-8"))
    assert json.loads(run_cli("settings", "get", "smtp.port", "--json")[1])["source"] == \
        "default"


@pytest.mark.parametrize(("argv", "fa", "en"), [
    (["smtp.port", "70000"], "smtp.port: یک عدد صحیح از ۱ تا ۶۵۵۳۵", "from 1 to 65535"),
    (["ui.currency", "dollar"], "تومان، ریال", "write one of toman, rial"),
    (["sms.sender", "10004x"], "فقط رقم", "digits only"),
    (["sms.quiet_hours", "شب"], "۲۱:۰۰-۰۸:۰۰ یا خاموش", "21:00-08:00, or off"),
    (["smtp.from", "shop@"], "name@example.com", "name@example.com"),
    (["backup.auto", "maybe"], "yes/no", "yes or no"),
    (["shop.nmae", "x"], "shop.nmae", "There is no setting 'shop.nmae'"),
])
def test_a_bad_value_is_one_line_naming_the_key(run_cli, config_dir, argv, fa, en):
    for lang, words in (("fa", fa), ("en", en)):
        code, out, err = run_cli("--lang", lang, "settings", "set", *argv)
        assert code == 1 and out == ""
        assert err.count("\n") == 1 and words in err and "Traceback" not in err
        assert argv[0] in err
    assert not (config_dir / "settings.toml").exists()  # nothing written


def test_choices_read_and_are_typed_in_persian(run_cli, config_dir):
    """In Persian ``settings get/list`` show a choice (and survey.delay's next_morning) as
    its word, not its code; ``set`` takes the word; JSON and English keep the code."""
    import re

    protocol = {"STARTTLS", "SSL", "TLS"}
    for opt in (o for o in OPTIONS if o.kind == "choice" or o.words):
        code, out, err = run_cli("--lang", "fa", "settings", "get", opt.name)
        assert code == 0, err
        assert not set(re.findall(r"[A-Za-z_]{2,}", out)) - protocol, (opt.name, out)
        code, out, _ = run_cli("--lang", "fa", "settings", "list", opt.section)
        line = next(x for x in out.splitlines() if f" {opt.name}،" in x)
        assert not set(re.findall(r"[A-Za-z_]{2,}", line.replace(opt.name, ""))) - protocol, line
    code, out, err = run_cli("--lang", "fa", "settings", "set", "sms.provider", "آزمایشی")
    assert code == 0 and "sms.provider = آزمایشی" in out, err
    assert tomllib.loads((config_dir / "settings.toml").read_text("utf-8"))["sms"]["provider"] == \
        "file"
    assert json.loads(run_cli("settings", "get", "sms.provider", "--json")[1])["value"] == "file"
    assert run_cli("--lang", "en", "settings", "get", "sms.provider")[1] == "file\n"
    assert run_cli("--lang", "fa", "settings", "get", "survey.delay")[1] == "صبح روز بعد\n"
    assert run_cli("--lang", "fa", "settings", "set", "survey.delay", "۲")[0] == 0
    assert run_cli("--lang", "fa", "settings", "get", "survey.delay")[1] == "۲\n"
    assert Settings().get("survey.delay") == "2"


def test_a_secret_goes_to_the_keyring_and_is_never_printed(run_cli, config_dir, memory_keyring):
    code, out, err = run_cli("settings", "set", "sms.api_key", SECRET)
    assert code == 0 and SECRET not in out + err
    assert memory_keyring.store[("ShopCRM", "sms.api_key")] == SECRET
    assert not (config_dir / "settings.toml").exists() or \
        SECRET not in (config_dir / "settings.toml").read_text("utf-8")
    assert Settings().sms.api_key == SECRET  # what the window and the sender read

    code, out, err = run_cli("--lang", "en", "settings", "get", "sms.api_key")
    assert code == 1 and SECRET not in out + err and "never printed" in err
    for argv in (("settings", "list"), ("settings", "list", "--json"), ("settings", "list",
                                                                        "sms")):
        code, out, err = run_cli(*argv)
        assert code == 0 and SECRET not in out + err and SECRET[:6] not in out
    rows = {r["key"]: r for r in json.loads(run_cli("settings", "list", "--json")[1])}
    assert rows["sms.api_key"]["value"] == "KA…ET" and rows["sms.api_key"]["source"] == \
        "keyring"

    assert run_cli("settings", "unset", "sms.api_key")[0] == 0
    assert ("ShopCRM", "sms.api_key") not in memory_keyring.store


def test_without_a_keyring_the_private_file_like_the_window(run_cli, config_dir, no_keyring,
                                                            monkeypatch):
    code, out, err = run_cli("--lang", "en", "settings", "set", "smtp.password", SECRET)
    assert code == 1 and "shopcrm settings set secrets.store file" in err
    assert run_cli("settings", "set", "secrets.store", "file")[0] == 0
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(SECRET + "\n"))
    code, out, err = run_cli("settings", "set", "smtp.password")  # read from stdin
    assert code == 0 and SECRET not in out + err
    assert SECRET in (config_dir / "secrets.toml").read_text("utf-8")
    assert (config_dir / "secrets.toml").stat().st_mode & 0o077 == 0
    assert SECRET not in (config_dir / "settings.toml").read_text("utf-8")
    assert Settings().smtp.password == SECRET


def test_the_environment_still_wins_and_says_so(run_cli, config_dir, monkeypatch):
    monkeypatch.setenv("SHOPCRM_SMS_SENDER", "3000")
    code, _, err = run_cli("--lang", "en", "settings", "set", "sms.sender", "5000")
    assert code == 0 and "SHOPCRM_SMS_SENDER" in err
    assert json.loads(run_cli("settings", "get", "sms.sender", "--json")[1]) == {
        "key": "sms.sender", "value": "3000", "source": "env"}


def test_the_other_environment_variables_are_listed_never_printed(run_cli, config_dir,
                                                                   monkeypatch):
    monkeypatch.setenv("SHOPCRM_DB", "postgresql://shop:PG-PASSWORD-9@db/shop")
    monkeypatch.delenv("SHOPCRM_LANG", raising=False)
    code, out, _ = run_cli("settings", "list", "--env", "--json")
    rows = {r["name"]: r for r in json.loads(out)}
    assert code == 0 and rows["SHOPCRM_DB"]["set"] and not rows["SHOPCRM_LANG"]["set"]
    code, out, _ = run_cli("--lang", "en", "settings", "list", "--env")
    assert "SHOPCRM_DB" in out and "PG-PASSWORD" not in out


def test_commands_name_the_settings_command_not_the_window(run_cli, config_dir, tmp_path):
    url = f"sqlite:///{tmp_path / 'book.sqlite3'}"
    assert run_cli("--db", url, "init")[0] == 0
    assert run_cli("settings", "set", "sms.provider", "kavenegar")[0] == 0
    code, _, err = run_cli("--db", url, "--lang", "en", "credit")
    assert code == 1 and "shopcrm settings set sms.api_key" in err
    assert "Settings." not in err


def test_quiet_hours_off_is_a_persian_word(run_cli, config_dir):
    """A Persian owner turns quiet hours off with «خاموش» and is shown «خاموش», never
    the English code ``off`` (stored as ``off``; English and JSON keep it)."""
    code, out, err = run_cli("--lang", "fa", "settings", "set", "sms.quiet_hours", "خاموش")
    assert code == 0 and "sms.quiet_hours = خاموش" in out, err
    assert tomllib.loads((config_dir / "settings.toml").read_text("utf-8"))["sms"][
        "quiet_hours"] == "off"
    assert run_cli("--lang", "fa", "settings", "get", "sms.quiet_hours")[1] == "خاموش\n"
    assert run_cli("--lang", "en", "settings", "get", "sms.quiet_hours")[1] == "off\n"
    code, out, _ = run_cli("--lang", "fa", "settings", "list", "sms")
    line = next(x for x in out.splitlines() if " sms.quiet_hours،" in x)
    assert "off" not in line and "خاموش" in line, line

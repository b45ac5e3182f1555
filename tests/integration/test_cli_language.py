"""One language: the ``shopcrm`` command speaks Persian by default and English with --lang en.

The main commands run on a demo book (with a real import, a real campaign through the
fake Kavenegar gateway on loopback, a backup) and every line they print is checked: in
Persian no English word may remain except data (names, emails, paths, file names, what
the owner typed) and the command's own tokens (``--segment absent``, ``shopcrm resume
۳``); with ``--lang en`` no Persian word remains except data. JSON stays English keys,
ISO dates and ASCII digits.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from sqlalchemy import text
from support.fake_kavenegar import FakeKavenegar

from shopcrm.config import OPTIONS
from shopcrm.services.messaging.templates import READY
from shopcrm.storage.db import open_database

DATA = Path(__file__).resolve().parents[1] / "data"
SENDER = "10004346"
SHOP_ADDRESS = "تهران، خیابان ولی‌عصر، پلاک ۱۲"

_LATIN = re.compile(r"[A-Za-z][A-Za-z']+")
_PERSIAN = re.compile(r"[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u200c]{2,}")
# What is not a translatable word: data and the command's own tokens.
_NOT_WORDS = [
    re.compile(r"\S+@\S+"),  # emails
    re.compile(r"\w+://\S+"),  # URLs (the book's)
    re.compile(r"(?<!\w)/\S+"),  # paths
    re.compile(r"\S+\.(?:sqlite3|xlsx|xls|csv|ods|png|pdf|toml|jsonl)\b"),  # file names
    # --segment rfm:lost, --template key, --map "محله=city"
    re.compile(r"--[a-z][\w-]*(?: (?!--)(?:\"[^\"\n]*\"|[\w:\-]+))?"),
    re.compile(r"shopcrm(?: [a-z][\w-]*)*"),  # shopcrm import undo
    re.compile(r"'[^'\n]*'"),  # quoted values (argparse's choices)
    # the settings' own names (shop.address, loyalty.enabled) and the SHOPCRM_* variables,
    # which the owner types as they are
    re.compile(r"\b(?:" + "|".join(re.escape(o.name) for o in OPTIONS) + r")\b"),
    re.compile(r"\bSHOPCRM_[A-Z_*]+"),
    re.compile(r"`[^`\n]+`"),  # a command to type, in backquotes
    re.compile(r"[\w.:-]+(?: \| [\w.:-]+)+"),  # the values to choose from: toman | rial
    re.compile(r"(?<=«)[\w.:-]+(?=»)"),  # one value quoted: «file»
]


def _words(text_: str, pattern: re.Pattern[str], data: set[str]) -> set[str]:
    for rule in _NOT_WORDS:
        text_ = rule.sub(" ", text_)
    return {w for w in pattern.findall(text_) if w.lower() not in data}


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    """A demo book with an import, a campaign sent through the fake gateway and a backup."""
    folder = tmp_path_factory.mktemp("lang")
    url = f"sqlite:///{folder / 'book.sqlite3'}"
    from shopcrm.cli import main

    assert main(["--db", url, "--json", "demo", "--customers", "120", "--seed", "7"]) == 0
    return folder, url


@pytest.fixture
def env(book, monkeypatch):
    folder, url = book
    monkeypatch.delenv("SHOPCRM_LANG", raising=False)
    monkeypatch.setenv("SHOPCRM_BACKUP_DIR", str(folder / "backups"))
    # `settings set` writes here, not to the session's settings; the schedule's files too
    monkeypatch.setenv("SHOPCRM_CONFIG_DIR", str(folder / "config"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder / "xdg"))
    monkeypatch.setenv("SHOPCRM_SHOP_NAME", "آرایشگاه نگار")
    monkeypatch.setenv("SHOPCRM_SHOP_ADDRESS", SHOP_ADDRESS)  # real sending asks for it
    with FakeKavenegar() as server:
        for key, value in {"PROVIDER": "kavenegar", "API_KEY": server.api_key,
                           "BASE_URL": server.base_url, "SENDER": SENDER}.items():
            monkeypatch.setenv(f"SHOPCRM_SMS_{key}", value)
        yield folder, url


def _tokens(value: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[\w\u200c]+", value)]


def _data_words(url: str) -> set[str]:
    """Every word stored in the book (names, cities, notes, services, campaign names...)
    and in the ready templates: data, in whichever script it is written."""
    db = open_database(url)
    words: set[str] = set()
    try:
        with db.engine.connect() as conn:
            for table, columns in {
                "customer": "name, email, city, address, notes, referral, mobile_raw",
                "visit": "service, staff, payment_method, note",
                "tag": "name", "campaign": "name, template, subject",
                "outbox_message": "body, recipient, error_text, provider_message_id",
                "import_batch": "file_name",
                "interaction": "summary", "complaint": "text, resolution, handled_by",
                "points_entry": "note", "inbound_message": "text",
            }.items():
                try:
                    rows = conn.execute(text(f"SELECT {columns} FROM {table}")).fetchall()
                except Exception:  # a column another branch renamed: not this test's concern
                    rows = conn.execute(text(f"SELECT * FROM {table}")).fetchall()
                for row in rows:
                    for value in row:
                        if isinstance(value, str):
                            words.update(_tokens(value))
    finally:
        db.close()
    for t in READY.values():
        words.update(_tokens(f"{t.title} {t.text} {t.subject}"))
    import openpyxl  # the sheet's own names and headers, echoed by the import

    book = openpyxl.load_workbook(DATA / "customers-sample.xlsx", read_only=True)
    for sheet in book.worksheets:
        words.update(_tokens(sheet.title))
        for row in sheet.iter_rows(max_row=3, values_only=True):
            words.update(t for v in row if isinstance(v, str) for t in _tokens(v))
    book.close()
    words.update(["آرایشگاه", "نگار", "لغو"])  # the shop's name and the opt-out word
    words.update(_tokens(SHOP_ADDRESS))
    words.add(Path(url.split("///", 1)[-1]).stem.lower())  # the book's name: its file's
    for opt in OPTIONS:  # the settings' default values: the owner's words, and tokens
        words.update(_tokens(str(opt.default)))
    return words


def _commands(folder: Path) -> list[tuple[str, ...]]:
    sheet = folder / "customers-sample.xlsx"
    shutil.copy(DATA / "customers-sample.xlsx", sheet)
    return [
        ("customers", "--limit", "5"),
        ("customers", "--search", "zzzz"),
        ("customer", "show", "--id", "3"),
        ("customer", "add", "--name", "مهسا تست", "--phone", "۰۹۱۲۷۷۷۶۶۵۵", "--tags", "آزمایش"),
        ("customer", "edit", "--phone", "09127776655", "--city", "تهران", "--vip"),
        ("visit", "add", "--phone", "09127776655", "--date", "1404/05/17 14:30", "--amount",
         "850000", "--service", "کوتاهی مو"),
        ("visits", "--id", "3", "--limit", "3"),
        ("customer", "add", "--name", "مهسا تست", "--phone", "09127776600"),
        ("customer", "merge", "09127776655", "09127776600"),
        ("customer", "delete", "--phone", "09127776655"),
        ("customer", "restore", "--phone", "09127776655"),
        ("duplicates", "--limit", "3"),
        ("absent", "--limit", "3"),
        ("overdue", "--limit", "3"),
        ("followup", "log", "--id", "3", "--kind", "call", "--note", "قرار شد بیاید"),
        ("followup", "snooze", "--id", "3", "--days", "7"),
        ("followup", "unsnooze", "--id", "3"),
        ("segments",),
        ("retention",),
        ("retention", "--period", "quarter"),
        ("birthdays", "--days", "60"),
        ("send", "--segment", "absent", "--template", "winback", "--dry-run"),
        ("send", "--phones", "09127776655", "--template", "thanks", "--yes"),
        ("campaigns",),
        ("resume", "--all"),
        ("relocation", "--new-address", "تهران، خیابان ولی‌عصر", "--dry-run"),
        ("outbox", "--limit", "3"),
        ("sync-status",),
        ("credit",),
        ("template", "list"),
        ("template", "preview", "--id", "3", "--template", "winback"),
        ("report",),
        ("chart", "visits_revenue", "--out", str(folder / "chart.png")),
        ("import", str(sheet), "--dry-run"),
        ("import", str(sheet), "--no-backup"),
        ("imports",),
        ("export", str(folder / "out.xlsx"), "--what", "absent"),
        ("backup",),
        ("backups",),
        ("check",),
        ("init",),
        # one-line errors
        ("customer", "show", "--phone", "09129999999"),
        ("customer", "show",),
        ("customers", "--limit", "x"),
        ("send", "--segment", "absent", "--channel", "fax", "--dry-run"),
        ("send", "--text", "سلام"),
        ("visit", "add", "--phone", "09127776655", "--date", "1404/13/40"),
        ("restore",),
        # -- merged later: complaints, inbox, survey, loyalty, Today, win-back, settings...
        ("settings", "set", "loyalty.enabled", "yes"),
        ("settings", "set", "survey.enabled", "yes"),
        ("complaint", "add", "--id", "3", "--text", "رنگ مو یکدست نبود", "--severity", "high"),
        ("complaint", "progress", "1", "--by", "سارا"),
        ("complaints",),
        ("complaints", "--open", "--id", "3"),
        ("complaint", "resolve", "1", "--note", "دوباره رنگ شد"),
        ("inbox",),
        ("survey", "send"),
        ("call-list",),
        ("customer", "edit", "--id", "5", "--referred-by", "#3"),
        ("points", "adjust", "--id", "3", "--points", "120", "--note", "هدیه‌ی افتتاحیه"),
        ("points", "redeem", "--id", "3", "--points", "5"),
        ("points", "--id", "3"),
        ("loyalty", "rewards"),
        ("loyalty", "notify"),
        ("loyalty", "report"),
        ("loyalty", "report", "--period", "quarter"),
        ("referrals",),
        ("today",),
        ("winback",),
        ("send", "--phones", "09127776655", "--template", "thanks", "--dry-run"),
        ("unknown", "1"),
        ("unknown", "1", "--resend", "--drop"),
        ("schedule", "status", "--backend", "systemd"),
        ("schedule", "install", "--backend", "systemd", "--no-activate", "--time", "09:30"),
        ("schedule", "status", "--backend", "systemd"),
        ("settings", "list"),
        ("settings", "list", "--env"),
        ("settings", "get", "loyalty.enabled"),
        ("settings", "get", "survey.delay"),
        ("settings", "get", "sms.api_key"),
    ]


def _test_mode_commands() -> list[tuple[str, ...]]:
    """Run with the SMS in test mode (sms.provider file): no inbox, the day's work written
    to the test file."""
    return [
        ("inbox", "sync"),
        ("daily", "--yes"),
        ("credit",),
        ("send", "--phones", "09127776655", "--template", "thanks", "--dry-run"),
    ]


def _setting_values() -> set[str]:
    """What `shopcrm settings` shows as values as they are: the defaults of text settings
    (a URL...). A choice, or a value with a Persian word (next_morning), is shown as its
    word, so its code is not allowed here; protocol names are."""
    words: set[str] = {"starttls", "ssl", "tls"}
    for opt in OPTIONS:
        if opt.kind != "choice" and not opt.words:
            words.update(w.lower() for w in _LATIN.findall(str(opt.default)))
    return words


def _run_all(run_cli, url: str, folder: Path, *extra: str,
             monkeypatch: pytest.MonkeyPatch) -> list[tuple[tuple[str, ...], int, str]]:
    results = []
    for argv in _commands(folder):
        code, out, err = run_cli("--db", url, *extra, *argv)
        results.append((argv, code, out + err))
    with monkeypatch.context() as test_mode:
        test_mode.setenv("SHOPCRM_SMS_PROVIDER", "file")
        for argv in _test_mode_commands():
            code, out, err = run_cli("--db", url, *extra, *argv)
            results.append((("test-mode", *argv), code, out + err))
    return results


def test_persian_is_the_default_and_every_word_is_translated(env, run_cli, monkeypatch):
    folder, url = env
    results = _run_all(run_cli, url, folder, monkeypatch=monkeypatch)
    data = _data_words(url)
    leaks = {}
    settings_values = _setting_values()
    for argv, code, output in results:
        assert code in (0, 1), (argv, output)
        assert "Traceback" not in output
        shown = settings_values if argv[0] == "settings" else set()
        found = _words(output, _LATIN, data | shown)
        if found:
            leaks[" ".join(argv)] = (sorted(found), output[:400])
    assert not leaks, "\n".join(f"{cmd}: {words}\n{out}" for cmd, (words, out) in leaks.items())
    by_command = {" ".join(argv): (code, out) for argv, code, out in results}
    # Persian digits, Jalali month names, the Persian campaign name, the dry run said.
    assert re.search(r"[۰-۹]", by_command["customers --limit 5"][1])
    assert not re.search(r"[0-9]", by_command["customers --limit 5"][1])
    report = by_command["report"][1]
    assert re.search(r"(فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند)"
                      r" ۱۴[۰-۹]{2}", report)
    assert "آزمایشی" in by_command["send --segment absent --template winback --dry-run"][1]
    assert "سپاس ۱۴" in by_command["campaigns"][1]  # the campaign's Persian name
    assert "--segment rfm:" in by_command["segments"][1] and "RFM" not in by_command[
        "segments"][1]
    assert by_command["customer show"][0] == 1
    assert by_command["customers --limit x"][0] == 1
    # the commands merged later say what they did, in Persian, numbers and dates included
    persian_day = r"۱۴[۰-۹]{2}/[۰-۹]{2}/[۰-۹]{2}"

    def said(command: str, *words: str, code: int = 0) -> str:
        got_code, out = by_command[command]
        assert got_code == code, (command, out)
        for word in words:
            assert re.search(word, out), (command, word, out[:400])
        return out

    said("settings set loyalty.enabled yes", "loyalty.enabled = بله")
    said("complaint add --id 3 --text رنگ مو یکدست نبود --severity high",
         r"شکایت #[۰-۹]+ برای #۳ .* ثبت شد \(زیاد\)")
    said("complaints", "شدت: زیاد", "وضعیت: در حال پیگیری", "باز شده در: " + persian_day)
    said("complaint resolve 1 --note دوباره رنگ شد", "حل شد")
    said("inbox", "خوانده‌نشده")
    said("test-mode inbox sync", "صندوق دریافت ندارد")
    said("survey send", "نظرسنجی‌های در نوبت: ", "چیزی فرستاده نشد")
    said("points --id 3", r"مانده: [۰-۹٬]+ امتیاز", "دلیل: اصلاح", "زمان: " + persian_day)
    said("loyalty rewards", "اعلام: هنوز نه")
    said("loyalty report", "اعضا در آغاز", "٪")
    said("referrals", "#۳ ", r"[۰-۹] تومان")
    said("today", "^امروز " + persian_day, "تماس امروز: ", "شکایت‌های باز: ")
    said("winback", r"^بازگشت پس از تماس \(" + persian_day, "تومان", "راه تماس: تماس تلفنی")
    said("unknown 1", "ایمیلی با سرنوشت نامعلوم نیست")
    said("unknown 1 --resend --drop", "نه هر دو", code=1)
    said("schedule status --backend systemd", "«systemd»", "ساعت ۰۹:۳۰")
    said("settings get loyalty.enabled", "^بله$")
    said("settings list", "از: متغیر محیطی", "مجاز: بله \\| خیر")
    said("test-mode daily --yes", "^کار روزانه‌ی " + persian_day, "- پشتیبان روزانه: ",
         "روی هم [۰-۹]+ پیامک فرستاده شد")
    said("test-mode send --phones 09127776655 --template thanks --dry-run",
         "همین پیام را گرفته: ۱ \\(آخرین بار " + persian_day)
    said("test-mode credit", "حالت آزمایشی")


def test_english_with_lang_en_has_no_persian_words_but_data(env, run_cli, monkeypatch):
    folder, url = env
    results = _run_all(run_cli, url, folder, "--lang", "en", monkeypatch=monkeypatch)
    data = _data_words(url)
    leaks = {}
    for argv, code, output in results:
        assert code in (0, 1), (argv, output)
        found = _words(output, _PERSIAN, data | {t for a in argv for t in _tokens(a)})
        if found:
            leaks[" ".join(argv)] = (sorted(found), output[:400])
    assert not leaks, "\n".join(f"{cmd}: {words}\n{out}" for cmd, (words, out) in leaks.items())
    by_command = {" ".join(argv): out for argv, code, out in results}
    assert re.search(r"14\d\d/\d\d [A-Z][a-z]+", by_command["report"])  # 1404/10 Dey
    assert "DRY RUN" in by_command["send --segment absent --template winback --dry-run"]
    assert re.match(r"Today, 14\d\d/\d\d/\d\d", by_command["today"])
    assert "- daily backup: " in by_command["test-mode daily --yes"]
    assert by_command["settings get loyalty.enabled"].strip() == "yes"
    assert re.search(r"balance: [\d,]+ points", by_command["points --id 3"])


def test_json_stays_english_keys_iso_dates_ascii_digits(env, run_cli):
    _, url = env
    code, out, _ = run_cli("--db", url, "--json", "visits", "--id", "3", "--limit", "2")
    visits = json.loads(out)
    assert code == 0 and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", visits[0]["at"])
    code, out, _ = run_cli("--db", url, "--json", "customers", "--limit", "2")
    assert code == 0 and not re.search(r"[۰-۹]", out)
    assert set(json.loads(out)[0]) >= {"id", "name", "phone", "total_spent"}


def test_json_of_the_merged_commands_stays_english(env, run_cli):
    """today, complaints, points, winback, settings: English keys, ISO dates, ASCII digits."""
    _, url = env

    def check(value: object, where: str) -> None:
        """Keys are English; no number or date is written in Persian (texts are data: the
        service's *_fa words and the owner's notes may hold Persian digits)."""
        if isinstance(value, dict):
            for key, item in value.items():
                assert re.fullmatch(r"[a-z_]+", key), (where, key)
                check(item, f"{where}.{key}")
        elif isinstance(value, list):
            for item in value:
                check(item, where)
        elif isinstance(value, str):
            assert not re.fullmatch(r"[۰-۹٬٫/:\s.,-]*[۰-۹][۰-۹٬٫/:\s.,-]*", value), (where, value)

    for argv in (("today",), ("complaints",), ("points", "--id", "3"), ("winback",),
                 ("loyalty", "report"), ("settings", "list")):
        code, out, err = run_cli("--db", url, "--json", *argv)
        assert code == 0, (argv, err)
        check(json.loads(out), " ".join(argv))
    code, out, _ = run_cli("--db", url, "--json", "today")
    today = json.loads(out)
    assert set(today) >= {"call", "birthdays", "came_back", "complaints", "backup"}
    code, out, _ = run_cli("--db", url, "--json", "complaints")
    for complaint in json.loads(out)["complaints"]:
        assert re.match(r"\d{4}-\d\d-\d\dT", complaint["opened_at"])
        assert complaint["severity"] in ("low", "medium", "high")


def test_the_language_setting_and_the_environment(env, run_cli, monkeypatch):
    _, url = env
    monkeypatch.setenv("SHOPCRM_UI_LANGUAGE", "en")
    assert "no customers found" in run_cli("--db", url, "customers", "--search", "zzz")[1]
    monkeypatch.setenv("SHOPCRM_LANG", "fa")  # the environment beats the setting
    assert "مشتری‌ای پیدا نشد" in run_cli("--db", url, "customers", "--search", "zzz")[1]
    # --lang beats both, before or after the command word
    assert "no customers" in run_cli("--db", url, "customers", "--search", "zzz",
                                     "--lang", "en")[1]
    assert "no customers" in run_cli("--lang=en", "--db", url, "customers", "--search",
                                     "zzz")[1]


def test_help_is_persian_by_default(run_cli, monkeypatch, capsys):
    monkeypatch.delenv("SHOPCRM_LANG", raising=False)
    from shopcrm.cli import main

    for argv in (["--help"], ["send", "--help"], ["customers", "--help"]):
        with pytest.raises(SystemExit):
            main(argv)
        out = capsys.readouterr().out
        assert "طرز استفاده" in out and "گزینه‌ها" in out, out[:300]
        assert "show this help message" not in out
    with pytest.raises(SystemExit):
        main(["--lang", "en", "send", "--help"])
    assert "usage:" in capsys.readouterr().out


def test_every_help_text_is_persian():
    """Each command's description and each option's help, in Persian (new commands too)."""
    import argparse

    from shopcrm.cli import build_parser

    parser = build_parser(["--help"], "fa")  # every command's module
    untranslated: list[str] = []
    persian = re.compile(r"[\u0621-\u06cc]")

    def walk(p: argparse.ArgumentParser, where: str) -> None:
        if p.description and not persian.search(p.description):
            untranslated.append(f"{where} (description): {p.description!r}")
        for action in p._actions:
            if isinstance(action.help, str) and action.help != argparse.SUPPRESS \
                    and not persian.search(action.help):
                untranslated.append(f"{where} {'/'.join(action.option_strings) or action.dest}:"
                                    f" {action.help!r}")
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:  # the summary in the parent's help
                    if isinstance(choice.help, str) and not persian.search(choice.help):
                        untranslated.append(f"{where} {choice.dest} (summary): {choice.help!r}")
                for name, sub in action.choices.items():
                    walk(sub, f"{where} {name}")

    walk(parser, "shopcrm")
    assert not untranslated, "add these to shopcrm/cli/help_fa.py:\n" + "\n".join(untranslated)


def test_persian_figures_match_the_json_figures(env, run_cli):
    """The numbers a Persian owner reads are the book's numbers (digits folded back)."""
    from shopcrm.domain.money import in_unit
    from shopcrm.domain.text import fold_digits

    _, url = env

    def both(*argv: str) -> tuple[str, object]:
        code, text_, err = run_cli("--db", url, *argv)
        assert code == 0, err
        code, out, err = run_cli("--db", url, "--json", *argv)
        assert code == 0, err
        return fold_digits(text_).replace("٬", ","), json.loads(out)

    # amounts are in the owner's currency (ui.currency, toman by default) with its unit;
    # JSON keeps rials
    text_, page = both("absent", "--limit", "3")
    assert f": {page['total']:,}؛" in text_
    for row in page["rows"]:
        assert f"شناسه: {row['id']}، نام: {row['name']}، موبایل: {row['mobile']}" in text_
        assert f"خرید (تومان): {in_unit(row['total_spent'], 'toman'):,}" in text_
    text_, segments = both("segments")
    for segment in segments["segments"]:
        assert (f"بخش: {fold_digits(segment['label_fa'])}، مشتری‌ها: {segment['count']:,}، "
                f"برای انتخاب: "
                f"--segment {segment['name']}") in text_
    text_, campaigns = both("campaigns")
    for c in campaigns:
        assert f"فرستاده: {c['sent']:,}" in text_ and f"نام: {fold_digits(c['name'])}" in text_
    text_, customer = both("customer", "show", "--id", "3")
    assert f"مراجعه‌ها: {customer['total_visits']:,}" in text_
    assert f"خرج‌شده: {in_unit(customer['total_spent'], 'toman'):,} تومان" in text_


def test_persian_credit_is_the_gateways(env, run_cli):
    """The gateway's credit (rials in JSON) in the owner's currency with its unit."""
    from shopcrm.domain.money import in_unit
    from shopcrm.domain.text import fold_digits

    _, url = env
    code, text_, err = run_cli("--db", url, "credit")
    assert code == 0, err
    code, out, _ = run_cli("--db", url, "--json", "credit")
    remaining = json.loads(out)["remaining"]
    assert remaining > 0
    assert fold_digits(text_).replace("٬", ",").strip() == (
        f"کاوه‌نگار: {in_unit(remaining, 'toman'):,} تومان مانده")


def test_every_placeholder_in_persian_help_is_persian():
    """The words in capitals after an option (``--limit LIMIT``) and a positional's name
    (``restore file``) are words the owner reads: Persian in Persian help."""
    import argparse

    from shopcrm.cli import build_parser

    parser = build_parser(["--help"], "fa")
    persian = re.compile(r"[\u0621-\u06cc]")
    english: list[str] = []

    def walk(p: argparse.ArgumentParser, where: str) -> None:
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, f"{where} {name}")
                continue
            if action.nargs == 0 or action.choices:
                continue  # a flag, or a list of values to type as they are
            shown = action.metavar or (action.dest.upper() if action.option_strings
                                       else action.dest)
            if not persian.search(str(shown)):
                english.append(f"{where} {'/'.join(action.option_strings) or action.dest}: "
                               f"{shown}")

    walk(parser, "shopcrm")
    assert not english, "add these to METAVARS_FA in shopcrm/cli/help_fa.py:\n" + \
        "\n".join(english)
    usage = parser.format_help()
    assert "--db نشانی" in usage

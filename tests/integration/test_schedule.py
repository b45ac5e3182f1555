"""``shopcrm schedule install|remove|status``: the systemd user timer and the crontab line
written on Linux into a temporary HOME (checked with ``systemd-analyze verify`` when the
machine has it), and the Windows (schtasks) and macOS (launchd) forms tested as text."""

from __future__ import annotations

import json
import plistlib
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from shopcrm.errors import InvalidInput
from shopcrm.services.today import schedule as sch

ARGV = ["/opt/shop crm/bin/python", "-m", "shopcrm", "daily", "--yes", "--db",
        "sqlite:////home/نگار/book 1.sqlite3"]


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))
    return tmp_path / "home"


def test_systemd_texts():
    units = sch.systemd_units(ARGV, "۰۹:۳۰", {"SHOPCRM_LANG": "fa"})
    service, timer = units["shopcrm-daily.service"], units["shopcrm-daily.timer"]
    assert ('ExecStart="/opt/shop crm/bin/python" -m shopcrm daily --yes --db '
            '"sqlite:////home/نگار/book 1.sqlite3"') in service
    assert "Type=oneshot" in service and "Environment=SHOPCRM_LANG=fa" in service
    assert "OnCalendar=*-*-* 09:30:00" in timer and "Persistent=true" in timer
    assert "WantedBy=timers.target" in timer


def test_crontab_line_runs_the_same_command():
    line = sch.crontab_line(ARGV, "7:05", "/tmp/daily log.txt")
    minute, hour, *when = line.split()[:5]
    assert (minute, hour, when) == ("5", "7", ["*", "*", "*"])
    assert line.endswith("# shopcrm-daily")
    command = line.split(" ", 5)[5].rsplit(" >> ", 1)[0]
    assert shlex.split(command) == ARGV


def test_windows_task_scheduler_command():
    argv = [r"C:\Program Files\ShopCRM\python.exe", "-m", "shopcrm", "daily", "--yes"]
    assert sch.schtasks_create(argv, "09:00") == [
        "schtasks", "/Create", "/TN", "ShopCRM daily", "/TR",
        r'"C:\Program Files\ShopCRM\python.exe" -m shopcrm daily --yes', "/SC", "DAILY",
        "/ST", "09:00", "/F"]
    assert sch.schtasks_delete() == ["schtasks", "/Delete", "/TN", "ShopCRM daily", "/F"]


def test_macos_launchd_plist():
    data = plistlib.loads(sch.launchd_plist(ARGV, "21:45", "/tmp/daily.log").encode())
    assert data["Label"] == "ir.shopcrm.daily"
    assert data["ProgramArguments"] == ARGV
    assert data["StartCalendarInterval"] == {"Hour": 21, "Minute": 45}
    assert data["StandardOutPath"] == "/tmp/daily.log"


@pytest.mark.parametrize("bad", ["25:00", "9", "ساعت ۹", ""])
def test_a_bad_time_is_one_clear_error(bad):
    with pytest.raises(InvalidInput):
        sch.parse_time(bad)


def test_default_backend_by_platform():
    assert sch.default_backend("win32") == "schtasks"
    assert sch.default_backend("darwin") == "launchd"
    assert sch.default_backend("linux") in ("systemd", "cron")


def test_install_status_remove_systemd_user_timer(home, run_cli):
    code, out, err = run_cli("schedule", "install", "--backend", "systemd", "--time", "08:15",
                             "--no-activate", "--json", "--db", "sqlite:////tmp/b.sqlite3")
    assert code == 0, err
    state = json.loads(out)
    folder = home / ".config" / "systemd" / "user"
    assert state["installed"] and state["time"] == "08:15"
    assert sorted(Path(f).name for f in state["files"]) == ["shopcrm-daily.service",
                                                           "shopcrm-daily.timer"]
    service = (folder / "shopcrm-daily.service").read_text()
    assert f"ExecStart={sys.executable} -m shopcrm daily --yes --db " \
           "sqlite:////tmp/b.sqlite3" in service
    if shutil.which("systemd-analyze"):
        done = subprocess.run(["systemd-analyze", "verify", str(folder / "shopcrm-daily.timer"),
                               str(folder / "shopcrm-daily.service")],
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr

    code, out, _ = run_cli("schedule", "status", "--backend", "systemd")
    assert code == 0 and "every day at 08:15" in out
    code, out, _ = run_cli("schedule", "remove", "--backend", "systemd")
    assert code == 0 and not (folder / "shopcrm-daily.timer").exists()
    code, out, _ = run_cli("schedule", "status", "--backend", "systemd", "--json")
    assert json.loads(out)["installed"] is False


def test_install_and_remove_the_crontab_line(home, tmp_path, monkeypatch, run_cli):
    """A ``crontab`` on PATH that keeps the table in a file (``-l`` prints it, ``-``
    replaces it), so the user's real crontab is never touched."""
    bin_dir, table = tmp_path / "bin", tmp_path / "crontab.txt"
    bin_dir.mkdir()
    table.write_text("MAILTO=owner\n30 2 * * * /usr/bin/true # mine\n")
    fake = bin_dir / "crontab"
    fake.write_text(f'#!/bin/sh\nif [ "$1" = "-l" ]; then cat {table}; '
                    f'elif [ "$1" = "-" ]; then cat > {table}; else exit 2; fi\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")

    code, out, err = run_cli("schedule", "install", "--backend", "cron", "--time", "09:00")
    assert code == 0, err
    code, out, err = run_cli("schedule", "install", "--backend", "cron", "--time", "10:00")
    lines = table.read_text().splitlines()
    assert lines[:2] == ["MAILTO=owner", "30 2 * * * /usr/bin/true # mine"]
    ours = [line for line in lines if line.endswith("# shopcrm-daily")]
    assert len(ours) == 1 and ours[0].startswith("0 10 * * * ")
    assert f"{sys.executable} -m shopcrm daily --yes" in ours[0]
    code, out, _ = run_cli("schedule", "status", "--backend", "cron")
    assert "every day at 10:00" in out
    code, out, _ = run_cli("schedule", "remove", "--backend", "cron")
    assert table.read_text().splitlines() == lines[:2]


def test_bad_time_on_the_command_line(home, run_cli):
    code, _out, err = run_cli("schedule", "install", "--backend", "systemd", "--time", "26:00",
                             "--no-activate", "--lang", "fa")
    assert code == 1 and "Traceback" not in err
    assert err.strip() == "ساعت اجرای روزانه «26:00» خوانده نشد؛ مثل ۰۹:۰۰ بنویسید."
    code, _out, err = run_cli("schedule", "install", "--backend", "systemd", "--time", "26:00",
                             "--no-activate", "--lang", "en")
    assert code == 1 and "The daily run's time '26:00' cannot be read" in err


def _persian_only(text: str, *names: str) -> bool:
    """Persian words, and no Latin word but the names given (commands the owner may look up)."""
    import re

    latin = set(re.findall(r"[A-Za-z]{2,}", text)) - set(names)
    return not latin and any("\u0600" <= c <= "\u06ff" for c in text)


def test_the_schedulers_errors_are_worded_for_the_owner(home, tmp_path, monkeypatch):
    """No crontab, a crontab that refuses, a bad time, an unknown scheduler: one sentence
    each in the owner's language (they reached the owner in English before)."""
    from shopcrm.error_text import describe

    empty = tmp_path / "empty-bin"
    empty.mkdir()
    with pytest.raises(InvalidInput) as missing:
        sch.install("cron", ARGV, "09:00", env={"PATH": str(empty), "HOME": str(home)})
    assert _persian_only(describe(missing.value, "fa"), "crontab")
    assert describe(missing.value, "en") == ("The crontab command is not installed on this "
                                             "computer, so the daily run was not registered "
                                             "with it.")

    refusing = tmp_path / "bin"
    refusing.mkdir()
    (refusing / "crontab").write_text('#!/bin/sh\n[ "$1" = "-l" ] && exit 1\n'
                                      'echo "crontab: your table is locked" >&2; exit 1\n')
    (refusing / "crontab").chmod(0o755)
    env = {"PATH": f"{refusing}:/usr/bin:/bin", "HOME": str(home)}
    with pytest.raises(InvalidInput) as refused:
        sch.install("cron", ARGV, "09:00", env=env)
    fa = describe(refused.value, "fa")
    assert fa.startswith("«crontab» اجرای روزانه را نپذیرفت.") and "is locked" in fa

    with pytest.raises(InvalidInput) as bad_time:
        sch.parse_time("ساعت ۹")
    with pytest.raises(InvalidInput) as unknown:
        sch.status("at")
    for error in (bad_time, unknown):
        assert _persian_only(describe(error.value, "fa").split("«")[0])
        assert error.value.code.startswith("schedule_")


def test_a_database_password_never_goes_into_the_schedulers_files():
    argv = sch.daily_argv("postgresql+psycopg://shop:s3cret@db.local:5432/book")
    assert argv[-1] == "postgresql+psycopg://shop@db.local:5432/book"
    assert "s3cret" not in " ".join(argv)
    assert sch.daily_argv("sqlite:////home/x/book.sqlite3")[-1] == "sqlite:////home/x/book.sqlite3"


def test_windows_task_scheduler_xml_catches_up_a_missed_day():
    import xml.etree.ElementTree as ET

    argv = [r"C:\Program Files\ShopCRM\python.exe", "-m", "shopcrm", "daily", "--yes",
            "--db", "sqlite:///C:/Users/نگار/book & co.sqlite3"]
    text = sch.schtasks_xml(argv, "۰۸:۴۵")
    ns = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}
    root = ET.fromstring(text.split("\n", 1)[1])  # the declaration names UTF-16
    assert root.find("t:Triggers/t:CalendarTrigger/t:StartBoundary", ns).text.endswith(
        "T08:45:00")
    assert root.find("t:Triggers/t:CalendarTrigger/t:ScheduleByDay/t:DaysInterval",
                     ns).text == "1"
    assert root.find("t:Settings/t:StartWhenAvailable", ns).text == "true"
    assert root.find("t:Actions/t:Exec/t:Command", ns).text == argv[0]
    assert root.find("t:Actions/t:Exec/t:Arguments", ns).text == (
        '-m shopcrm daily --yes --db "sqlite:///C:/Users/نگار/book & co.sqlite3"')

"""Register ``shopcrm daily --yes`` with the user's own scheduler, once a day.

- **Linux**: a systemd *user* timer (``~/.config/systemd/user/shopcrm-daily.{service,timer}``,
  ``Persistent=true`` so a day the computer was off is caught up at the next start), or,
  when the user's systemd is not running, one crontab line marked ``# shopcrm-daily``;
- **Windows**: a Task Scheduler task ``ShopCRM daily`` (XML with ``StartWhenAvailable``,
  registered by ``schtasks /Create /XML``; the plain command-line form is kept too);
- **macOS**: a launchd agent ``~/Library/LaunchAgents/ir.shopcrm.daily.plist``.

The texts are built by pure functions (tested as text on every system); ``install``,
``remove`` and ``status`` write them and call the scheduler's own tool. Nothing here needs
administrator rights.
"""

from __future__ import annotations

import os
import plistlib
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from shopcrm.errors import InvalidInput

UNIT = "shopcrm-daily"
TASK = "ShopCRM daily"
LABEL = "ir.shopcrm.daily"
CRON_MARK = "# shopcrm-daily"
BACKENDS = ("systemd", "cron", "schtasks", "launchd")
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass
class ScheduleState:
    backend: str
    installed: bool
    time: str | None = None
    files: list[str] = field(default_factory=list)
    active: bool | None = None  # the scheduler knows it (None: could not ask)
    note: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def parse_time(text: str) -> tuple[int, int]:
    from shopcrm.domain.text import fold_digits

    match = _TIME.match(fold_digits(str(text)).strip())
    if not match:
        raise InvalidInput("schedule_bad_time", value=str(text))
    return int(match.group(1)), int(match.group(2))


def daily_argv(db_url: str | None = None, python: str | None = None) -> list[str]:
    """The command the scheduler runs: this Python, ``-m shopcrm daily --yes``.

    A password in the database URL is left out (the scheduler's files are plain text):
    PostgreSQL then takes it from ``~/.pgpass`` or ``PGPASSWORD`` as usual."""
    argv = [python or sys.executable, "-m", "shopcrm", "daily", "--yes"]
    if db_url:
        argv += ["--db", without_password(db_url)]
    return argv


def without_password(db_url: str) -> str:
    from sqlalchemy.engine import make_url

    url = make_url(db_url)
    if url.password is None:
        return db_url
    return url._replace(password=None).render_as_string(hide_password=False)


# -- the texts ---------------------------------------------------------------------------


def _systemd_quote(arg: str) -> str:
    if re.fullmatch(r"[A-Za-z0-9_@%+=:,./-]+", arg):
        return arg
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%")
    return f'"{escaped}"'


def systemd_units(argv: Sequence[str], time: str,
                  env: Mapping[str, str] | None = None) -> dict[str, str]:
    """``{file name: text}`` of the service and its timer."""
    hour, minute = parse_time(time)
    lines = ["[Unit]", "Description=ShopCRM daily run (unfinished campaigns, delivery "
             "statuses, birthdays, backup)", "", "[Service]", "Type=oneshot",
             "ExecStart=" + " ".join(_systemd_quote(a) for a in argv)]
    for key, value in sorted((env or {}).items()):
        lines.append(f"Environment={_systemd_quote(f'{key}={value}')}")
    service = "\n".join(lines) + "\n"
    timer = "\n".join([
        "[Unit]", f"Description=Run ShopCRM's daily work every day at {hour:02d}:{minute:02d}",
        "", "[Timer]", f"OnCalendar=*-*-* {hour:02d}:{minute:02d}:00", "Persistent=true",
        f"Unit={UNIT}.service", "", "[Install]", "WantedBy=timers.target", ""])
    return {f"{UNIT}.service": service, f"{UNIT}.timer": timer}


def crontab_line(argv: Sequence[str], time: str, log: str | None = None) -> str:
    hour, minute = parse_time(time)
    command = " ".join(shlex.quote(a) for a in argv).replace("%", "\\%")
    if log:
        command += f" >> {shlex.quote(log)} 2>&1"
    return f"{minute} {hour} * * * {command} {CRON_MARK}"


def _windows_quote(arg: str) -> str:
    return f'"{arg}"' if (" " in arg or not arg) else arg


def schtasks_create(argv: Sequence[str], time: str) -> list[str]:
    """``schtasks /Create`` for a daily task of the current user (the command-line form)."""
    hour, minute = parse_time(time)
    run = " ".join(_windows_quote(a) for a in argv)
    return ["schtasks", "/Create", "/TN", TASK, "/TR", run, "/SC", "DAILY",
            "/ST", f"{hour:02d}:{minute:02d}", "/F"]


def schtasks_xml(argv: Sequence[str], time: str) -> str:
    """The same task as Task Scheduler XML, with ``StartWhenAvailable`` (a day the
    computer was off is run at the next start, like systemd's ``Persistent=true``).
    ``install`` registers it with ``schtasks /Create /TN ... /XML FILE /F``."""
    from xml.sax.saxutils import escape

    hour, minute = parse_time(time)
    arguments = " ".join(_windows_quote(a) for a in argv[1:])
    return f"""<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo><Description>ShopCRM daily run</Description></RegistrationInfo>
  <Triggers>
    <CalendarTrigger>
      <StartBoundary>2024-01-01T{hour:02d}:{minute:02d}:00</StartBoundary>
      <ScheduleByDay><DaysInterval>1</DaysInterval></ScheduleByDay>
    </CalendarTrigger>
  </Triggers>
  <Principals><Principal id="Author"><LogonType>InteractiveToken</LogonType>
    <RunLevel>LeastPrivilege</RunLevel></Principal></Principals>
  <Settings>
    <StartWhenAvailable>true</StartWhenAvailable>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <ExecutionTimeLimit>PT2H</ExecutionTimeLimit>
  </Settings>
  <Actions Context="Author">
    <Exec><Command>{escape(argv[0])}</Command><Arguments>{escape(arguments)}</Arguments></Exec>
  </Actions>
</Task>
"""


def schtasks_delete() -> list[str]:
    return ["schtasks", "/Delete", "/TN", TASK, "/F"]


def launchd_plist(argv: Sequence[str], time: str, log: str | None = None) -> str:
    hour, minute = parse_time(time)
    data: dict[str, Any] = {"Label": LABEL, "ProgramArguments": list(argv),
                            "StartCalendarInterval": {"Hour": hour, "Minute": minute},
                            "RunAtLoad": False}
    if log:
        data["StandardOutPath"] = log
        data["StandardErrorPath"] = log
    return plistlib.dumps(data).decode()


# -- where things go -------------------------------------------------------------------


def systemd_dir(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    base = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME") or Path.home()) / ".config")
    return Path(base) / "systemd" / "user"


def launchd_path(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    return Path(env.get("HOME") or Path.home()) / "Library" / "LaunchAgents" / f"{LABEL}.plist"


def default_backend(platform: str | None = None,
                    env: Mapping[str, str] | None = None) -> str:
    platform = platform or sys.platform
    if platform.startswith("win"):
        return "schtasks"
    if platform == "darwin":
        return "launchd"
    return "systemd" if systemd_user_running(env) else "cron"


def _run(argv: Sequence[str], env: Mapping[str, str] | None = None,
         stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(argv), input=stdin, capture_output=True, text=True,
                          timeout=30, env=dict(env) if env is not None else None, check=False)


def systemd_user_running(env: Mapping[str, str] | None = None) -> bool:
    if shutil.which("systemctl") is None:
        return False
    try:
        return _run(["systemctl", "--user", "is-system-running"], env).stdout.strip() in (
            "running", "degraded", "starting")
    except (OSError, subprocess.SubprocessError):
        return False


# -- install, remove, status -------------------------------------------------------------


def install(backend: str, argv: Sequence[str], time: str, *, log: str | None = None,
            env: Mapping[str, str] | None = None, activate: bool = True) -> ScheduleState:
    """Register the daily run; replaces an earlier registration of the same backend."""
    _check(backend)
    parse_time(time)
    if backend == "systemd":
        folder = systemd_dir(env)
        folder.mkdir(parents=True, exist_ok=True)
        files = []
        for name, text in systemd_units(argv, time, _passed_env(env)).items():
            (folder / name).write_text(text, encoding="utf-8")
            files.append(str(folder / name))
        state = ScheduleState("systemd", True, time, files)
        if activate and systemd_user_running(env):
            _run(["systemctl", "--user", "daemon-reload"], env)
            done = _run(["systemctl", "--user", "enable", "--now", f"{UNIT}.timer"], env)
            state.active = done.returncode == 0
            state.note = done.stderr.strip() or None
        else:
            state.note = "systemd_user_not_running"
        return state
    if backend == "cron":
        lines = [line for line in _crontab_lines(env) if CRON_MARK not in line]
        lines.append(crontab_line(argv, time, log))
        _write_crontab(lines, env)
        return ScheduleState("cron", True, time, active=True)
    if backend == "launchd":
        path = launchd_path(env)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(launchd_plist(argv, time, log), encoding="utf-8")
        state = ScheduleState("launchd", True, time, [str(path)])
        if activate and shutil.which("launchctl"):
            _run(["launchctl", "unload", str(path)], env)
            state.active = _run(["launchctl", "load", "-w", str(path)], env).returncode == 0
        return state
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        xml = Path(tmp) / "shopcrm-daily.xml"
        xml.write_text(schtasks_xml(argv, time), encoding="utf-16")
        done = _run(["schtasks", "/Create", "/TN", TASK, "/XML", str(xml), "/F"], env)
    if done.returncode != 0:
        raise InvalidInput("schedule_tool_failed", tool="schtasks", detail=done.stderr.strip())
    return ScheduleState("schtasks", True, time, active=True)


def remove(backend: str, *, env: Mapping[str, str] | None = None) -> ScheduleState:
    _check(backend)
    if backend == "systemd":
        if systemd_user_running(env):
            _run(["systemctl", "--user", "disable", "--now", f"{UNIT}.timer"], env)
        for name in (f"{UNIT}.service", f"{UNIT}.timer"):
            (systemd_dir(env) / name).unlink(missing_ok=True)
        if systemd_user_running(env):
            _run(["systemctl", "--user", "daemon-reload"], env)
    elif backend == "cron":
        lines = _crontab_lines(env)
        if any(CRON_MARK in line for line in lines):
            _write_crontab([line for line in lines if CRON_MARK not in line], env)
    elif backend == "launchd":
        path = launchd_path(env)
        if path.exists() and shutil.which("launchctl"):
            _run(["launchctl", "unload", "-w", str(path)], env)
        path.unlink(missing_ok=True)
    else:
        _run(schtasks_delete(), env)
    return ScheduleState(backend, False)


def status(backend: str, *, env: Mapping[str, str] | None = None) -> ScheduleState:
    _check(backend)
    if backend == "systemd":
        timer = systemd_dir(env) / f"{UNIT}.timer"
        if not timer.exists():
            return ScheduleState("systemd", False)
        found = re.search(r"OnCalendar=\*-\*-\* (\d\d:\d\d)", timer.read_text(encoding="utf-8"))
        state = ScheduleState("systemd", True, found.group(1) if found else None,
                              [str(timer), str(timer.with_suffix(".service"))])
        if systemd_user_running(env):
            state.active = _run(["systemctl", "--user", "is-enabled", f"{UNIT}.timer"],
                                env).stdout.strip() == "enabled"
        return state
    if backend == "cron":
        line = next((x for x in _crontab_lines(env) if CRON_MARK in x), None)
        if line is None:
            return ScheduleState("cron", False)
        minute, hour = line.split()[:2]
        return ScheduleState("cron", True, f"{int(hour):02d}:{int(minute):02d}", active=True)
    if backend == "launchd":
        path = launchd_path(env)
        if not path.exists():
            return ScheduleState("launchd", False)
        data = plistlib.loads(path.read_bytes())
        at = data.get("StartCalendarInterval", {})
        return ScheduleState("launchd", True, f"{at.get('Hour', 0):02d}:{at.get('Minute', 0):02d}",
                             [str(path)])
    done = _run(["schtasks", "/Query", "/TN", TASK], env)
    return ScheduleState("schtasks", done.returncode == 0)


def _check(backend: str) -> None:
    if backend not in BACKENDS:
        raise InvalidInput("schedule_unknown_backend", value=str(backend),
                           known=", ".join(BACKENDS))


def _passed_env(env: Mapping[str, str] | None) -> dict[str, str]:
    """Settings the scheduled run must see as the command line did (SHOPCRM_* but secrets:
    those stay in the keyring)."""
    env = os.environ if env is None else env
    keep = ("SHOPCRM_CONFIG_DIR", "SHOPCRM_DATA_DIR", "SHOPCRM_LOG_DIR", "SHOPCRM_LANG")
    return {k: env[k] for k in keep if env.get(k)}


def _crontab_lines(env: Mapping[str, str] | None) -> list[str]:
    if shutil.which("crontab", path=(env or os.environ).get("PATH")) is None:
        raise InvalidInput("schedule_tool_missing", tool="crontab")
    done = _run(["crontab", "-l"], env)
    return done.stdout.splitlines() if done.returncode == 0 else []


def _write_crontab(lines: list[str], env: Mapping[str, str] | None) -> None:
    done = _run(["crontab", "-"], env, stdin="\n".join(lines) + "\n")
    if done.returncode != 0:
        raise InvalidInput("schedule_tool_failed", tool="crontab", detail=done.stderr.strip())

"""``app.py --self-test``, ``app.py --cli`` and the start-up probe, each in a new process.

The self-test must pass here, print one line per check, and leave the owner's folders
alone; start-up must not import matplotlib, openpyxl or calamine before the main window
has painted (they load on first use); ``--cli`` must not even import Qt.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui.launch import is_cli_executable

REPO = Path(__file__).resolve().parents[2]
APP = REPO / "app.py"
EXPECTED_CHECKS = ("program", "temporary home", "resources", "book and migrations",
                   "demo book", "Qt", "font", "Persian translation", "main window",
                   "start-up stays light", "chart", "Excel", "SMS", "command line")

pytestmark = pytest.mark.slow


def owner_env(tmp_path: Path) -> dict[str, str]:
    """An environment whose 'real' folders are under tmp_path/owner (to prove untouched)."""
    owner = tmp_path / "owner"
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("SHOPCRM_") and k not in ("QT_QPA_PLATFORM", "DISPLAY",
                                                        "WAYLAND_DISPLAY")}
    env.update({
        "HOME": str(owner / "home"),
        "XDG_DATA_HOME": str(owner / "xdg-data"),
        "XDG_CONFIG_HOME": str(owner / "xdg-config"),
        "XDG_STATE_HOME": str(owner / "xdg-state"),
        "SHOPCRM_DATA_DIR": str(owner / "data"),
        "SHOPCRM_CONFIG_DIR": str(owner / "config"),
        "SHOPCRM_LOG_DIR": str(owner / "log"),
        "SHOPCRM_DB": f"sqlite:///{owner / 'data' / 'real-book.sqlite3'}",
        "TMPDIR": str(tmp_path / "tmp"),
    })
    (tmp_path / "tmp").mkdir()
    return env


def touched(tmp_path: Path) -> list[str]:
    """ShopCRM's files under the owner's folders (fontconfig caches do not count)."""
    owner = tmp_path / "owner"
    if not owner.exists():
        return []
    return sorted(str(p.relative_to(owner)) for p in owner.rglob("*")
                  if p.is_file() and "fontconfig" not in p.parts and ".cache" not in p.parts)


def test_self_test_passes_and_leaves_the_owners_folders_alone(tmp_path: Path) -> None:
    env = owner_env(tmp_path)  # no display and no QT_QPA_PLATFORM: it picks offscreen itself
    proc = subprocess.run([sys.executable, str(APP), "--self-test"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=600)
    out = proc.stdout
    assert proc.returncode == 0, out + proc.stderr
    lines = [line for line in out.splitlines() if line.startswith(("ok ", "FAILED "))]
    names = [line.split(None, 1)[1].split(":", 1)[0] for line in lines]
    assert tuple(names) == EXPECTED_CHECKS, out
    assert all(line.startswith("ok ") for line in lines), out
    assert "(Qt platform: offscreen)" in out
    assert "self-test passed: 14 passed, 0 failed" in out
    assert touched(tmp_path) == [], "the self-test wrote into the owner's folders"
    leftovers = [p.name for p in (tmp_path / "tmp").iterdir() if "shopcrm" in p.name.lower()]
    assert leftovers == [], f"temporary folder left behind: {leftovers}"


FAIL_ONE = """
import sys
sys.path.insert(0, sys.argv[1])
from shopcrm import self_test_core as core

def broken(*args, **kwargs):
    raise RuntimeError("the gateway is broken on purpose")

core.send_test_sms = broken
from ui.self_test import main
sys.exit(main(["--self-test"]))
"""


def test_a_failed_check_fails_the_self_test(tmp_path: Path) -> None:
    env = owner_env(tmp_path)
    proc = subprocess.run([sys.executable, "-c", FAIL_ONE, str(REPO)], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "FAILED  SMS: RuntimeError: the gateway is broken on purpose" in proc.stdout
    assert "self-test FAILED: 13 passed, 1 failed" in proc.stdout
    assert "the temporary folder is kept:" in proc.stdout


def make_book(tmp_path: Path, env: dict[str, str], customers: int) -> str:
    url = f"sqlite:///{tmp_path / 'book.sqlite3'}"
    subprocess.run([sys.executable, "-m", "shopcrm", "--db", url, "demo", "--customers",
                    str(customers)], env=env, cwd=REPO, check=True, capture_output=True,
                   timeout=300)
    return url


def test_start_up_paints_the_window_before_loading_heavy_modules(tmp_path: Path) -> None:
    env = owner_env(tmp_path)
    env["SHOPCRM_DB"] = make_book(tmp_path, env, 200)
    env.update({"QT_QPA_PLATFORM": "offscreen", "SHOPCRM_EXIT_AFTER_FIRST_PAINT": "1",
                "SHOPCRM_SECRETS_STORE": "file"})
    proc = subprocess.run([sys.executable, str(APP)], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    marks = [line for line in proc.stdout.splitlines()
             if line.startswith("SHOPCRM_FIRST_PAINT ")]
    assert len(marks) == 1, proc.stdout + proc.stderr
    report = json.loads(marks[0].split(" ", 1)[1])
    assert report["heavy_modules_loaded"] == [], report
    assert report["first_paint_ms"] > 0
    assert report["filled_ms"] is not None and report["filled_ms"] >= report["first_paint_ms"]


CLI_WITHOUT_QT = """
import sys
sys.path.insert(0, sys.argv[1])
import app
code = app.main(["--cli", *sys.argv[2:]])
print("QT LOADED" if "PySide6" in sys.modules else "NO QT", file=sys.stderr)
sys.exit(code)
"""


def test_cli_runs_the_shopcrm_command_without_qt(tmp_path: Path) -> None:
    env = owner_env(tmp_path)
    url = make_book(tmp_path, env, 20)
    proc = subprocess.run([sys.executable, "-c", CLI_WITHOUT_QT, str(REPO), "--db", url,
                           "customers", "--limit", "5", "--json"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)) == 5
    assert proc.stderr.strip().endswith("NO QT"), proc.stderr


def test_the_console_twin_is_the_shopcrm_command() -> None:
    assert is_cli_executable("/opt/ShopCRM/shopcrm-cli")
    assert is_cli_executable(r"C:\Program Files\ShopCRM\shopcrm-cli.exe")
    assert not is_cli_executable("/opt/ShopCRM/ShopCRM")
    assert not is_cli_executable(r"C:\Program Files\ShopCRM\ShopCRM.exe")
    assert not is_cli_executable()  # from source: never

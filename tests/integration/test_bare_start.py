"""README's run command on a clean clone reaches the first paint on Qt's real xcb platform.

The owner's first command is ``bash scripts/run.sh``. Here it runs in a fresh ``git clone``
of this checkout's HEAD (so what is tested is what is committed), with QT_QPA_PLATFORM
unset (Qt's default on Linux: xcb) against an Xvfb this test starts itself. The app prints
one line when its main window has painted (``SHOPCRM_EXIT_AFTER_FIRST_PAINT``) and saves a
screenshot read back from the X server, which must not be blank.

run.sh installs the system libraries Qt's xcb plugin loads (``install_system_deps.sh
--run``); on a machine that has them it says "all present" and touches nothing. To stay
fast it reuses the virtual environment pytest runs in (``SHOPCRM_VENV``) when
scripts/test.sh installed it from the same pyproject.toml, so pip does not run a second
time; otherwise (in CI) the clone gets its own ``.venv`` as an owner's would.

Never skipped in CI; outside CI it skips only without Xvfb or git. The missing-library
case is proven on the probe itself (a linker cache without libxcb-cursor, and the list of
libraries checked against what the installed PySide6 asks for).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import REPO_ROOT, in_ci
from support.elf import needed

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="xcb is Linux's platform"),
]

MARK = "SHOPCRM_FIRST_PAINT "
DEPS = REPO_ROOT / "scripts" / "install_system_deps.sh"
# C and C++ runtime libraries: part of every Linux system, never installed by the script.
BASE_LIBS = {"libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1", "libdl.so.2",
             "libpthread.so.0", "librt.so.1", "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1"}


def _require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} is not installed (bash scripts/install_system_deps.sh installs it)"
        if in_ci():
            pytest.fail(f"CI is set: {message}", pytrace=False)
        pytest.skip(message)
    return path


@pytest.fixture
def xvfb(tmp_path: Path) -> Iterator[str]:
    """A private X server; yields its DISPLAY."""
    binary = _require("Xvfb")
    read, write = os.pipe()
    proc = subprocess.Popen(
        [binary, "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=(tmp_path / "xvfb.log").open("w"),
        start_new_session=True)
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            log = (tmp_path / "xvfb.log").read_text(errors="replace")
            pytest.fail(f"Xvfb did not start: {log[-1000:]}", pytrace=False)
        yield f":{number}"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def _venv_for(clone: Path) -> str | None:
    """This venv, when scripts/test.sh (or run.sh) installed it from the same pyproject."""
    want = hashlib.sha256((clone / "pyproject.toml").read_bytes()).hexdigest()
    venv = Path(sys.prefix)
    for stamp in (".shopcrm-install-test", ".shopcrm-install-run"):
        path = venv / stamp
        if path.is_file() and path.read_text().strip() == want:
            return str(venv)
    return None


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("SHOPCRM_") and k not in ("QT_QPA_PLATFORM", "DISPLAY",
                                                          "WAYLAND_DISPLAY")}
    for kind in ("DATA", "CONFIG", "LOG"):
        env[f"SHOPCRM_{kind}_DIR"] = str(tmp_path / "owner" / kind.lower())
    env["SHOPCRM_SECRETS_STORE"] = "file"
    env["MPLCONFIGDIR"] = str(tmp_path / "mpl")
    env["XDG_RUNTIME_DIR"] = str(tmp_path / "runtime")
    (tmp_path / "runtime").mkdir(mode=0o700, exist_ok=True)
    env.update(extra)
    return env


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    git = _require("git")
    target = tmp_path / "clone"
    subprocess.run([git, "clone", "--quiet", "--no-hardlinks", str(REPO_ROOT), str(target)],
                   check=True, capture_output=True, timeout=300)
    return target


@pytest.mark.timeout(1500)
def test_readme_run_command_paints_the_window_on_xcb_from_a_clean_clone(
        tmp_path: Path, clone: Path, xvfb: str) -> None:
    shot = tmp_path / "first-paint.png"
    extra = {"DISPLAY": xvfb, "SHOPCRM_EXIT_AFTER_FIRST_PAINT": "1",
             "SHOPCRM_FIRST_PAINT_SCREENSHOT": str(shot)}
    venv = _venv_for(clone)
    if venv is not None:
        extra["SHOPCRM_VENV"] = venv
    elif not in_ci():
        pytest.skip("the test venv was not installed by scripts/test.sh from this "
                    "pyproject.toml; run.sh would install the app from PyPI")
    result = subprocess.run(["bash", "scripts/run.sh"], cwd=clone, env=_env(tmp_path, **extra),
                            capture_output=True, text=True, timeout=1400)
    said = f"exit {result.returncode}\nstdout:\n{result.stdout[-3000:]}\n" \
           f"stderr:\n{result.stderr[-3000:]}"
    assert result.returncode == 0, said
    lines = [line for line in result.stdout.splitlines() if line.startswith(MARK)]
    assert lines, said
    report = json.loads(lines[0][len(MARK):])
    assert report["platform"] == "xcb", said
    assert "no Qt platform plugin" not in result.stderr
    if venv is not None:  # the reused environment is not installed into a second time
        assert "installing ShopCRM" not in result.stdout, said
    assert "system deps (run)" in result.stdout, said  # the run profile was asked

    # the screen as the X server shows it: the window, not a black or empty frame
    assert report.get("screenshot") == str(shot), said
    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert not image.isNull() and (image.width(), image.height()) == (1366, 768)
    small = image.scaled(160, 90)
    colours = {small.pixel(x, y) for x in range(small.width()) for y in range(small.height())}
    assert len(colours) >= 8, f"the screen looks blank ({len(colours)} colours)"
    keep = os.environ.get("SHOPCRM_TEST_KEEP_SCREENSHOT")
    if keep:
        shutil.copyfile(shot, keep)


def test_run_sh_refuses_an_old_python_with_one_sentence_in_both_languages(
        tmp_path: Path) -> None:
    fake = tmp_path / "python3.9"
    fake.write_text('#!/bin/sh\ncase "$2" in *print*) echo 3.9 ;; *) exit 1 ;; esac\n')
    fake.chmod(0o755)
    venv = tmp_path / "venv"
    result = subprocess.run(
        ["bash", str(REPO_ROOT / "scripts" / "run.sh")], cwd=tmp_path,
        env=_env(tmp_path, PYTHON=str(fake), SHOPCRM_VENV=str(venv)),
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "ShopCRM needs Python 3.11 or newer" in result.stderr
    assert "Python 3.9" in result.stderr
    assert "ShopCRM به Python 3.11 یا جدیدتر نیاز دارد" in result.stderr
    assert "Traceback" not in result.stderr
    # it stopped before anything else: no system packages, no venv, no app
    assert "system deps" not in result.stdout
    assert not venv.exists()


def _fake_ldconfig(tmp_path: Path, drop: str) -> dict[str, str]:
    """PATH with an ``ldconfig`` that reports the real cache without ``drop``."""
    real = shutil.which("ldconfig") or "/sbin/ldconfig"
    cache = subprocess.run([real, "-p"], capture_output=True, text=True).stdout
    kept = "\n".join(line for line in cache.splitlines() if drop not in line)
    bindir = tmp_path / "bin"
    bindir.mkdir(exist_ok=True)
    (bindir / "cache.txt").write_text(kept + "\n")
    script = bindir / "ldconfig"
    script.write_text(f"#!/bin/sh\ncat '{bindir / 'cache.txt'}'\n")
    script.chmod(0o755)
    return _env(tmp_path, PATH=f"{bindir}:{os.environ.get('PATH', '')}")


def test_the_run_probe_notices_a_missing_libxcb_cursor(tmp_path: Path) -> None:
    if not Path(shutil.which("ldconfig") or "/sbin/ldconfig").exists():
        pytest.skip("no ldconfig")
    present = subprocess.run(["bash", str(DEPS), "--run", "--check"], env=_env(tmp_path),
                             capture_output=True, text=True, timeout=60)
    if present.returncode != 0 and not in_ci():
        pytest.skip(f"this machine lacks some of the app's libraries: {present.stdout}")
    assert present.returncode == 0, present.stdout + present.stderr

    result = subprocess.run(["bash", str(DEPS), "--run", "--check"],
                            env=_fake_ldconfig(tmp_path, "libxcb-cursor.so.0"),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.strip() == "system deps (run): missing libxcb-cursor0"


def test_the_run_profile_is_the_apps_libraries_not_the_tests(tmp_path: Path) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    (empty / "ldconfig").write_text("#!/bin/sh\nexit 0\n")  # a linker cache with nothing
    (empty / "ldconfig").chmod(0o755)
    env = _env(tmp_path, PATH=f"{empty}:{os.environ.get('PATH', '')}")
    run = subprocess.run(["bash", str(DEPS), "--run", "--check"], env=env,
                         capture_output=True, text=True, timeout=60).stdout.split()
    assert "libxcb-cursor0" in run and "libegl1" in run
    assert len(run) == len(set(run))  # a package named once, however many probes it has
    script = DEPS.read_text()
    run_block = script[script.index("run_needs=("):script.index("test_needs=(")]
    test_block = script[script.index("test_needs=("):script.index("needs=(\"${run_needs")]
    for test_only in ("postgresql", "xvfb", "xauth"):
        assert test_only not in run
        assert f'"{test_only}|' not in run_block and f'"{test_only}|' in test_block


def _qt_closure(qt: Path) -> set[str]:
    """Sonames outside Qt that the xcb start-up path asks for, through Qt's own libraries."""
    plugins = qt / "plugins"
    start = [plugins / "platforms" / "libqxcb.so", plugins / "imageformats" / "libqsvg.so",
             *sorted((plugins / "xcbglintegrations").glob("*.so")),
             qt / "lib" / "libQt6Widgets.so.6", qt / "lib" / "libQt6DBus.so.6"]
    seen: set[Path] = set()
    outside: set[str] = set()
    todo = [p for p in start if p.is_file()]
    while todo:
        lib = todo.pop()
        if lib in seen:
            continue
        seen.add(lib)
        for name in needed(lib):
            own = qt / "lib" / name
            if own.is_file():
                todo.append(own)
            elif name not in BASE_LIBS:
                outside.add(name)
    return outside


def test_every_library_qt_xcb_asks_for_is_probed_by_the_run_profile() -> None:
    import PySide6

    qt = Path(PySide6.__file__).parent / "Qt"
    if not (qt / "plugins" / "platforms" / "libqxcb.so").is_file():
        pytest.skip("this PySide6 has no xcb plugin")
    script = DEPS.read_text()
    run_block = script[script.index("run_needs=("):script.index("test_needs=(")]
    wanted = _qt_closure(qt)
    assert "libxcb-cursor.so.0" in wanted
    unprobed = sorted(name for name in wanted if f"has_lib {name}\"" not in run_block)
    assert not unprobed, f"add these to run_needs in install_system_deps.sh: {unprobed}"

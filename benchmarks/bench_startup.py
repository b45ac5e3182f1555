"""Cold start to the first painted main window: from source and from the built folder,
with an empty book and with the benchmark's big book.

Each start is a new process with ``SHOPCRM_EXIT_AFTER_FIRST_PAINT=1`` (see
``ui.self_test.arm_first_paint_probe``): the app starts as the owner starts it, prints
one line when its main window has painted, and quits. The figure is the wall time from
spawning the process to that line (the median of a few starts; the first start of each
kind also warms the OS file cache, as a second start by the owner would). The floor is a
bare PySide6 window (a QMainWindow with a label) doing the same in the same way.

The built folder is ``dist/ShopCRM`` (``bash scripts/build_installer.sh``); without it the
two "built folder" rows say so instead of building (a build takes minutes).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BUILT = ROOT / "dist" / "ShopCRM" / ("ShopCRM.exe" if os.name == "nt" else "ShopCRM")
MARK = "SHOPCRM_FIRST_PAINT "
REPEAT = 3
TARGET_MS = 3000  # a window within three seconds of the double-click
TIMEOUT_S = 180

FLOOR_SCRIPT = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
class Probe(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            app.removeEventFilter(self)
            QTimer.singleShot(0, lambda: (print("SHOPCRM_FIRST_PAINT {}", flush=True),
                                          app.exit(0)))
        return False
probe = Probe()
app.installEventFilter(probe)
window = QMainWindow()
window.setCentralWidget(QLabel("ShopCRM"))
window.resize(1366, 768)
window.show()
sys.exit(app.exec())
"""


def _env(tmpdir: Path, db_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHOPCRM_")}
    for kind in ("DATA", "CONFIG", "LOG"):
        env[f"SHOPCRM_{kind}_DIR"] = str(tmpdir / f"startup-{kind.lower()}")
    env.update({"SHOPCRM_DB": db_url, "SHOPCRM_EXIT_AFTER_FIRST_PAINT": "1",
                "SHOPCRM_SECRETS_STORE": "file", "QT_QPA_PLATFORM": "offscreen",
                "MPLCONFIGDIR": str(tmpdir / "startup-mpl")})
    return env


def start_once(command: list[str], env: dict[str, str]) -> tuple[float, dict[str, Any]]:
    """Milliseconds from spawning ``command`` to its first-paint line, and that line."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=ROOT)
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith(MARK):
                elapsed = (time.perf_counter() - started) * 1000
                report = json.loads(line[len(MARK):])
                proc.communicate(timeout=TIMEOUT_S)
                return elapsed, report
        _, err = proc.communicate(timeout=TIMEOUT_S)
        raise RuntimeError(f"{command[0]} exited {proc.returncode} without painting: "
                           f"{err.strip()[-500:]}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def measure(command: list[str], env: dict[str, str], repeat: int = REPEAT
            ) -> tuple[list[float], list[dict[str, Any]]]:
    times, reports = [], []
    for _ in range(repeat):
        elapsed, report = start_once(command, env)
        times.append(elapsed)
        reports.append(report)
    return times, reports


def make_empty_book(tmpdir: Path) -> str:
    path = tmpdir / "startup-empty.sqlite3"
    url = f"sqlite:///{path}"
    if not path.exists():
        subprocess.run([sys.executable, "-m", "shopcrm", "--db", url, "init"], check=True,
                       env=_env(tmpdir, url), capture_output=True, cwd=ROOT)
    return url


def _row(name: str, value: float, floor: float | None, ok: bool | None, note: str,
         target: str = f"< {TARGET_MS / 1000:.0f} s to the first paint") -> dict:
    return {"name": name, "value_ms": round(value, 2),
            "floor_ms": None if floor is None else round(floor, 2),
            "ratio": round(value / floor, 2) if floor else None,
            "target": target, "ok": ok, "note": note}


def _note(times: list[float], reports: list[dict[str, Any]]) -> str:
    filled = [r["filled_ms"] for r in reports if r.get("filled_ms") is not None]
    heavy = sorted({m for r in reports for m in r.get("heavy_modules_loaded", [])})
    parts = [f"runs {', '.join(f'{t:,.0f}' for t in times)} ms"]
    if filled:
        parts.append(f"list filled at {statistics.median(filled):,.0f} ms after process start")
    if heavy:
        parts.append(f"start-up loaded {', '.join(heavy)}")
    return "; ".join(parts)


def run(ctx: Any) -> list[dict]:
    tmpdir = Path(ctx.tmpdir)
    books = (("empty book", make_empty_book(tmpdir)),
             (f"{ctx.customers:,}-customer book", f"sqlite:///{ctx.db_path}"))
    floor_times, _ = measure([sys.executable, "-c", FLOOR_SCRIPT],
                             _env(tmpdir, books[0][1]))
    floor = statistics.median(floor_times)
    programs = [("from source", [sys.executable, str(ROOT / "app.py")])]
    if BUILT.is_file():
        programs.append(("from the built folder", [str(BUILT)]))
    rows = []
    for label, command in programs:
        for book, url in books:
            name = f"cold start to first paint, {label}, {book}"
            try:
                times, reports = measure(command, _env(tmpdir, url))
            except (RuntimeError, subprocess.TimeoutExpired, OSError) as exc:
                rows.append(_row(name, 0.0, floor, False, f"failed: {exc}"))
                continue
            value = statistics.median(times)
            heavy = any(r.get("heavy_modules_loaded") for r in reports)
            rows.append(_row(name, value, floor, value < TARGET_MS and not heavy,
                             _note(times, reports)))
    if not BUILT.is_file():
        rows.append(_row("cold start to first paint, from the built folder", 0.0, None, None,
                         "not built: run bash scripts/build_installer.sh first",
                         target="informational"))
    rows.append(_row("  floor: a bare PySide6 window's first paint", floor, None, None,
                     f"runs {', '.join(f'{t:,.0f}' for t in floor_times)} ms",
                     target="informational"))
    return rows


if __name__ == "__main__":  # python benchmarks/bench_startup.py BOOK.sqlite3
    import tempfile
    from types import SimpleNamespace

    with tempfile.TemporaryDirectory(prefix="shopcrm-bench-") as tmp:
        book = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tmp) / "missing.sqlite3"
        context = SimpleNamespace(tmpdir=tmp, db_path=book, customers=0)
        for result in run(context):
            print(result)

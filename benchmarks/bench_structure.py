"""The structure's promises, as ratios measured in one run (issue 14):

- ``shopcrm customers --limit 5`` on the big book <= 1.3x a bare SQLAlchemy script that
  reads the same five rows (both are new processes: the ratio is start-up cost);
- the window's first paint on the big book <= 1.3x its first paint on an empty book, and
  the customer list filled on the big book <= 2x that same empty-book first paint;
- the first paint while another process holds the book's write lock <= 1.5x the
  unhindered first paint (reads go through the read door and never wait for a writer).

Window figures use ``bench_startup``'s probe (``SHOPCRM_EXIT_AFTER_FIRST_PAINT``): the
median of a few cold starts, each a new process.

    python benchmarks/run.py --only bench_structure [--keep BOOK.sqlite3]
"""

from __future__ import annotations

import compileall
import json
import queue
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from bench_startup import MARK, ROOT, _env, make_empty_book

CLI_REPEAT = 11
WINDOW_REPEAT = 3
PAINT_DEADLINE_S = 60  # a window that has not painted by then is reported as "never"

# The floor: the same five rows (the CLI's default order, by id; the same columns) read by
# SQLAlchemy alone and printed.
BARE_SQLALCHEMY = """
import sys
from sqlalchemy import create_engine, text
engine = create_engine(sys.argv[1])
with engine.connect() as conn:
    rows = conn.execute(text(
        "SELECT id, name, mobile, email, city, visit_count, prior_visits, last_visit_at, "
        "first_visit_at, total_spent, usual_gap_days, birthday, vip, sms_opt_out, "
        "email_opt_out, deleted_at FROM customer WHERE deleted_at IS NULL "
        "ORDER BY id LIMIT 5")).all()
for row in rows:
    print(*row)
"""

# Holds the write lock (BEGIN IMMEDIATE and an uncommitted update) until stdin closes.
LOCK_HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE customer SET notes = notes WHERE id = 1")
print("locked", flush=True)
sys.stdin.read()
conn.execute("ROLLBACK")
"""


def start_once(command: list[str], env: dict[str, str]) -> tuple[float, dict[str, Any]]:
    """Milliseconds from spawning the app to its first-paint line, and that line; raises
    TimeoutError when it has not painted within ``PAINT_DEADLINE_S`` (it is killed)."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    deadline = started + PAINT_DEADLINE_S
    try:
        while True:
            try:
                line = lines.get(timeout=max(0.0, deadline - time.perf_counter()))
            except queue.Empty:
                raise TimeoutError(f"no first paint within {PAINT_DEADLINE_S} s") from None
            if line is None:
                raise RuntimeError(f"the app exited {proc.wait()} without painting")
            if line.startswith(MARK):
                elapsed = (time.perf_counter() - started) * 1000
                proc.wait(timeout=PAINT_DEADLINE_S)
                return elapsed, json.loads(line[len(MARK):])
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def measure(command: list[str], env: dict[str, str]
            ) -> tuple[list[float], list[dict[str, Any]]]:
    times, reports = [], []
    for _ in range(WINDOW_REPEAT):
        elapsed, report = start_once(command, env)
        times.append(elapsed)
        reports.append(report)
    return times, reports


def _row(name: str, value: float, floor: float | None, target: str, ok: bool | None,
         note: str = "") -> dict[str, Any]:
    return {"name": name, "value_ms": round(value, 2),
            "floor_ms": None if floor is None else round(floor, 2),
            "ratio": round(value / floor, 2) if floor else None,
            "target": target, "ok": ok, "note": note}


def _timed_run(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, env=env, capture_output=True, cwd=ROOT)
    return (time.perf_counter() - started) * 1000


def cli_rows(tmpdir: Path, db_url: str) -> list[dict[str, Any]]:
    """The floor and ours started in turn (CLI_REPEAT pairs), so a shared machine's load
    falls on both alike; the medians are compared."""
    env = _env(tmpdir, db_url)
    env.pop("SHOPCRM_EXIT_AFTER_FIRST_PAINT", None)
    bare = [sys.executable, "-c", BARE_SQLALCHEMY, db_url]
    command = [sys.executable, "-m", "shopcrm", "--db", db_url, "customers", "--limit", "5"]
    _timed_run(bare, env), _timed_run(command, env)  # warm the file cache for both
    floors, ours = [], []
    for _ in range(CLI_REPEAT):
        floors.append(_timed_run(bare, env))
        ours.append(_timed_run(command, env))
    floor, value = statistics.median(floors), statistics.median(ours)
    return [_row("shopcrm customers --limit 5 vs bare SQLAlchemy reading the same rows",
                 value, floor, "<= 1.3x", value <= 1.3 * floor)]


class WriteLock:
    """Another process holding the book's write lock while the block runs."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.proc: subprocess.Popen[str] | None = None

    def __enter__(self) -> WriteLock:
        self.proc = subprocess.Popen([sys.executable, "-c", LOCK_HOLDER, str(self.path)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        if self.proc.stdout.readline().strip() != "locked":
            raise RuntimeError("the lock holder did not take the write lock")
        return self

    def __exit__(self, *_exc: object) -> None:
        assert self.proc is not None and self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


def window_rows(tmpdir: Path, big_path: Path, customers: int) -> list[dict[str, Any]]:
    app = [sys.executable, str(ROOT / "app.py")]
    empty_url = make_empty_book(tmpdir)
    big_url = f"sqlite:///{big_path}"
    empty_times, _ = measure(app, _env(tmpdir, empty_url))
    big_times, big_reports = measure(app, _env(tmpdir, big_url))
    locked_note = ""
    try:
        with WriteLock(big_path):
            locked_times, _ = measure(app, _env(tmpdir, big_url))
    except (TimeoutError, RuntimeError) as exc:  # the window waited on the lock
        locked_times, locked_note = [PAINT_DEADLINE_S * 1000.0], f"never painted: {exc}"
    empty = statistics.median(empty_times)
    big = statistics.median(big_times)
    filled_samples = [r["filled_ms"] for r in big_reports if r.get("filled_ms") is not None]
    filled = statistics.median(filled_samples) if filled_samples else float("inf")
    locked = statistics.median(locked_times)
    book = f"{customers:,}-customer book"

    def runs(times: list[float]) -> str:
        return "runs " + ", ".join(f"{t:,.0f}" for t in times) + " ms"

    return [
        _row(f"window first paint, {book} vs empty book", big, empty, "<= 1.3x",
             big <= 1.3 * empty, runs(big_times)),
        _row(f"window list filled, {book} vs empty book's first paint", filled, empty,
             "<= 2x", filled <= 2 * empty,
             "filled " + ", ".join(f"{t:,.0f}" for t in filled_samples) + " ms"),
        _row(f"window first paint, {book}, another process holding the write lock",
             locked, big, "<= 1.5x the unhindered first paint",
             not locked_note and locked <= 1.5 * big, locked_note or runs(locked_times)),
        _row("  empty book's first paint (the floor above)", empty, None, "informational",
             None, runs(empty_times)),
    ]


def compile_bytecode() -> None:
    """Compile the app's modules once, as installing it does (and as the owner's first start
    leaves behind). The floor's SQLAlchemy is already compiled in site-packages; with
    PYTHONDONTWRITEBYTECODE set (as on the development machines) every start of ours would
    otherwise compile shopcrm/ from source and the ratio would measure the compiler."""
    for package in ("shopcrm", "ui"):
        compileall.compile_dir(ROOT / package, quiet=1)
    compileall.compile_file(ROOT / "app.py", quiet=1)


def run(ctx: Any) -> list[dict[str, Any]]:
    tmpdir = Path(ctx.tmpdir)
    compile_bytecode()
    return (cli_rows(tmpdir, f"sqlite:///{ctx.db_path}")
            + window_rows(tmpdir, Path(ctx.db_path), ctx.customers))


if __name__ == "__main__":  # python benchmarks/bench_structure.py BOOK.sqlite3 CUSTOMERS
    import tempfile
    from types import SimpleNamespace

    with tempfile.TemporaryDirectory(prefix="shopcrm-bench-") as tmp:
        context = SimpleNamespace(tmpdir=tmp, db_path=Path(sys.argv[1]),
                                  customers=int(sys.argv[2]) if len(sys.argv) > 2 else 0)
        for result in run(context):
            print(result)

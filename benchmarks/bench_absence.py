"""Who is slipping away, on the big demo book (100k customers, ~1.2M visits).

    python benchmarks/bench_absence.py BOOK.sqlite3     # this area alone
    python benchmarks/run.py --only bench_absence

Measured, each beside a floor from the same run:

- the first page (50 rows, with the total) of the absent list and of the overdue list, as
  the window and ``shopcrm absent`` ask for it; floor: a bare sqlite3 indexed
  ``SELECT customer_id, MAX(at), COUNT(*) FROM visit GROUP BY customer_id`` -- what the list
  would cost without summary columns. Targets: under 50 ms, and the absent list at least
  3x faster than the floor;
- RFM for everyone (every customer's R, F, M and segment); floor: the same per-customer
  aggregate of the window's visits run by bare sqlite3 (the part RFM cannot avoid; the rest
  is fetching and scoring). Target: under 2 s;
- for information: the page without the total, the history path (a past date, recomputed
  from the visits), the RFM segment counts and a 12-month retention report.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

FLOOR_SQL = "SELECT customer_id, MAX(at), COUNT(*) FROM visit GROUP BY customer_id"
PAGE_TARGET_MS = 50.0
RFM_TARGET_MS = 2000.0
FLOOR_FACTOR = 3.0


def _row(name: str, value: float, floor: float | None, target: str, ok: bool | None,
         note: str = "") -> dict[str, Any]:
    return {"name": name, "value_ms": round(value, 2),
            "floor_ms": None if floor is None else round(floor, 2),
            "ratio": None if not floor else round(value / floor, 3), "target": target,
            "ok": ok, "note": note}


CPU: dict[float, float] = {}  # wall median -> CPU median of the same runs, for the notes


def _median_ms(fn: Callable[[], Any], repeat: int, warmup: int = 1) -> float:
    """Median wall time in ms; the median CPU time of this process is kept in ``CPU``
    (on a busy machine the wall time waits for a core; the CPU time does not)."""
    for _ in range(warmup):
        fn()
    samples, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    wall = statistics.median(samples)
    CPU[wall] = statistics.median(cpu)
    return wall


def _cpu(wall: float) -> str:
    return f"cpu {CPU[wall]:,.1f} ms" if wall in CPU else ""


def run(db_path: str, repeat: int = 15) -> list[dict[str, Any]]:
    """The rows of the performance table (medians of ``repeat`` runs after a warm-up)."""
    from shopcrm.config import Settings
    from shopcrm.domain.absence import AbsenceRules
    from shopcrm.domain.dates import local_today
    from shopcrm.services.absence.lists import follow_up_page
    from shopcrm.services.absence.retention import retention
    from shopcrm.services.absence.segments import RfmService, rfm_aggregates
    from shopcrm.storage.db import open_database

    db = open_database(f"sqlite:///{db_path}", check=False)
    bare = sqlite3.connect(db_path)
    rules = AbsenceRules()
    today = local_today()
    settings = Settings(path=Path(db_path).with_suffix(".bench-settings.toml"), env={})
    try:
        floor = _median_ms(lambda: bare.execute(FLOOR_SQL).fetchall(), max(3, repeat // 3))
        session = db.read_session()
        try:
            def page(kind: str, **options: Any) -> Callable[[], Any]:
                return lambda: follow_up_page(session, kind, rules, today, limit=50,
                                              **options)

            absent = _median_ms(page("absent"), repeat)
            absent_rows = _median_ms(page("absent", with_total=False), repeat)
            overdue = _median_ms(page("overdue"), repeat)
            overdue_rows = _median_ms(page("overdue", with_total=False), repeat)
            first = follow_up_page(session, "absent", rules, today, limit=50)
            late = follow_up_page(session, "overdue", rules, today, limit=50)
            past = today - timedelta(days=30)
            history = _median_ms(
                lambda: follow_up_page(session, "absent", rules, past, limit=50), 1, 0)
            retention_ms = _median_ms(lambda: retention(session, "month", today=today), 1, 0)
        finally:
            session.close()
        service = RfmService(db, settings)
        months = service.months()
        aggregate = rfm_aggregates(today, months).compile(
            dialect=db.engine.dialect, compile_kwargs={"literal_binds": True})
        rfm_floor = _median_ms(lambda: bare.execute(str(aggregate)).fetchall(), 3)
        rfm_ms = _median_ms(lambda: service.scores(today), 3)
        scored = len(service.scores(today))
        summary_ms = _median_ms(lambda: service.summary(today), 1, 0)
    finally:
        bare.close()
        db.close()
    return [
        _row("absent list, first page of 50 + total (median)", absent, floor,
             f"< {PAGE_TARGET_MS:.0f} ms and >= {FLOOR_FACTOR:.0f}x faster than the floor",
             absent < PAGE_TARGET_MS and absent * FLOOR_FACTOR <= floor,
             f"{first.total:,} absent; {_cpu(absent)}; floor: bare indexed GROUP BY over "
             f"visits ({_cpu(floor)})"),
        _row("  absent list, first page without the total", absent_rows, floor,
             "informational", None, _cpu(absent_rows)),
        _row("overdue list, first page of 50 + total (median)", overdue, floor,
             f"< {PAGE_TARGET_MS:.0f} ms", overdue < PAGE_TARGET_MS,
             f"{late.total:,} overdue; {_cpu(overdue)}; floor as above"),
        _row("  overdue list, first page without the total", overdue_rows, floor,
             "informational", None, _cpu(overdue_rows)),
        _row("  absent list 30 days ago (history path, from the visits)", history, floor,
             "informational", None, _cpu(history)),
        _row(f"RFM for everyone ({scored:,} scored, {months} months)", rfm_ms, rfm_floor,
             f"< {RFM_TARGET_MS / 1000:.0f} s", rfm_ms < RFM_TARGET_MS,
             f"{_cpu(rfm_ms)}; floor: the same aggregate SQL in bare sqlite3 "
             f"({_cpu(rfm_floor)})"),
        _row("  RFM segment counts (scores + lost before the window)", summary_ms, None,
             "informational", None, _cpu(summary_ms)),
        _row("  retention, 12 Jalali months", retention_ms, None, "informational", None,
             _cpu(retention_ms)),
    ]


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python benchmarks/bench_absence.py BOOK.sqlite3 "
                 "(make one with: shopcrm --db sqlite:///BOOK.sqlite3 demo --customers 100000)")
    for r in run(sys.argv[1]):
        floor = "" if r["floor_ms"] is None else f"  floor {r['floor_ms']:,.2f} ms"
        ratio = "" if r["ratio"] is None else f"  ratio {r['ratio']:.3f}"
        ok = {True: "  ok", False: "  MISSED", None: ""}[r["ok"]]
        note = f"  ({r['note']})" if r["note"] else ""
        print(f"{r['name']}: {r['value_ms']:,.2f} ms{floor}{ratio}  [{r['target']}]{ok}{note}")

"""Reports and charts on the big demo book (``benchmarks/run.py`` passes its path).

    python benchmarks/bench_reports.py /tmp/rep100k.sqlite3

- every series of the default report (the last 12 Jalali months) against the floor: bare
  sqlite3 grouping the visits by month (``GROUP BY substr(at, 1, 7)``, Gregorian months:
  the least any monthly series costs);
- every chart built and drawn to PNG (Persian, screen resolution) against a bare
  matplotlib figure with one bar chart per chart;
- for the record: each part alone (the report runs RFM beside the rest), and a check
  that retention and today's absent count are the services' own numbers at this scale.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SERIES_TARGET_MS = 3_000
CHARTS_TARGET_MS = 5_000


def _row(name: str, value_ms: float, floor_ms: float | None, target: str, ok: bool | None,
         note: str = "") -> dict:
    ratio = value_ms / floor_ms if floor_ms else None
    return {"name": name, "value_ms": round(value_ms, 2),
            "floor_ms": None if floor_ms is None else round(floor_ms, 2),
            "ratio": None if ratio is None else round(ratio, 2), "target": target, "ok": ok,
            "note": note}


CPU: dict[float, float] = {}  # median wall time -> median CPU time of the same runs


def _times(fn: Callable[[], object], repeat: int) -> list[float]:
    """Wall times in ms; the CPU time of the process (every thread) is kept in ``CPU``
    under their median, for the notes: the 2-core box is shared."""
    samples, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    CPU[statistics.median(samples)] = statistics.median(cpu)
    return samples


def _cpu(wall: float) -> str:
    return f"cpu {CPU[wall]:,.0f} ms" if wall in CPU else ""


def _floor_series(db_path: str) -> float:
    bare = sqlite3.connect(db_path)
    try:
        return statistics.median(_times(lambda: bare.execute(
            "SELECT substr(at, 1, 7), count(*), sum(amount) FROM visit GROUP BY 1"
        ).fetchall(), 3))
    finally:
        bare.close()


def _floor_charts(count: int) -> float:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    def draw() -> None:
        for _ in range(count):
            fig = Figure(figsize=(9, 5), dpi=100)
            fig.add_subplot().bar(range(12), range(12))
            FigureCanvasAgg(fig).print_png(_Sink())

    return statistics.median(_times(draw, 3))


class _Sink:
    def write(self, data: bytes) -> int:
        return len(data)


def _same_numbers(db, report, period, rules) -> dict:  # type: ignore[no-untyped-def]
    """At scale too: retention as services.retention has it, today's absent count as the
    absence service's segment clause has it."""
    from sqlalchemy import func, select

    from shopcrm.services.absence.lists import absent_clause
    from shopcrm.services.reports.customer_pass import retention_rows
    from shopcrm.storage.models import Customer

    start = time.perf_counter()
    session = db.read_session()
    try:
        theirs = retention_rows(session, period, rules)
        absent = session.scalar(select(func.count()).select_from(Customer).where(
            Customer.deleted_at.is_(None), absent_clause(rules, period.as_of)))
    finally:
        session.close()
    elapsed = (time.perf_counter() - start) * 1000
    same = theirs == report.retention and absent == report.absent_over_time[-1].absent
    return _row("  check: retention rows and today's absent count equal the services'",
                elapsed, None, "equal", same,
                f"services.retention took {elapsed:,.0f} ms; absent today {absent:,}")


def run(db_path: str) -> list[dict]:
    from shopcrm.domain.absence import AbsenceRules
    from shopcrm.services.reports import charts
    from shopcrm.services.reports import series as reports
    from shopcrm.services.reports.customer_pass import customer_pass
    from shopcrm.services.reports.visit_totals import visit_totals
    from shopcrm.storage.db import open_database

    db = open_database(f"sqlite:///{db_path}", check=False)
    rows: list[dict] = []
    try:
        reports.build_report(db, series=["cities"])  # connections, imports
        floor = _floor_series(db_path)
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=2) as pool:  # as the window's readers do
            full = _times(lambda: reports.build_report(db, parallel=pool.submit), 3)
        value = statistics.median(full)
        rows.append(_row("report: every series, 12 Jalali months (median of 3)", value, floor,
                         f"< {SERIES_TARGET_MS / 1000:.0f} s (floor: bare sqlite3 GROUP BY "
                         "month over the visits)", value < SERIES_TARGET_MS,
                         f"runs {min(full):,.0f}-{max(full):,.0f} ms; {_cpu(value)}; "
                         f"floor {_cpu(floor)}"))
        report = reports.build_report(db)

        start = time.perf_counter()
        charts.render_png(charts.build_figure("visits_revenue", report, "fa"))
        first = (time.perf_counter() - start) * 1000

        def all_charts(lang: str) -> None:
            for name in charts.CHARTS:
                charts.render_png(charts.build_figure(name, report, lang), dpi=100)

        drawn = _times(lambda: all_charts("fa"), 2)
        value = statistics.median(drawn)
        floor = _floor_charts(len(charts.CHARTS))
        rows.append(_row(f"charts: all {len(charts.CHARTS)} built and drawn to PNG, Persian",
                         value, floor, f"< {CHARTS_TARGET_MS / 1000:.0f} s (floor: a bare "
                         "one-bar-chart figure per chart)", value < CHARTS_TARGET_MS,
                         f"{_cpu(value)}; floor {_cpu(floor)}"))
        english = statistics.median(_times(lambda: all_charts("en"), 1))
        rows.append(_row("  the same in English", english, None, "informational", None,
                         _cpu(english)))
        rows.append(_row("  first chart of a process (imports, font registration)", first,
                         None, "informational", None))

        period = reports.report_period()
        rules = AbsenceRules()
        parts: list[tuple[str, Callable[[], object]]] = [
            ("visits by month and service (one scan)",
             lambda: reports._reading(db, visit_totals, period)),
            ("new/returning, retention, absent over time (one pass)",
             lambda: reports._reading(db, customer_pass, period, rules)),
            ("RFM segment sizes (services.segments)",
             lambda: reports.rfm_segment_sizes(db, period.as_of)),
            ("cities, messages, win-back",
             lambda: (reports._reading(db, reports._cities, period),
                      reports._reading(db, reports.messages_series, period),
                      reports._reading(db, reports.winback_series, period, rules))),
        ]
        for name, fn in parts:
            part = statistics.median(_times(fn, 2))
            rows.append(_row(f"  part alone: {name}", part, None, "informational", None,
                             _cpu(part)))
        rows.append(_same_numbers(db, report, period, rules))

    finally:
        db.close()
    return rows


if __name__ == "__main__":
    for result in run(sys.argv[1] if len(sys.argv) > 1 else "/tmp/rep100k.sqlite3"):
        print(result)

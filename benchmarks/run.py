"""ShopCRM performance table: every figure beside a floor measured in the same run.

    python benchmarks/run.py [--customers 100000] [--only NAME,...] [--json FILE]

The floors are the bare libraries doing the same work (sqlite3 FTS5 for a search
keystroke, an indexed GROUP BY for the absent list, ...), so a noisy machine still
compares fairly: read the ratio column. Each area of the product adds its rows through
a module ``benchmarks/bench_<area>.py`` with a ``run(context) -> list[dict]`` function.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

AREAS = ("bench_absence", "bench_excel", "bench_send", "bench_reports", "bench_startup",
         "bench_structure")
SEARCH_TERMS = ("رضا", "محمدی", "زهرا ک", "0912 34", "۰۹۳۵۱", "خوش‌قول", "پاکزاد")


@dataclass
class Context:
    """What every benchmark module receives."""

    tmpdir: Path
    db_path: Path  # the big demo book (customers, ~12 visits each)
    customers: int

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.db_path}"


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))
    return ordered[index]


def timed(fn, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def row(name: str, value_ms: float, floor_ms: float | None, target: str, ok: bool | None,
        note: str = "") -> dict:
    ratio = value_ms / floor_ms if floor_ms else None
    return {"name": name, "value_ms": round(value_ms, 2),
            "floor_ms": None if floor_ms is None else round(floor_ms, 2),
            "ratio": None if ratio is None else round(ratio, 2), "target": target, "ok": ok,
            "note": note}


def env_for_subprocess(tmpdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    for kind in ("DATA", "CONFIG", "LOG"):
        env[f"SHOPCRM_{kind}_DIR"] = str(tmpdir / kind.lower())
    return env


def bench_cli_start(ctx: Context) -> list[dict]:
    env = env_for_subprocess(ctx.tmpdir)

    def run(args: list[str]) -> None:
        subprocess.run([sys.executable, *args], check=True, env=env, capture_output=True)

    floor = timed(lambda: run(["-c", "import sqlite3"]), 5)
    help_ = timed(lambda: run(["-m", "shopcrm", "--help"]), 5)
    query = timed(lambda: run(["-m", "shopcrm", "--db", ctx.db_url, "customers", "--limit",
                               "5", "--json"]), 5)
    return [
        row("cli cold start: shopcrm --help", statistics.median(help_),
            statistics.median(floor), "informational (floor: bare python)", None),
        row("cli cold start: customers --limit 5 on the big book", statistics.median(query),
            statistics.median(floor), "informational (floor: bare python)", None),
    ]


def make_demo_book(ctx: Context) -> dict:
    env = env_for_subprocess(ctx.tmpdir)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "shopcrm", "--db", ctx.db_url, "demo",
                    "--customers", str(ctx.customers), "--seed", "1403"], check=True,
                   env=env, capture_output=True)
    elapsed = (time.perf_counter() - start) * 1000
    target_ms = 30_000 * ctx.customers / 100_000
    return row(f"demo --customers {ctx.customers}", elapsed, None,
               f"< {target_ms / 1000:.0f} s", elapsed < target_ms)


def bench_search(ctx: Context) -> list[dict]:
    """A search keystroke: our first page of 50 against the same SQL run by bare sqlite3
    (the floor), and against the rowid-only FTS5 query (the lowest possible)."""
    from shopcrm.storage.customer_list import ROW_COLUMNS, list_customers, normalise_query
    from shopcrm.storage.db import open_database

    db = open_database(ctx.db_url, check=False)
    bare = sqlite3.connect(ctx.db_path)
    columns = ", ".join(f"customer.{c.key}" for c in ROW_COLUMNS)
    same_sql = (f"SELECT {columns} FROM customer JOIN customer_fts "
                "ON customer_fts.rowid = customer.id WHERE customer_fts MATCH ? "
                "AND customer.deleted_at IS NULL ORDER BY customer_fts.rowid LIMIT 50")
    rowid_sql = ("SELECT rowid FROM customer_fts WHERE customer_fts MATCH ? "
                 "ORDER BY rowid LIMIT 50")
    ours: list[float] = []
    floor: list[float] = []
    rowid_only: list[float] = []
    like: list[float] = []
    session = db.read_session()
    try:
        for _ in range(20):
            for term in SEARCH_TERMS:
                match = '"' + normalise_query(term) + '"'
                ours += timed(lambda t=term: list_customers(session, query=t, limit=50), 1)
                floor += timed(lambda m=match: bare.execute(same_sql, (m,)).fetchall(), 1)
                rowid_only += timed(lambda m=match: bare.execute(rowid_sql, (m,)).fetchall(), 1)
                like += timed(lambda t=term: bare.execute(
                    "SELECT id FROM customer WHERE search_text LIKE ? LIMIT 50",
                    (f"%{normalise_query(t)}%",)).fetchall(), 1)
    finally:
        session.close()
        db.close()
        bare.close()
    median, floor_median = statistics.median(ours), statistics.median(floor)
    return [
        row("search keystroke, first page of 50 (median)", median, floor_median,
            "<= 3x the same FTS5 query in bare sqlite3", median <= 3 * floor_median),
        row("search keystroke, first page of 50 (p95)", percentile(ours, 95),
            percentile(floor, 95), "informational", None),
        row("  floor variant: rowid-only FTS5 query (median)", statistics.median(rowid_only),
            None, "informational", None),
        row("  for comparison: a LIKE scan stopping at 50 (median)", statistics.median(like),
            None, "informational", None),
    ]


def call_area(module, ctx: Context) -> list[dict]:  # type: ignore[no-untyped-def]
    """Area modules take the context, or just the path they need (by parameter name)."""
    import inspect

    name = next(iter(inspect.signature(module.run).parameters), "ctx")
    argument = {"db_path": str(ctx.db_path), "tmpdir": str(ctx.tmpdir)}.get(name, ctx)
    return module.run(argument)


def print_table(rows: list[dict]) -> None:
    headers = ("benchmark", "value ms", "floor ms", "ratio", "target", "ok")
    lines = [(r["name"], f"{r['value_ms']:,.2f}",
              "" if r["floor_ms"] is None else f"{r['floor_ms']:,.2f}",
              "" if r["ratio"] is None else f"{r['ratio']:.2f}x", r["target"],
              {True: "yes", False: "NO", None: ""}[r["ok"]]) for r in rows]
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *lines, strict=False)]
    for line in (headers, tuple("-" * w for w in widths), *lines):
        print("  ".join(str(c).ljust(w) for c, w in zip(line, widths, strict=False)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--only", help="comma-separated areas: core," + ",".join(AREAS))
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    parser.add_argument("--keep", type=Path, help="reuse or keep the demo book at this path")
    args = parser.parse_args(argv)
    only = set(args.only.split(",")) if args.only else None

    with tempfile.TemporaryDirectory(prefix="shopcrm-bench-") as tmp:
        tmpdir = Path(tmp)
        db_path = args.keep or tmpdir / "bench.sqlite3"
        ctx = Context(tmpdir=tmpdir, db_path=db_path, customers=args.customers)
        rows: list[dict] = []
        if not db_path.exists():
            rows.append(make_demo_book(ctx))
            print(f"[demo book ready: {rows[-1]['value_ms'] / 1000:.1f} s]", file=sys.stderr)
        if only is None or "core" in only:
            rows += bench_search(ctx)
            rows += bench_cli_start(ctx)
        for area in AREAS:
            if only is not None and area not in only:
                continue
            try:
                module = importlib.import_module(area)
            except ModuleNotFoundError as exc:
                if exc.name == area:
                    continue
                raise
            print(f"[{area}]", file=sys.stderr)
            rows += call_area(module, ctx)
        print_table(rows)
        if args.json:
            args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=2))
    return 0 if all(r["ok"] is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())

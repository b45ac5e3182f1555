"""``shopcrm report|chart|charts``: the book at a glance, as numbers or as pictures.

``--from``/``--to`` take Jalali or ISO dates and are widened to whole Jalali months
(default: the 12 months ending with this one). Charts are drawn in ``--lang`` (default:
the ``ui.language`` setting, Persian) with money in the ``ui.currency`` unit.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from shopcrm.cli.context import CommandError, Context, add_command, table
from shopcrm.domain.dates import format_jalali, jalali_month_name, parse_date
from shopcrm.services.reports.series import OTHER, SERIES, Report, build_report


def _report(ctx: Context, args: argparse.Namespace, series: list[str] | None = None
            ) -> Report:
    start = parse_date(args.start) if args.start else None
    end = parse_date(args.end) if args.end else None
    from concurrent.futures import ThreadPoolExecutor

    # The long scans run beside each other; the pool ends with the command.
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="shopcrm-report") as pool:
        return build_report(ctx.db, start, end, settings=ctx.settings, series=series,
                            parallel=pool.submit)


def _chart_lang(ctx: Context, args: argparse.Namespace) -> str:
    import os

    return args.lang or os.environ.get("SHOPCRM_LANG") or ctx.settings.get("ui.language")


def _month(year: int, month: int) -> str:
    return f"{year}/{month:02d} {jalali_month_name(month, 'en')}"


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.1f}%"


def _lines(report: Report) -> Iterator[str]:
    day = format_jalali(report.as_of, persian_digits=False)
    yield (f"report {format_jalali(report.start, persian_digits=False)} .. "
           f"{format_jalali(report.end, persian_digits=False)} (figures up to {day})")
    yield ""
    rows = []
    for i, m in enumerate(report.months):
        v, n, r = report.visits_revenue[i], report.new_returning[i], report.retention[i]
        a, s, w = report.absent_over_time[i], report.satisfaction[i], report.winback[i]
        rows.append((_month(m.year, m.month), f"{v.visits:,}", f"{v.revenue:,}",
                     f"{n.new:,}", f"{n.returning:,}", _percent(r.rate), f"{a.absent:,}",
                     "" if s.average is None else f"{s.average:.2f}",
                     f"{w.contacted:,}/{w.came_back:,}"))
    yield from table(rows, ["month", "visits", "revenue (rials)", "new", "returning",
                            "retention", "absent", "satisfaction", "win-back"])
    yield (f"retention: customers active at the month's end less its new ones, of those "
           f"active at its start (retail average {_percent(report.retail_retention)})")
    yield ""
    yield from table([(m.channel, _month(m.year, m.month), m.sent, m.delivered, m.failed,
                       f"{m.cost:,}") for m in report.messages if m.sent or m.failed],
                     ["channel", "month", "sent", "delivered", "failed", "cost (rials)"])
    yield ""
    yield from table([(s.segment, f"{s.customers:,}") for s in report.rfm_segments],
                     [f"RFM segment ({day})", "customers"])
    yield ""
    yield from table([("(other cities)" if c.city == OTHER else c.city or "(no city)",
                       f"{c.customers:,}", f"{c.active:,}") for c in report.cities],
                     ["city", "customers", "came in the period"])
    yield ""
    yield from table([(s.service or "(no service)", f"{s.visits:,}", f"{s.revenue:,}")
                      for s in report.top_services], ["service", "visits", "revenue (rials)"])


def cmd_report(ctx: Context, args: argparse.Namespace) -> int:
    report = _report(ctx, args)
    ctx.emit(report.as_dict(), _lines(report))
    return 0


def _figure_file(directory: Path, name: str, fmt: str) -> Path:
    return directory / f"{name}.{fmt}"


def _save(ctx: Context, report: Report, name: str, path: Path, lang: str) -> Path:
    from shopcrm.services.reports.charts import build_figure, save_figure

    unit = ctx.settings.get("ui.currency")
    return save_figure(build_figure(name, report, lang, unit=unit), path)


def cmd_chart(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.reports.charts import FORMATS

    out = Path(args.out)
    if out.suffix.lower() not in FORMATS:
        raise CommandError(f"shopcrm chart: --out must end in {' or '.join(FORMATS)}: {out}")
    if not out.parent.is_dir():
        raise CommandError(f"shopcrm chart: no such folder: {out.parent}")
    lang = _chart_lang(ctx, args)
    report = _report(ctx, args, [args.name])
    path = _save(ctx, report, args.name, out, lang)
    ctx.emit({"chart": args.name, "file": str(path), "lang": lang}, f"wrote {path}")
    return 0


def cmd_charts(ctx: Context, args: argparse.Namespace) -> int:
    directory = Path(args.out)
    if directory.exists() and not directory.is_dir():
        raise CommandError(f"shopcrm charts: not a folder: {directory}")
    directory.mkdir(parents=True, exist_ok=True)
    lang = _chart_lang(ctx, args)
    report = _report(ctx, args)
    files = []
    for name in SERIES:
        files.append(str(_save(ctx, report, name, _figure_file(directory, name, args.format),
                               lang)))
        if not ctx.as_json:
            ctx.note(f"wrote {files[-1]}")
    ctx.emit({"files": files, "lang": lang}, f"{len(files)} charts in {directory}")
    return 0


def _period_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", metavar="DATE",
                        help="first month (a day in it), Jalali or ISO (default: 11 months "
                        "before this one)")
    parser.add_argument("--to", dest="end", metavar="DATE",
                        help="last month (a day in it), Jalali or ISO (default: this month)")


def register(commands: argparse._SubParsersAction, common: Any) -> None:
    report = add_command(commands, common, "report", cmd_report,
                         "every report series by Jalali month (visits, revenue, retention, "
                         "absent, RFM, cities, services, messages, win-back)")
    _period_options(report)
    chart = add_command(commands, common, "chart", cmd_chart,
                        "draw one chart of the report to a PNG or PDF file")
    chart.add_argument("name", choices=SERIES, metavar="NAME",
                       help="one of: " + ", ".join(SERIES))
    chart.add_argument("--out", required=True, metavar="FILE", help="FILE.png or FILE.pdf")
    _period_options(chart)
    charts = add_command(commands, common, "charts", cmd_charts,
                         "draw every chart of the report into a folder")
    charts.add_argument("--out", required=True, metavar="DIR", help="the folder")
    charts.add_argument("--format", choices=("png", "pdf"), default="png")
    _period_options(charts)

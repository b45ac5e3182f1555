"""``shopcrm report|chart|charts``: the book at a glance, as numbers or as pictures.

``--from``/``--to`` take Jalali or ISO dates and are widened to whole Jalali months
(default: the 12 months ending with this one). Words and charts are in the command's
language (``shopcrm.i18n.resolve_language``) with money in the ``ui.currency`` unit.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from shopcrm import i18n
from shopcrm.cli.context import CommandError, Context, add_command
from shopcrm.domain.dates import parse_date
from shopcrm.domain.rfm import label as rfm_label
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
    return ctx.lang


def _lines(ctx: Context, report: Report) -> Iterator[str]:
    def month(year: int, number: int) -> str:
        return i18n.month(year, number, ctx.lang)

    # up to the day the figures count to (today in the running month), not the month's end
    yield ctx.t("report {start} .. {end}", start=report.start, end=report.as_of)
    yield ""
    rows = []
    for i, m in enumerate(report.months):
        v, n, r = report.visits_revenue[i], report.new_returning[i], report.retention[i]
        a, s, w = report.absent_over_time[i], report.satisfaction[i], report.winback[i]
        rows.append((month(m.year, m.month), ctx.num(v.visits),
                     ctx.money(v.revenue, with_unit=False),
                     ctx.num(n.new), ctx.num(n.returning), i18n.percent(r.rate, ctx.lang),
                     ctx.num(a.absent), "" if s.average is None else ctx.num(s.average, ".2f"),
                     ctx.num(w.contacted), ctx.num(w.came_back)))
    yield from ctx.table(rows, ["month", "visits", ctx.money_header("revenue ({unit})"), "new",
                                "returning", "retention", "absent", "satisfaction",
                                "contacted", "came back"])
    yield ctx.t("retention: of the customers active at the month's start, the share still "
                "active at its end (retail average {pct})",
                pct=i18n.percent(report.retail_retention, ctx.lang))
    yield ""
    yield from ctx.table([(ctx.t(m.channel), month(m.year, m.month), ctx.num(m.sent),
                           ctx.num(m.delivered), ctx.num(m.failed),
                           ctx.money(m.cost, with_unit=False))
                          for m in report.messages if m.sent or m.failed],
                         ["channel", "month", "sent", "delivered", "failed",
                          ctx.money_header("cost ({unit})")])
    yield ""
    yield from ctx.table([(rfm_label(s.segment, ctx.lang), ctx.num(s.customers))
                          for s in report.rfm_segments],
                         [ctx.t("RFM segment ({day})", day=report.as_of), "customers"])
    yield ""
    yield from ctx.table([(ctx.t("(other cities)") if c.city == OTHER
                           else c.city or ctx.t("(no city)"),
                           ctx.num(c.customers), ctx.num(c.active)) for c in report.cities],
                         ["city", "customers", "came in the period"])
    yield ""
    yield from ctx.table([(s.service or ctx.t("(no service)"), ctx.num(s.visits),
                           ctx.money(s.revenue, with_unit=False)) for s in report.top_services],
                         ["service", "visits", ctx.money_header("revenue ({unit})")])


def cmd_report(ctx: Context, args: argparse.Namespace) -> int:
    report = _report(ctx, args)
    ctx.emit(report.as_dict(), _lines(ctx, report))
    return 0


def _figure_file(directory: Path, name: str, fmt: str) -> Path:
    return directory / f"{name}.{fmt}"


def _save(ctx: Context, report: Report, name: str, path: Path, lang: str) -> Path:
    from shopcrm.services.reports.charts import build_figure, save_figure

    return save_figure(build_figure(name, report, lang, unit=ctx.settings.currency), path)


def cmd_chart(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.reports.charts import FORMATS

    out = Path(args.out)
    if out.suffix.lower() not in FORMATS:
        raise CommandError("shopcrm chart: --out must end in {suffixes}: {path}",
                           suffixes=ctx.t(" or ").join(FORMATS), path=str(out))
    if not out.parent.is_dir():
        raise CommandError("shopcrm chart: no such folder: {path}", path=str(out.parent))
    lang = _chart_lang(ctx, args)
    report = _report(ctx, args, [args.name])
    path = _save(ctx, report, args.name, out, lang)
    ctx.emit({"chart": args.name, "file": str(path), "lang": lang},
             ctx.t("wrote {path}", path=str(path)))
    return 0


def cmd_charts(ctx: Context, args: argparse.Namespace) -> int:
    directory = Path(args.out)
    if directory.exists() and not directory.is_dir():
        raise CommandError("shopcrm charts: not a folder: {path}", path=str(directory))
    directory.mkdir(parents=True, exist_ok=True)
    lang = _chart_lang(ctx, args)
    report = _report(ctx, args)
    files = []
    for name in SERIES:
        files.append(str(_save(ctx, report, name, _figure_file(directory, name, args.format),
                               lang)))
        if not ctx.as_json:
            ctx.note(ctx.t("wrote {path}", path=files[-1]))
    ctx.emit({"files": files, "lang": lang}, ctx.t("{n} charts in {path}", n=len(files),
                                                   path=str(directory)))
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
    charts.add_argument("--format", choices=("png", "pdf"), default="png",
                        help="the charts' file type (default png)")
    _period_options(charts)

"""The charts over the period's months (time runs left to right in both languages):
visits and revenue, new and returning, retention, absent regulars, satisfaction,
messages, win-back."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from shopcrm.services.reports.chart_style import (
    BLUE,
    GREEN,
    GREY,
    MAX_LABELLED,
    ORANGE,
    RED,
    SKY,
    Style,
    bars_and_right_axis,
    day_text,
    fade_running,
    headroom,
    is_running,
    label_bars,
    money_values,
    month_axis,
    new_figure,
    no_data,
    period_text,
    short_money,
    tick,
)
from shopcrm.services.reports.chart_words import money_scale, number, percent, word
from shopcrm.services.reports.report_data import Report

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


def month_chart(style: Style, report: Report, key: str, subtitle: str | None = None
                ) -> tuple[Figure, Axes, list[int]]:
    """A one-axes chart over the period's months: the figure (titled by ``key``, the
    period as subtitle unless given), its styled axes and the months' x positions."""
    fig = new_figure(style, key, period_text(report, style.lang) if subtitle is None
                     else subtitle)
    ax = fig.add_subplot()
    style.axes(ax)
    return fig, ax, month_axis(style, ax, report)


def visits_revenue(style: Style, report: Report, unit: str) -> Figure:
    points = report.visits_revenue
    fig, ax, x = month_chart(style, report, "visits_revenue")
    visits = [p.visits for p in points]
    revenue, unit_words = money_values([p.revenue for p in points], unit, style.lang)
    bars, right = bars_and_right_axis(style, ax, report, x, visits, SKY,
                                      word("visits", style.lang), 1.1)
    revenue_label = f"{word('revenue', style.lang)} ({unit_words})"
    line = right.plot(x, revenue, color=RED, marker="o", linewidth=2.2,
                      label=revenue_label)[0]
    right.set_ylabel(revenue_label, **style.text(fontsize=11))
    style.count_axis(right.yaxis, integer=max(revenue, default=0) >= 5)
    headroom(right, max(revenue, default=0), 1.1)
    style.legend(ax, [bars, line])
    if not any(visits) and not any(revenue):
        no_data(style, ax)
    return fig


def new_returning(style: Style, report: Report, unit: str) -> Figure:
    points = report.new_returning
    fig, ax, x = month_chart(style, report, "new_returning")
    new = [p.new for p in points]
    returning = [p.returning for p in points]
    totals = [a + b for a, b in zip(new, returning, strict=True)]
    a = ax.bar(x, returning, color=BLUE, width=0.65, label=word("returning", style.lang))
    b = ax.bar(x, new, bottom=returning, color=ORANGE, width=0.65,
               label=word("new", style.lang))
    fade_running(report, a, b)
    label_bars(style, ax, b, totals)
    ax.set_ylabel(word("customers", style.lang), **style.text(fontsize=11))
    style.count_axis(ax.yaxis)
    headroom(ax, max(totals, default=0), 1.12)
    style.legend(ax, [b, a])
    if not any(totals):
        no_data(style, ax)
    return fig


def retention(style: Style, report: Report, unit: str) -> Figure:
    from matplotlib.ticker import FuncFormatter

    fig, ax, x = month_chart(style, report, "retention")
    rates = [math.nan if p.rate is None else p.rate for p in report.retention]
    line = ax.plot(x, rates, color=BLUE, marker="o", linewidth=2.2,
                   label=word("rate", style.lang))[0]
    if is_running(report) and not math.isnan(rates[-1]):  # hollow: a month not over yet
        ax.plot(x[-1:], rates[-1:], marker="o", color=BLUE, markerfacecolor="white",
                markeredgewidth=2, linestyle="none")
    for xi, rate in zip(x, rates, strict=True):
        if not math.isnan(rate) and len(x) <= MAX_LABELLED:
            ax.annotate(percent(rate, style.lang), (xi, rate), textcoords="offset points",
                        xytext=(0, 8), ha="center", fontsize=8.5, fontfamily=style.family)
    average = report.retail_retention
    ref = ax.axhline(average, color=GREY, linestyle="--", linewidth=1.6,
                     label=word("retail", style.lang, pct=percent(average, style.lang)))
    handles = [line, ref]
    known = [r for r in rates if not math.isnan(r)]
    ax.set_ylim(0, max(1.0, *known, average) * 1.12)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: percent(tick(v), style.lang)))
    ax.set_ylabel(word("rate", style.lang), **style.text(fontsize=11))
    style.legend(ax, handles)
    if not known:
        no_data(style, ax)
    return fig


def absent_over_time(style: Style, report: Report, unit: str) -> Figure:
    points = report.absent_over_time
    subtitle = period_text(report, style.lang)
    last = points[-1] if points else None
    if last is not None and last.regulars:
        subtitle = (word("of_regulars", style.lang, n=number(last.absent, style.lang),
                         pct=percent(last.absent / last.regulars, style.lang),
                         day=day_text(last.as_of, style.lang)) + " — " + subtitle)
    fig, ax, x = month_chart(style, report, "absent_over_time", subtitle)
    absent = [p.absent for p in points]
    bars = ax.bar(x, absent, color=RED, width=0.65, alpha=0.9)
    label_bars(style, ax, bars, absent)
    ax.set_ylabel(word("absent_axis", style.lang), **style.text(fontsize=11))
    style.count_axis(ax.yaxis)
    headroom(ax, max(absent, default=0))
    if not any(absent):
        no_data(style, ax)
    return fig


def satisfaction(style: Style, report: Report, unit: str) -> Figure:
    points = report.satisfaction
    fig, ax, x = month_chart(style, report, "satisfaction")
    counts = [p.ratings for p in points]
    bars, right = bars_and_right_axis(style, ax, report, x, counts, "#d9d9d9",
                                      word("ratings", style.lang), 1.5)
    averages = [math.nan if p.average is None else p.average for p in points]
    line = right.plot(x, averages, color=GREEN, marker="o", linewidth=2.2,
                      label=word("average", style.lang))[0]
    for xi, avg in zip(x, averages, strict=True):
        if not math.isnan(avg) and len(x) <= MAX_LABELLED:
            right.annotate(number(avg, style.lang, 2), (xi, avg), textcoords="offset points",
                           xytext=(0, 8), ha="center", fontsize=8.5, fontfamily=style.family)
    right.set_ylim(0.8, 5.7)
    right.set_yticks([1, 2, 3, 4, 5], [number(v, style.lang) for v in (1, 2, 3, 4, 5)])
    right.set_ylabel(word("average", style.lang), **style.text(fontsize=11))
    style.legend(ax, [line, bars])
    if not any(counts):
        no_data(style, ax)
    return fig


def _grouped(style: Style, ax: Axes, report: Report, x: Sequence[int],
             series: Sequence[tuple[Sequence[int], str, str]], labels: bool = True
             ) -> list[Any]:
    """Bars side by side for each month (in reading order: the first on the right in
    Persian)."""
    width = 0.8 / len(series)
    handles = []
    for k, (values, colour, label) in enumerate(series):
        offset = (k - (len(series) - 1) / 2) * width * (-1 if style.rtl else 1)
        bars = ax.bar([xi + offset for xi in x], values, width, color=colour, label=label)
        if labels:
            label_bars(style, ax, bars, values)
        handles.append(bars)
    return handles


def messages(style: Style, report: Report, unit: str) -> Figure:
    fig = new_figure(style, "messages", period_text(report, style.lang), (9.0, 8.0))
    axes = fig.subplots(3, 1, sharex=True)
    n = len(report.months)
    by_channel = {ch: [p for p in report.messages if p.channel == ch] for ch in ("sms", "email")}
    for ax, channel in zip(axes[:2], ("sms", "email"), strict=True):
        style.axes(ax)
        points = by_channel[channel]
        x = month_axis(style, ax, report)
        series = [([getattr(p, kind) for p in points] or [0] * n, colour, word(kind, style.lang))
                  for kind, colour in (("sent", BLUE), ("delivered", GREEN), ("failed", RED))]
        handles = _grouped(style, ax, report, x, series, labels=n <= 12)
        top = max((max(values, default=0) for values, _c, _l in series), default=0)
        headroom(ax, top, 1.2)
        style.count_axis(ax.yaxis)
        ax.set_title(word(channel, style.lang), loc="right" if style.rtl else "left",
                     **style.text(fontsize=11, fontweight="bold"))
        ax.set_ylabel(word("messages_axis", style.lang), **style.text(fontsize=10))
        style.legend(ax, handles, fontsize=9, ncols=3, loc="lower left" if style.rtl
                     else "lower right", bbox_to_anchor=(0.0, 1.0) if style.rtl else (1.0, 1.0))
        if not top:
            no_data(style, ax)
    ax = axes[2]
    style.axes(ax)
    x = month_axis(style, ax, report)
    sms = [p.cost for p in by_channel["sms"]] or [0] * n
    email = [p.cost for p in by_channel["email"]] or [0] * n
    totals = [a + b for a, b in zip(sms, email, strict=True)]
    divisor, unit_words = money_scale(max(totals, default=0), unit, style.lang)
    a = ax.bar(x, [v / divisor for v in sms], color=ORANGE, width=0.65,
               label=word("sms", style.lang))
    b = ax.bar(x, [v / divisor for v in email], bottom=[v / divisor for v in sms], color=SKY,
               width=0.65, label=word("email", style.lang))
    label_bars(style, ax, b, [v / divisor for v in totals], lambda v: short_money(v, style.lang))
    headroom(ax, max(totals, default=0) / divisor, 1.2)
    style.count_axis(ax.yaxis, integer=max(totals, default=0) / divisor >= 5)
    ax.set_ylabel(word("cost", style.lang, unit=unit_words), **style.text(fontsize=10))
    ax.set_title(word("cost_total", style.lang, amount=short_money(sum(totals) / divisor,
                                                                   style.lang), unit=unit_words),
                 loc="right" if style.rtl else "left", **style.text(fontsize=11,
                                                                    fontweight="bold"))
    style.legend(ax, [a, b], fontsize=9, ncols=2, loc="lower left" if style.rtl
                 else "lower right", bbox_to_anchor=(0.0, 1.0) if style.rtl else (1.0, 1.0))
    return fig


def winback(style: Style, report: Report, unit: str) -> Figure:
    points = report.winback
    contacted = sum(p.contacted for p in points)
    back = sum(p.came_back for p in points)
    subtitle = period_text(report, style.lang)
    if contacted:
        subtitle = (word("winback_rate", style.lang, pct=percent(back / contacted, style.lang),
                         n=number(contacted, style.lang)) + " — " + subtitle)
    fig, ax, x = month_chart(style, report, "winback", subtitle)
    days = number(report.winback_days, style.lang)
    series = (([p.contacted for p in points], SKY, word("contacted", style.lang)),
              ([p.came_back for p in points], GREEN, word("came_back", style.lang, days=days)),
              ([p.waiting for p in points], GREY, word("waiting", style.lang)))
    handles = _grouped(style, ax, report, x, series)
    top = max((max(values, default=0) for values, _c, _l in series), default=0)
    headroom(ax, top, 1.15)
    style.count_axis(ax.yaxis)
    ax.set_ylabel(word("customers", style.lang), **style.text(fontsize=11))
    style.legend(ax, handles)
    if not top:
        no_data(style, ax)
    return fig

"""The charts of categories: horizontal bars, biggest on top, mirrored in Persian (labels
on the right, bars growing leftwards): RFM segments, cities, top services."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from shopcrm.services.reports.chart_style import (
    BLUE,
    GREEN,
    PURPLE,
    SKY,
    Style,
    day_text,
    money_values,
    new_figure,
    no_data,
    period_text,
    short_money,
)
from shopcrm.services.reports.chart_words import number, percent, word
from shopcrm.services.reports.report_data import OTHER, Report

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


def _category_bars(style: Style, ax: Axes, labels: Sequence[str],
                   series: Sequence[tuple[Sequence[float], str, str]],
                   fmt: Callable[[float], str] | None = None) -> None:
    """Horizontal bars, biggest on top; mirrored in Persian (labels on the right, bars
    growing leftwards). ``series``: (values, colour, legend label) drawn over each other,
    the first the widest; its values are written at the bars' ends."""
    style.axes(ax, grid="x")
    fmt = fmt or (lambda v: number(v, style.lang))
    y = list(range(len(labels)))
    handles = []
    for index, (values, colour, label) in enumerate(series):
        handles.append(ax.barh(y, values, color=colour, height=0.72 if index == 0 else 0.4,
                               label=label))
    for yi, value in zip(y, series[0][0], strict=True):
        ax.annotate(fmt(value), (value, yi), textcoords="offset points",
                    xytext=(-4 if style.rtl else 4, 0), ha="right" if style.rtl else "left",
                    va="center", fontsize=9, fontfamily=style.family)
    ax.set_yticks(y, labels)
    ax.tick_params(axis="y", length=0, labelsize=10.5)
    ax.invert_yaxis()  # biggest first
    top = max((max(v, default=0) for v, _c, _l in series), default=0)
    ax.set_xlim(0, top * 1.3 if top else 1)
    style.count_axis(ax.xaxis, integer=all(float(v).is_integer() for v in series[0][0]))
    if style.rtl:
        ax.invert_xaxis()
        ax.yaxis.tick_right()
        ax.spines["left"].set_visible(False)
        ax.spines["right"].set_visible(True)
    if len(series) > 1:
        style.legend(ax, handles)


def rfm_segments(style: Style, report: Report, unit: str) -> Figure:
    from shopcrm.domain.rfm import label

    fig = new_figure(style, "rfm_segments", word("as_of", style.lang,
                                                 day=day_text(report.as_of, style.lang)))
    ax = fig.add_subplot()
    rows = report.rfm_segments
    total = sum(r.customers for r in rows)

    def fmt(v: float) -> str:
        return f"{number(v, style.lang)} ({percent(v / total, style.lang)})" if total else ""

    _category_bars(style, ax, [label(r.segment, style.lang) for r in rows],
                   [([r.customers for r in rows], PURPLE, "")], fmt)
    if not total:
        no_data(style, ax)
    return fig


def _city_name(city: str | None, lang: str) -> str:
    if city is None:
        return word("no_city", lang)
    if city == OTHER:
        return word("other_cities", lang)
    return city


def cities(style: Style, report: Report, unit: str) -> Figure:
    fig = new_figure(style, "cities", period_text(report, style.lang))
    ax = fig.add_subplot()
    rows = report.cities
    _category_bars(style, ax, [_city_name(r.city, style.lang) for r in rows],
                   [([r.customers for r in rows], SKY, word("all_customers", style.lang)),
                    ([r.active for r in rows], BLUE, word("active", style.lang))])
    if not rows:
        no_data(style, ax)
    return fig


def top_services(style: Style, report: Report, unit: str) -> Figure:
    fig = new_figure(style, "top_services", period_text(report, style.lang), (10.0, 5.2))
    rows = report.top_services
    by_visits = sorted(rows, key=lambda r: -r.visits)[:10]
    by_revenue = sorted((r for r in rows if r.revenue), key=lambda r: -r.revenue)[:10]
    revenue, unit_words = money_values([r.revenue for r in by_revenue], unit, style.lang)
    left, right = fig.subplots(1, 2)
    first, second = (right, left) if style.rtl else (left, right)  # in reading order

    def name(row: Any) -> str:
        return row.service or word("no_service", style.lang)

    _category_bars(style, first, [name(r) for r in by_visits],
                   [([r.visits for r in by_visits], BLUE, "")])
    first.set_title(word("by_visits", style.lang), **style.text(fontsize=11))
    _category_bars(style, second, [name(r) for r in by_revenue], [(revenue, GREEN, "")],
                   lambda v: short_money(v, style.lang))
    second.set_title(word("by_revenue", style.lang, unit=unit_words), **style.text(fontsize=11))
    if not rows:
        no_data(style, first)
        no_data(style, second)
    return fig

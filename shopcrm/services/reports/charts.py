"""Charts of the report: ``matplotlib.figure.Figure`` objects, no pyplot, no Qt.

``build_figure(name, report, lang)`` draws one chart of a :class:`~.reports.Report`;
nothing global changes (fonts and sizes are set on each artist, never in ``rcParams``),
so figures can be built on a worker thread. The window embeds them with
``FigureCanvasQTAgg``; ``save_figure`` writes PNG or PDF through matplotlib's own
canvases (Agg for PNG).

Persian text is passed as typed: matplotlib 3.11 shapes it (HarfBuzz, right-to-left runs)
with the bundled Vazirmatn (``services.fonts``). Numbers have thousands separators, in
Persian digits in the ``fa`` variant. Time runs left to right in both languages, as charts
do in Persian too; bar charts of categories are mirrored in Persian (labels on the right,
bars growing leftwards) and legends put their text before the key.

matplotlib is imported inside the functions: ``import shopcrm`` stays light.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from shopcrm.domain.dates import jalali_month_name
from shopcrm.domain.text import to_persian_digits
from shopcrm.errors import InvalidInput, StorageError
from shopcrm.services.reports.series import OTHER, Report

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

CHARTS = ("visits_revenue", "new_returning", "retention", "absent_over_time",
          "rfm_segments", "cities", "top_services", "satisfaction", "messages", "winback")
FORMATS = (".png", ".pdf")
SIZE = (9.0, 5.0)  # inches: about 900 x 500 pixels on screen, readable on a laptop
EXPORT_DPI = 150

# Colours that stay apart for colour-blind readers (Okabe-Ito) and in grey print.
BLUE, ORANGE, GREEN, RED, SKY, GREY, PURPLE = ("#0072B2", "#E69F00", "#009E73", "#D55E00",
                                               "#56B4E9", "#9E9E9E", "#CC79A7")

# (fa, en) words of the charts.
WORDS: dict[str, tuple[str, str]] = {
    "visits_revenue": ("مراجعه‌ها و درآمد ماهانه", "Visits and revenue by month"),
    "new_returning": ("مشتریان تازه و بازگشتی", "New and returning customers"),
    "retention": ("نرخ ماندگاری مشتریان", "Customer retention rate"),
    "absent_over_time": ("مشتریان ثابتِ غایب در پایان هر ماه",
                         "Absent regulars at each month's end"),
    "rfm_segments": ("گروه‌بندی ارزش مشتریان", "RFM segments"),
    "cities": ("مشتریان به تفکیک شهر", "Customers by city"),
    "top_services": ("پرطرفدارترین خدمات", "Top services"),
    "satisfaction": ("میانگین رضایت مشتریان", "Average satisfaction"),
    "messages": ("پیامک و ایمیل", "SMS and email"),
    "winback": ("بازگرداندن مشتریان غایب", "Win-back of absent customers"),
    "visits": ("تعداد مراجعه", "Visits"),
    "revenue": ("درآمد", "Revenue"),
    "new": ("تازه", "New"),
    "returning": ("بازگشتی", "Returning"),
    "customers": ("مشتری", "Customers"),
    "rate": ("نرخ ماندگاری", "Retention rate"),
    "retail": ("میانگین خرده‌فروشی {pct}", "Retail average {pct}"),
    "absent": ("غایب", "Absent"),
    "absent_axis": ("تعداد مشتری غایب", "Absent customers"),
    "of_regulars": ("{day}: {n} غایب، {pct} از مشتریان ثابت",
                    "{day}: {n} absent, {pct} of regulars"),
    "running": ("(ماه {month} تا {day})", "({month} up to {day})"),
    "all_customers": ("همه‌ی مشتریان", "All customers"),
    "active": ("با مراجعه در این دوره", "Came in this period"),
    "other_cities": ("سایر شهرها", "Other cities"),
    "no_city": ("بدون شهر", "No city"),
    "no_service": ("بدون خدمت", "No service"),
    "by_visits": ("بر اساس تعداد مراجعه", "By visits"),
    "by_revenue": ("بر اساس درآمد ({unit})", "By revenue ({unit})"),
    "average": ("میانگین رضایت (از ۵)", "Average (out of 5)"),
    "ratings": ("تعداد نظر", "Ratings"),
    "sms": ("پیامک", "SMS"),
    "email": ("ایمیل", "Email"),
    "sent": ("ارسال‌شده", "Sent"),
    "delivered": ("رسیده", "Delivered"),
    "failed": ("ناموفق", "Failed"),
    "cost": ("هزینه ({unit})", "Cost ({unit})"),
    "cost_total": ("هزینه‌ی کل: {amount} {unit}", "Total cost: {amount} {unit}"),
    "contacted": ("تماس در زمان غیبت", "Contacted while absent"),
    "came_back": ("بازگشت در {days} روز", "Came back within {days} days"),
    "waiting": ("در انتظار", "Still waiting"),
    "winback_rate": ("بازگشت: {pct} از {n} مشتری", "Came back: {pct} of {n} customers"),
    "messages_axis": ("تعداد پیام", "Messages"),
    "no_data": ("برای این دوره داده‌ای نیست", "No data for this period"),
    "period": ("{start} تا {end}", "{start} to {end}"),
    "as_of": ("تا {day}", "as of {day}"),
    "rial": ("ریال", "rials"),
    "toman": ("تومان", "tomans"),
    "thousand": ("هزار", "thousand"),
    "million": ("میلیون", "million"),
    "billion": ("میلیارد", "billion"),
}


def word(key: str, lang: str, **values: Any) -> str:
    fa, en = WORDS[key]
    return (fa if lang == "fa" else en).format(**values)


def chart_title(name: str, lang: str = "fa") -> str:
    """The chart's title (also the label of its tab or menu entry)."""
    return word(name, lang)


# -- numbers -------------------------------------------------------------------------------


def number(value: float | int | None, lang: str, decimals: int | None = None) -> str:
    """``12,345`` or ``۱۲٬۳۴۵``; one decimal for a fraction (``۴٫۳``) unless told."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    text = f"{value:,.{decimals}f}"
    if lang == "fa":
        return to_persian_digits(text.replace(",", "٬").replace(".", "٫"))
    return text


def percent(value: float, lang: str) -> str:
    text = number(round(value * 100, 1), lang)
    return f"{text}٪" if lang == "fa" else f"{text}%"


def _money_scale(largest: float, unit: str, lang: str) -> tuple[float, str]:
    """Divisor from Rials and the unit's words, so axis numbers stay short."""
    base = 10.0 if unit == "toman" else 1.0
    value = largest / base
    for divisor, key in ((1e9, "billion"), (1e6, "million"), (1e3, "thousand")):
        if value >= divisor * 10:
            return base * divisor, f"{word(key, lang)} {word(unit, lang)}"
    return base, word(unit, lang)


# -- drawing helpers -----------------------------------------------------------------------


class _Style:
    def __init__(self, lang: str) -> None:
        from shopcrm.services.reports.fonts import register_fonts

        if lang not in ("fa", "en"):
            raise InvalidInput("report_bad_lang", lang=lang)
        self.lang = lang
        self.rtl = lang == "fa"
        self.family = register_fonts()

    def font(self, size: float = 10, bold: bool = False) -> Any:
        from matplotlib.font_manager import FontProperties

        return FontProperties(family=self.family, size=size,
                              weight="bold" if bold else "normal")

    def text(self, **extra: Any) -> dict[str, Any]:
        return {"fontfamily": self.family, **extra}

    def axes(self, ax: Axes, grid: Literal["both", "x", "y"] | None = "y") -> None:
        ax.tick_params(labelfontfamily=self.family, labelsize=10)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        if grid is not None:
            ax.grid(axis=grid, color="#dddddd", linewidth=0.8)
            ax.set_axisbelow(True)

    def count_axis(self, axis: Any, integer: bool = True) -> None:
        """Ticks with thousands separators (Persian digits in Persian)."""
        from matplotlib.ticker import FuncFormatter, MaxNLocator

        axis.set_major_locator(MaxNLocator(nbins=6, integer=integer, min_n_ticks=2))
        axis.set_major_formatter(FuncFormatter(lambda v, _pos: number(_tick(v), self.lang)))

    def legend(self, ax: Axes, handles: Sequence[Any] | None = None, **kw: Any) -> None:
        """A legend; by default one row above the plot, at the side reading starts from
        (so it never covers a bar), its text before the key in Persian."""
        options: dict[str, Any] = {"prop": self.font(kw.pop("fontsize", 10)),
                                   "frameon": False, "markerfirst": not self.rtl,
                                   "borderaxespad": 0.2, "handlelength": 1.6}
        if "loc" not in kw:
            options.update(loc="lower right" if self.rtl else "lower left",
                           bbox_to_anchor=(1.0, 1.0) if self.rtl else (0.0, 1.0),
                           ncols=len(handles) if handles is not None else 1)
        options.update(kw)
        handles = list(handles if handles is not None else
                       ax.get_legend_handles_labels()[0])
        if self.rtl and options.get("ncols", 1) > 1:
            handles.reverse()  # a row of entries reads from the right
        ax.legend(handles=handles, **options)


def _tick(value: float) -> float:
    """Round away float noise of tick positions (0.30000000000000004)."""
    rounded = round(value, 6)
    return 0.0 if rounded == 0 else rounded


def _figure(style: _Style, name: str, subtitle: str, size: tuple[float, float] = SIZE
            ) -> Figure:
    from matplotlib.figure import Figure
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    fig = Figure(figsize=size, dpi=100, layout=ConstrainedLayoutEngine(h_pad=0.1, w_pad=0.1))
    fig.suptitle(chart_title(name, style.lang), fontsize=15, fontweight="bold",
                 fontfamily=style.family)
    fig.supxlabel(subtitle, fontsize=9.5, color="#555555", fontfamily=style.family)
    return fig


def _month_name(m: Any, lang: str) -> str:
    year = to_persian_digits(str(m.year)) if lang == "fa" else str(m.year)
    return f"{jalali_month_name(m.month, lang)} {year}"


def _running(report: Report) -> bool:
    """Is the last month still running (its figures only up to the reference date)?"""
    return bool(report.months) and report.as_of < report.months[-1].last_day


def _period(report: Report, lang: str) -> str:
    """"Dey 1404 to Azar 1405 (Azar up to 1405/09/02)"."""
    text = word("period", lang, start=_month_name(report.months[0], lang),
                end=_month_name(report.months[-1], lang))
    if _running(report):
        text += " " + word("running", lang, month=jalali_month_name(
            report.months[-1].month, lang), day=_day(report.as_of, lang))
    return text


def _day(day: Any, lang: str) -> str:
    from shopcrm.domain.dates import format_jalali

    return format_jalali(day, persian_digits=lang == "fa")


def month_labels(report: Report, lang: str) -> list[str]:
    """Jalali month names; the year under the first month and under each Farvardin."""
    labels = []
    for i, m in enumerate(report.months):
        name = jalali_month_name(m.month, lang)
        if i == 0 or m.month == 1:
            year = to_persian_digits(str(m.year)) if lang == "fa" else str(m.year)
            name = f"{name}\n{year}"
        labels.append(name)
    return labels


def _month_axis(style: _Style, ax: Axes, report: Report) -> list[int]:
    positions = list(range(len(report.months)))
    labels = month_labels(report, style.lang)
    step = max(1, math.ceil(len(positions) / 13))
    if step > 1:  # long periods: every step-th month, and always each Farvardin
        labels = [text if i % step == 0 or report.months[i].month == 1 else ""
                  for i, text in enumerate(labels)]
    slanted = not style.rtl and sum(1 for text in labels if text) > 8  # Ordibehesht...
    if slanted:
        labels = [text.replace("\n", " ") for text in labels]
    ax.set_xticks(positions, labels)
    ax.tick_params(axis="x", length=0, pad=6)
    if slanted:
        for text in ax.get_xticklabels():
            text.set(rotation=30, ha="right", rotation_mode="anchor")
    ax.set_xlim(-0.6, len(positions) - 0.4)
    return positions


def _fade_running(report: Report, *containers: Any) -> None:
    """Paler bars for a month still running: its figures are not complete."""
    if not _running(report):
        return
    for bars in containers:
        if len(bars):
            bars[-1].set_alpha(0.45)
            bars[-1].set_hatch("///")


def _no_data(style: _Style, ax: Axes) -> None:
    ax.text(0.5, 0.5, word("no_data", style.lang), transform=ax.transAxes, ha="center",
            va="center", fontsize=13, color="#777777", fontfamily=style.family)


MAX_LABELLED = 13  # more bars or points than this: no value written on each (they touch)


def _label_bars(style: _Style, ax: Axes, bars: Any, values: Sequence[float],
                fmt: Callable[[float], str] | None = None) -> None:
    if len(values) > MAX_LABELLED:
        return
    fmt = fmt or (lambda v: number(v, style.lang))
    ax.bar_label(bars, labels=[fmt(v) if v else "" for v in values], fontsize=8.5,
                 fontfamily=style.family, padding=2)


def _headroom(ax: Axes, top: float, factor: float = 1.15) -> None:
    """Room above the tallest bar for its label (and the legend); 0-5 when empty."""
    ax.set_ylim(0, top * factor if top > 0 else 5)


def _money(values: Sequence[int], unit: str, lang: str) -> tuple[list[float], str]:
    """Rials in the unit the axis shows (e.g. billion tomans), and the unit's words."""
    divisor, words = _money_scale(max(values, default=0), unit, lang)
    return [v / divisor for v in values], words


def _short(value: float, lang: str) -> str:
    """A money figure on a scaled axis: whole, or one decimal below 100."""
    return number(round(value) if value >= 100 else round(value, 1), lang)


# -- the charts ----------------------------------------------------------------------------


def _visits_revenue(style: _Style, report: Report, unit: str) -> Figure:
    points = report.visits_revenue
    fig = _figure(style, "visits_revenue", _period(report, style.lang))
    ax = fig.add_subplot()
    style.axes(ax)
    x = _month_axis(style, ax, report)
    visits = [p.visits for p in points]
    revenue, unit_words = _money([p.revenue for p in points], unit, style.lang)
    bars = ax.bar(x, visits, color=SKY, width=0.65, label=word("visits", style.lang))
    _fade_running(report, bars)
    ax.set_ylabel(word("visits", style.lang), **style.text(fontsize=11))
    style.count_axis(ax.yaxis)
    _headroom(ax, max(visits, default=0), 1.1)
    right = ax.twinx()
    style.axes(right, grid=None)
    right.spines["right"].set_visible(True)
    revenue_label = f"{word('revenue', style.lang)} ({unit_words})"
    line = right.plot(x, revenue, color=RED, marker="o", linewidth=2.2,
                      label=revenue_label)[0]
    right.set_ylabel(revenue_label, **style.text(fontsize=11))
    style.count_axis(right.yaxis, integer=max(revenue, default=0) >= 5)
    _headroom(right, max(revenue, default=0), 1.1)
    style.legend(ax, [bars, line])
    if not any(visits) and not any(revenue):
        _no_data(style, ax)
    return fig


def _new_returning(style: _Style, report: Report, unit: str) -> Figure:
    points = report.new_returning
    fig = _figure(style, "new_returning", _period(report, style.lang))
    ax = fig.add_subplot()
    style.axes(ax)
    x = _month_axis(style, ax, report)
    new = [p.new for p in points]
    returning = [p.returning for p in points]
    totals = [a + b for a, b in zip(new, returning, strict=True)]
    a = ax.bar(x, returning, color=BLUE, width=0.65, label=word("returning", style.lang))
    b = ax.bar(x, new, bottom=returning, color=ORANGE, width=0.65,
               label=word("new", style.lang))
    _fade_running(report, a, b)
    _label_bars(style, ax, b, totals)
    ax.set_ylabel(word("customers", style.lang), **style.text(fontsize=11))
    style.count_axis(ax.yaxis)
    _headroom(ax, max(totals, default=0), 1.12)
    style.legend(ax, [b, a])
    if not any(totals):
        _no_data(style, ax)
    return fig


def _retention(style: _Style, report: Report, unit: str) -> Figure:
    from matplotlib.ticker import FuncFormatter

    fig = _figure(style, "retention", _period(report, style.lang))
    ax = fig.add_subplot()
    style.axes(ax)
    x = _month_axis(style, ax, report)
    rates = [math.nan if p.rate is None else p.rate for p in report.retention]
    line = ax.plot(x, rates, color=BLUE, marker="o", linewidth=2.2,
                   label=word("rate", style.lang))[0]
    if _running(report) and not math.isnan(rates[-1]):  # hollow: a month not over yet
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
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: percent(_tick(v), style.lang)))
    ax.set_ylabel(word("rate", style.lang), **style.text(fontsize=11))
    style.legend(ax, handles)
    if not known:
        _no_data(style, ax)
    return fig


def _absent_over_time(style: _Style, report: Report, unit: str) -> Figure:
    points = report.absent_over_time
    subtitle = _period(report, style.lang)
    last = points[-1] if points else None
    if last is not None and last.regulars:
        subtitle = (word("of_regulars", style.lang, n=number(last.absent, style.lang),
                         pct=percent(last.absent / last.regulars, style.lang),
                         day=_day(last.as_of, style.lang)) + " — " + subtitle)
    fig = _figure(style, "absent_over_time", subtitle)
    ax = fig.add_subplot()
    style.axes(ax)
    x = _month_axis(style, ax, report)
    absent = [p.absent for p in points]
    bars = ax.bar(x, absent, color=RED, width=0.65, alpha=0.9)
    _label_bars(style, ax, bars, absent)
    ax.set_ylabel(word("absent_axis", style.lang), **style.text(fontsize=11))
    style.count_axis(ax.yaxis)
    _headroom(ax, max(absent, default=0))
    if not any(absent):
        _no_data(style, ax)
    return fig


def _category_bars(style: _Style, ax: Axes, labels: Sequence[str],
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


def _rfm_segments(style: _Style, report: Report, unit: str) -> Figure:
    from shopcrm.domain.rfm import label

    fig = _figure(style, "rfm_segments", word("as_of", style.lang,
                                              day=_day(report.as_of, style.lang)))
    ax = fig.add_subplot()
    rows = report.rfm_segments
    total = sum(r.customers for r in rows)

    def fmt(v: float) -> str:
        return f"{number(v, style.lang)} ({percent(v / total, style.lang)})" if total else ""

    _category_bars(style, ax, [label(r.segment, style.lang) for r in rows],
                   [([r.customers for r in rows], PURPLE, "")], fmt)
    if not total:
        _no_data(style, ax)
    return fig


def _city_name(city: str | None, lang: str) -> str:
    if city is None:
        return word("no_city", lang)
    if city == OTHER:
        return word("other_cities", lang)
    return city


def _cities(style: _Style, report: Report, unit: str) -> Figure:
    fig = _figure(style, "cities", _period(report, style.lang))
    ax = fig.add_subplot()
    rows = report.cities
    _category_bars(style, ax, [_city_name(r.city, style.lang) for r in rows],
                   [([r.customers for r in rows], SKY, word("all_customers", style.lang)),
                    ([r.active for r in rows], BLUE, word("active", style.lang))])
    if not rows:
        _no_data(style, ax)
    return fig


def _top_services(style: _Style, report: Report, unit: str) -> Figure:
    fig = _figure(style, "top_services", _period(report, style.lang), (10.0, 5.2))
    rows = report.top_services
    by_visits = sorted(rows, key=lambda r: -r.visits)[:10]
    by_revenue = sorted((r for r in rows if r.revenue), key=lambda r: -r.revenue)[:10]
    revenue, unit_words = _money([r.revenue for r in by_revenue], unit, style.lang)
    left, right = fig.subplots(1, 2)
    first, second = (right, left) if style.rtl else (left, right)  # in reading order

    def name(row: Any) -> str:
        return row.service or word("no_service", style.lang)

    _category_bars(style, first, [name(r) for r in by_visits],
                   [([r.visits for r in by_visits], BLUE, "")])
    first.set_title(word("by_visits", style.lang), **style.text(fontsize=11))
    _category_bars(style, second, [name(r) for r in by_revenue], [(revenue, GREEN, "")],
                   lambda v: _short(v, style.lang))
    second.set_title(word("by_revenue", style.lang, unit=unit_words), **style.text(fontsize=11))
    if not rows:
        _no_data(style, first)
        _no_data(style, second)
    return fig


def _satisfaction(style: _Style, report: Report, unit: str) -> Figure:
    points = report.satisfaction
    fig = _figure(style, "satisfaction", _period(report, style.lang))
    ax = fig.add_subplot()
    style.axes(ax)
    x = _month_axis(style, ax, report)
    counts = [p.ratings for p in points]
    bars = ax.bar(x, counts, color="#d9d9d9", width=0.65, label=word("ratings", style.lang))
    _fade_running(report, bars)
    ax.set_ylabel(word("ratings", style.lang), **style.text(fontsize=11))
    style.count_axis(ax.yaxis)
    _headroom(ax, max(counts, default=0), 1.5)
    right = ax.twinx()
    style.axes(right, grid=None)
    right.spines["right"].set_visible(True)
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
        _no_data(style, ax)
    return fig


def _grouped(style: _Style, ax: Axes, report: Report, x: Sequence[int],
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
            _label_bars(style, ax, bars, values)
        handles.append(bars)
    return handles


def _messages(style: _Style, report: Report, unit: str) -> Figure:
    fig = _figure(style, "messages", _period(report, style.lang), (9.0, 8.0))
    axes = fig.subplots(3, 1, sharex=True)
    n = len(report.months)
    by_channel = {ch: [p for p in report.messages if p.channel == ch] for ch in ("sms", "email")}
    for ax, channel in zip(axes[:2], ("sms", "email"), strict=True):
        style.axes(ax)
        points = by_channel[channel]
        x = _month_axis(style, ax, report)
        series = [([getattr(p, kind) for p in points] or [0] * n, colour, word(kind, style.lang))
                  for kind, colour in (("sent", BLUE), ("delivered", GREEN), ("failed", RED))]
        handles = _grouped(style, ax, report, x, series, labels=n <= 12)
        top = max((max(values, default=0) for values, _c, _l in series), default=0)
        _headroom(ax, top, 1.2)
        style.count_axis(ax.yaxis)
        ax.set_title(word(channel, style.lang), loc="right" if style.rtl else "left",
                     **style.text(fontsize=11, fontweight="bold"))
        ax.set_ylabel(word("messages_axis", style.lang), **style.text(fontsize=10))
        style.legend(ax, handles, fontsize=9, ncols=3, loc="lower left" if style.rtl
                     else "lower right", bbox_to_anchor=(0.0, 1.0) if style.rtl else (1.0, 1.0))
        if not top:
            _no_data(style, ax)
    ax = axes[2]
    style.axes(ax)
    x = _month_axis(style, ax, report)
    sms = [p.cost for p in by_channel["sms"]] or [0] * n
    email = [p.cost for p in by_channel["email"]] or [0] * n
    totals = [a + b for a, b in zip(sms, email, strict=True)]
    divisor, unit_words = _money_scale(max(totals, default=0), unit, style.lang)
    a = ax.bar(x, [v / divisor for v in sms], color=ORANGE, width=0.65,
               label=word("sms", style.lang))
    b = ax.bar(x, [v / divisor for v in email], bottom=[v / divisor for v in sms], color=SKY,
               width=0.65, label=word("email", style.lang))
    _label_bars(style, ax, b, [v / divisor for v in totals], lambda v: _short(v, style.lang))
    _headroom(ax, max(totals, default=0) / divisor, 1.2)
    style.count_axis(ax.yaxis, integer=max(totals, default=0) / divisor >= 5)
    ax.set_ylabel(word("cost", style.lang, unit=unit_words), **style.text(fontsize=10))
    ax.set_title(word("cost_total", style.lang, amount=_short(sum(totals) / divisor,
                                                               style.lang), unit=unit_words),
                 loc="right" if style.rtl else "left", **style.text(fontsize=11,
                                                                    fontweight="bold"))
    style.legend(ax, [a, b], fontsize=9, ncols=2, loc="lower left" if style.rtl
                 else "lower right", bbox_to_anchor=(0.0, 1.0) if style.rtl else (1.0, 1.0))
    return fig


def _winback(style: _Style, report: Report, unit: str) -> Figure:
    points = report.winback
    contacted = sum(p.contacted for p in points)
    back = sum(p.came_back for p in points)
    subtitle = _period(report, style.lang)
    if contacted:
        subtitle = (word("winback_rate", style.lang, pct=percent(back / contacted, style.lang),
                         n=number(contacted, style.lang)) + " — " + subtitle)
    fig = _figure(style, "winback", subtitle)
    ax = fig.add_subplot()
    style.axes(ax)
    x = _month_axis(style, ax, report)
    days = number(report.winback_days, style.lang)
    series = (([p.contacted for p in points], SKY, word("contacted", style.lang)),
              ([p.came_back for p in points], GREEN, word("came_back", style.lang, days=days)),
              ([p.waiting for p in points], GREY, word("waiting", style.lang)))
    handles = _grouped(style, ax, report, x, series)
    top = max((max(values, default=0) for values, _c, _l in series), default=0)
    _headroom(ax, top, 1.15)
    style.count_axis(ax.yaxis)
    ax.set_ylabel(word("customers", style.lang), **style.text(fontsize=11))
    style.legend(ax, handles)
    if not top:
        _no_data(style, ax)
    return fig


_BUILDERS: dict[str, Callable[[_Style, Report, str], Figure]] = {
    "visits_revenue": _visits_revenue,
    "new_returning": _new_returning,
    "retention": _retention,
    "absent_over_time": _absent_over_time,
    "rfm_segments": _rfm_segments,
    "cities": _cities,
    "top_services": _top_services,
    "satisfaction": _satisfaction,
    "messages": _messages,
    "winback": _winback,
}


# -- the API -------------------------------------------------------------------------------


def build_figure(name: str, data: Report, lang: str = "fa", *, unit: str = "rial") -> Figure:
    """The chart ``name`` (one of ``CHARTS``) of ``data``, in Persian or English.

    ``unit`` (``rial``/``toman``) is how money axes are labelled (data stays in Rials).
    Safe on a worker thread: no pyplot, no Qt, no global state; attach the figure to a
    ``FigureCanvasQTAgg`` on the GUI thread, or give it to ``save_figure``.
    """
    if name not in _BUILDERS:
        raise InvalidInput("report_unknown_chart", name=name, names=", ".join(CHARTS))
    if unit not in ("rial", "toman"):
        raise InvalidInput("bad_setting", key="ui.currency", detail=unit)
    if name not in data.series:
        raise InvalidInput("report_series_missing", name=name)
    return _BUILDERS[name](_Style(lang), data, unit)


def _canvas(fig: Figure) -> None:
    from matplotlib.backend_bases import FigureCanvasBase
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if type(fig.canvas) is FigureCanvasBase:  # a bare figure: draw it with Agg
        FigureCanvasAgg(fig)


def save_figure(fig: Figure, path: str | Path, dpi: int = EXPORT_DPI) -> Path:
    """Write ``fig`` as PNG or PDF, by the file's extension (a figure shown in the window
    keeps its Qt canvas: matplotlib prints through Agg or its PDF backend meanwhile)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InvalidInput("report_bad_format", file=str(path), formats=", ".join(FORMATS))
    _canvas(fig)
    try:
        fig.savefig(path, format=suffix[1:], dpi=dpi)
    except OSError as exc:
        raise StorageError("report_write_failed", file=str(path),
                           detail=exc.strerror or str(exc)) from exc
    return path


def render_png(fig: Figure, dpi: int = 100) -> bytes:
    """The figure as PNG bytes (previews, tests)."""
    import io

    _canvas(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()

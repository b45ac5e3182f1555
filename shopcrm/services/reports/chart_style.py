"""Drawing helpers of the charts: the style of one language (fonts, axes, legends), the
figure, the Jalali month axis, bar labels and headroom, money on a scaled axis.

matplotlib is imported inside the functions: ``import shopcrm`` stays light.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from shopcrm.domain.dates import jalali_month_name
from shopcrm.domain.text import to_persian_digits
from shopcrm.errors import InvalidInput
from shopcrm.services.reports.chart_words import chart_title, money_scale, number, word
from shopcrm.services.reports.report_data import Report

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

SIZE = (9.0, 5.0)  # inches: about 900 x 500 pixels on screen, readable on a laptop

# Colours that stay apart for colour-blind readers (Okabe-Ito) and in grey print.
BLUE, ORANGE, GREEN, RED, SKY, GREY, PURPLE = ("#0072B2", "#E69F00", "#009E73", "#D55E00",
                                               "#56B4E9", "#9E9E9E", "#CC79A7")


class Style:
    """The fonts, axes and legends of the charts in one language (``fa`` or ``en``)."""

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
        axis.set_major_formatter(FuncFormatter(lambda v, _pos: number(tick(v), self.lang)))

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


def tick(value: float) -> float:
    """Round away float noise of tick positions (0.30000000000000004)."""
    rounded = round(value, 6)
    return 0.0 if rounded == 0 else rounded


def new_figure(style: Style, name: str, subtitle: str, size: tuple[float, float] = SIZE
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


def is_running(report: Report) -> bool:
    """Is the last month still running (its figures only up to the reference date)?"""
    return bool(report.months) and report.as_of < report.months[-1].last_day


def period_text(report: Report, lang: str) -> str:
    """"Dey 1404 to Azar 1405 (Azar up to 1405/09/02)"."""
    text = word("period", lang, start=_month_name(report.months[0], lang),
                end=_month_name(report.months[-1], lang))
    if is_running(report):
        text += " " + word("running", lang, month=jalali_month_name(
            report.months[-1].month, lang), day=day_text(report.as_of, lang))
    return text


def day_text(day: Any, lang: str) -> str:
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


def month_axis(style: Style, ax: Axes, report: Report) -> list[int]:
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


def fade_running(report: Report, *containers: Any) -> None:
    """Paler bars for a month still running: its figures are not complete."""
    if not is_running(report):
        return
    for bars in containers:
        if len(bars):
            bars[-1].set_alpha(0.45)
            bars[-1].set_hatch("///")


def no_data(style: Style, ax: Axes) -> None:
    ax.text(0.5, 0.5, word("no_data", style.lang), transform=ax.transAxes, ha="center",
            va="center", fontsize=13, color="#777777", fontfamily=style.family)


MAX_LABELLED = 13  # more bars or points than this: no value written on each (they touch)


def label_bars(style: Style, ax: Axes, bars: Any, values: Sequence[float],
               fmt: Callable[[float], str] | None = None) -> None:
    if len(values) > MAX_LABELLED:
        return
    fmt = fmt or (lambda v: number(v, style.lang))
    ax.bar_label(bars, labels=[fmt(v) if v else "" for v in values], fontsize=8.5,
                 fontfamily=style.family, padding=2)


def headroom(ax: Axes, top: float, factor: float = 1.15) -> None:
    """Room above the tallest bar for its label (and the legend); 0-5 when empty."""
    ax.set_ylim(0, top * factor if top > 0 else 5)


def bars_and_right_axis(style: Style, ax: Axes, report: Report, x: Sequence[int],
                        counts: Sequence[int], colour: str, label: str, room: float
                        ) -> tuple[Any, Axes]:
    """Monthly count bars on ``ax`` (the running month paler, the axis labelled with
    ``label``), and a second axis on the right, of its own scale and without a grid, for
    the line drawn over them."""
    bars = ax.bar(x, counts, color=colour, width=0.65, label=label)
    fade_running(report, bars)
    ax.set_ylabel(label, **style.text(fontsize=11))
    style.count_axis(ax.yaxis)
    headroom(ax, max(counts, default=0), room)
    right = ax.twinx()
    style.axes(right, grid=None)
    right.spines["right"].set_visible(True)
    return bars, right


def money_values(values: Sequence[int], unit: str, lang: str) -> tuple[list[float], str]:
    """Rials in the unit the axis shows (e.g. billion tomans), and the unit's words."""
    divisor, words = money_scale(max(values, default=0), unit, lang)
    return [v / divisor for v in values], words


def short_money(value: float, lang: str) -> str:
    """A money figure on a scaled axis: whole, or one decimal below 100."""
    return number(round(value) if value >= 100 else round(value, 1), lang)

"""The Reports page: the book at a glance.

A period (the last 12 Jalali months, this Jalali year, or any months from/to), five
headline numbers (customers, regulars, absent now, retention this year, revenue this month)
and the charts of ``shopcrm.services.reports.charts`` one under the other, each with Save as PNG
and PDF.

Nothing heavy runs on the GUI thread: the headline numbers, the report's series and the
figures (with a first Agg draw at their final size) are computed on reader threads
(``ui.charts.build_figures``); the GUI thread only wraps the finished figures in
``FigureCanvasQTAgg`` canvases. The page computes when it is first shown (never at
start-up) and again after the book changes; the newest answer wins.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from shopcrm.domain.dates import from_jalali, jalali_month_name, local_today, to_jalali
from shopcrm.error_text import describe
from shopcrm.longwork import Progress, is_cancelled
from ui.app_context import AppContext
from ui.display import isolate
from ui.gc_pause import gc_paused
from ui.pages.base import Page
from ui.widgets.fields import DateEdit
from ui.widgets.notice import Notice

if TYPE_CHECKING:
    from shopcrm.config import SettingsView

CARD_MARGIN = 8
STYLE = """
QFrame#headline { background: #f6f8fc; border: 1px solid #e1e6f0; border-radius: 8px; }
QLabel#headlineValue { font-size: 16pt; font-weight: bold; color: #1a3f9c; }
QFrame#chartCard { background: white; border: 1px solid #e6e8ec; border-radius: 8px; }
"""


@dataclass
class Charts:
    """What the worker hands back: the report, a picture per chart, the charts that failed."""

    report: Any
    pictures: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, BaseException] = field(default_factory=dict)
    seconds: float = 0.0


def compute_charts(db: Any, settings: SettingsView, start: date | None, end: date | None, lang: str,
                   unit: str, width: int, ratio: float,
                   cancel: Any, parallel: Any = None):  # type: ignore[no-untyped-def]
    """The report's series, then each chart built and drawn (a reader thread): progress
    per chart, then ``Charts``."""
    from shopcrm.services.reports.charts import CHARTS
    from shopcrm.services.reports.series import build_report
    from ui.charts import render_chart

    total = len(CHARTS) + 1
    yield Progress(0, total, "charts")
    started = time.perf_counter()
    with gc_paused():
        result = Charts(build_report(db, start, end, settings=settings, parallel=parallel))
        for n, name in enumerate(CHARTS, start=1):
            yield Progress(n, total, "charts")
            if is_cancelled(cancel):
                break
            try:
                result.pictures[name] = render_chart(result.report, name, lang, unit, width,
                                                     ratio)
            except Exception as exc:  # one chart failing never hides the others
                result.errors[name] = exc
    result.seconds = time.perf_counter() - started
    return result


def render_again(report: Any, sizes: dict[str, tuple[int, int]], lang: str, unit: str,
                 ratio: float) -> dict[str, Any]:
    """Charts drawn again at their canvas's new size (a reader thread, after a resize)."""
    from ui.charts import render_chart

    with gc_paused():
        return {name: render_chart(report, name, lang, unit, width, ratio, height)
                for name, (width, height) in sizes.items()}


def load_winback(db: Any, settings: SettingsView, start: Any, end: Any) -> Any:
    """Came back after contact in the report's period up to the day it counts to (today
    in the running month), the one win-back computation."""
    from shopcrm.domain.absence import AbsenceRules
    from shopcrm.services.absence.winback_totals import winback_summary
    from shopcrm.services.reports.series import report_period

    period = report_period(start, end)
    return winback_summary(db, AbsenceRules.from_settings(settings), period.start, period.as_of)
def load_loyalty_headline(db: Any, settings: SettingsView) -> Any:
    """The loyalty report for this Jalali year (members against the others)."""
    from shopcrm.services.loyalty.report import loyalty_report

    return loyalty_report(db, settings, period="year", start=local_today())


def load_headlines(db: Any, settings: SettingsView) -> Any:
    from shopcrm.services.reports.headlines import headlines

    return headlines(db, settings)


class Headline(QFrame):
    """One number with its caption."""

    def __init__(self, name: str, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("headline")
        self.value = QLabel("…")
        self.value.setObjectName("headlineValue")
        self.value.setAccessibleName(name)
        self.caption = QLabel(caption)
        self.caption.setObjectName("hint")
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.setSpacing(2)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set(self, value: str, caption: str | None = None) -> None:
        self.value.setText(value)
        if caption is not None:
            self.caption.setText(caption)


class ChartCard(QFrame):
    """A chart's canvas with its Save buttons (or the sentence saying why it is missing)."""

    def __init__(self, page: ReportsPage, name: str, picture: Any = None,
                 error: str = "") -> None:
        super().__init__(page.charts_box)
        self.setObjectName("chartCard")
        self.name = name
        self.canvas: Any = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(CARD_MARGIN, 6, CARD_MARGIN, 6)
        if picture is not None:
            from ui.charts import chart_canvas

            self.canvas = chart_canvas(picture, self, rerender=page.rerender_later)
            self.canvas.setObjectName(f"chart-{name}")
            layout.addWidget(self.canvas)
        else:
            label = QLabel(error)
            label.setWordWrap(True)
            label.setObjectName("fieldError")
            layout.addWidget(label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for suffix, text in ((".png", self.tr("Save as PNG…")), (".pdf", self.tr("Save as PDF…"))):
            button = QPushButton(text)
            button.setObjectName(f"save-{name}{suffix}")
            button.setEnabled(picture is not None)
            button.clicked.connect(functools.partial(page.choose_chart_file, name, suffix))
            buttons.addWidget(button)
        layout.addLayout(buttons)


class ReportsPage(Page):
    key = "reports"
    icon_name = "reports"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.display = ctx.display
        self.report: Any = None
        self.cards: dict[str, ChartCard] = {}
        self._stale = True
        self._generation = 0
        self._charts_job: Any = None
        self._headlines_pending = False
        self.last_seconds = 0.0
        self._resized: dict[str, tuple[int, int]] = {}
        self._rerender_job: Any = None
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(250)
        self._resize_timer.timeout.connect(self._rerender)
        self.setStyleSheet(STYLE)
        heading = QLabel(self.tr("Reports"))
        heading.setObjectName("pageTitle")
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("periodCombo")
        year = to_jalali(local_today())[0]
        self.period_combo.addItem(self.tr("The last 12 months"), "months")
        self.period_combo.addItem(self.tr("This year ({year})").format(
            year=self.display.digits(str(year))), "year")
        self.period_combo.addItem(self.tr("From… to…"), "custom")
        self.period_combo.activated.connect(lambda _i: self._period_chosen())
        self.from_edit = DateEdit(self.display)
        self.from_edit.setObjectName("periodFrom")
        self.to_edit = DateEdit(self.display)
        self.to_edit.setObjectName("periodTo")
        self.from_edit.setMaximumWidth(170)
        self.to_edit.setMaximumWidth(170)
        self.from_label = QLabel(self.tr("from"))
        self.to_label = QLabel(self.tr("to"))
        self.show_button = QPushButton(self.tr("Show"))
        self.show_button.clicked.connect(self.reload)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("Period:")))
        top.addWidget(self.period_combo)
        for widget in (self.from_label, self.from_edit, self.to_label, self.to_edit,
                       self.show_button):
            top.addWidget(widget)
        self._custom_widgets = (self.from_label, self.from_edit, self.to_label, self.to_edit,
                                self.show_button)

        self.headlines = {
            "customers": Headline("customers", self.tr("customers in the book")),
            "regulars": Headline("regulars", self.tr("regulars")),
            "absent": Headline("absent", self.tr("regulars absent now")),
            "retention": Headline("retention", self.tr("retention this year")),
            "revenue": Headline("revenue", self.tr("revenue this month")),
            "winback": Headline("winback", self.tr("won back after contact")),
            "loyalty": Headline("loyalty", self.tr("club members kept this year")),
        }
        self.headlines["loyalty"].hide()  # shown once the club has members
        strip = QHBoxLayout()
        for card in self.headlines.values():
            strip.addWidget(card, 1)

        self.notice = Notice(self)
        self.progress = QProgressBar()
        self.progress.setMaximumHeight(12)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.charts_box = QWidget()
        self.charts_layout = QVBoxLayout(self.charts_box)
        self.charts_layout.setContentsMargins(0, 0, 0, 0)
        self.charts_layout.setSpacing(12)
        self.placeholder = QLabel(self.tr("Drawing the charts…"))
        self.placeholder.setObjectName("hint")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.charts_layout.addWidget(self.placeholder)
        self.charts_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("chartsScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self.charts_box)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addLayout(strip)
        layout.addWidget(self.notice)
        layout.addWidget(self.progress)
        layout.addWidget(self.scroll_area, 1)
        self._show_custom(False)
        ctx.events.book_changed.connect(self._book_changed)

    def title(self) -> str:
        return self.tr("Reports")

    def activated(self) -> None:
        if self._stale:
            self.reload()

    def ready(self) -> bool:
        return (self._charts_job is None and not self._headlines_pending
                and self._rerender_job is None and not self._resized)

    @Slot(str)
    def _book_changed(self, _what: str) -> None:
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    # -- the period ------------------------------------------------------------------------
    def _show_custom(self, shown: bool) -> None:
        for widget in self._custom_widgets:
            widget.setVisible(shown)

    def _period_chosen(self) -> None:
        custom = self.period_combo.currentData() == "custom"
        self._show_custom(custom)
        if custom:
            if not self.from_edit.text() and self.report is not None:
                self.from_edit.set_date(self.report.start)
                self.to_edit.set_date(self.report.as_of)
            self.from_edit.edit.setFocus()
            return
        self.reload()

    def set_period(self, kind: str, start: date | None = None, end: date | None = None
                   ) -> None:
        """Choose the period as the owner would (tests, remembered state)."""
        self.period_combo.setCurrentIndex(self.period_combo.findData(kind))
        self._show_custom(kind == "custom")
        if kind == "custom":
            self.from_edit.set_date(start)
            self.to_edit.set_date(end)

    def period(self) -> tuple[date | None, date | None]:
        kind = self.period_combo.currentData()
        if kind == "year":
            today = local_today()
            return from_jalali(to_jalali(today)[0], 1, 1), today
        if kind == "custom":
            return self.from_edit.value(), self.to_edit.value()
        return None, None

    # -- computing -------------------------------------------------------------------------
    def chart_width(self) -> int:
        """The width a chart's canvas will have: the scroll area's width less the card's
        margins and border (a wrong guess only costs one more drawing on a worker)."""
        for card in self.cards.values():
            if card.canvas is not None and card.canvas.width() > 0:
                return card.canvas.width()
        width = self.scroll_area.viewport().width() if self.isVisible() else self.width() - 60
        return max(width - 2 * CARD_MARGIN - 2, 480)

    @Slot()
    def reload(self) -> None:
        kind = self.period_combo.currentData()
        if kind == "custom" and not (self.from_edit.is_valid() and self.to_edit.is_valid()
                                     and self.from_edit.value() and self.to_edit.value()):
            self.notice.show_message(self.tr("Type both dates of the period, like {example}."
                                             ).format(example=self.display.digits(
                                                 "1403/01/01")), kind="error")
            return
        self._stale = False
        self._generation += 1
        generation = self._generation
        self.notice.hide()
        if self._charts_job is not None:
            self._charts_job.cancel()
        start, end = self.period()
        self.progress.setRange(0, 0)
        self.progress.show()
        db, settings, lang = self.ctx.db, self.ctx.settings, self.ctx.lang
        unit, width, ratio = self.display.currency, self.chart_width(), self.devicePixelRatioF()
        self._headlines_pending = True
        self.ctx.workers.run(load_headlines, db, settings, name="report-headlines",
                             on_done=functools.partial(self._headlines_loaded, generation),
                             on_error=functools.partial(self._failed, generation))
        self.ctx.workers.run(load_winback, db, settings, start, end, name="report-winback",
                             on_done=functools.partial(self._winback_loaded, generation),
                             on_error=lambda _e: None)
        self.ctx.workers.run(load_loyalty_headline, db, settings, name="report-loyalty",
                             on_done=functools.partial(self._loyalty_loaded, generation),
                             on_error=functools.partial(self._failed, generation))
        self._charts_job = self.ctx.workers.run_generator(
            lambda cancel: compute_charts(db, settings, start, end, lang, unit, width, ratio,
                                          cancel, self.ctx.workers.submit),
            on_progress=self._progress, writer=False, name="report-charts",
            on_done=functools.partial(self._charts_built, generation),
            on_error=functools.partial(self._failed, generation))
        if self._charts_job.done:  # the test pool ran it before it was stored
            self._charts_job = None

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _headlines_loaded(self, generation: int, numbers: Any) -> None:
        if generation != self._generation:
            return
        self._headlines_pending = False
        n, d = self.display.number, self.display
        self.headlines["customers"].set(n(numbers.customers))
        self.headlines["regulars"].set(n(numbers.regulars))
        absent_share = (self.tr("regulars absent now ({share} of regulars)").format(
            share=self.percent(numbers.absent / numbers.regulars))
            if numbers.regulars else self.tr("regulars absent now"))
        self.headlines["absent"].set(n(numbers.absent), absent_share)
        self.headlines["retention"].set(
            self.percent(numbers.retention) if numbers.retention is not None else "—",
            self.tr("retention in {year} (retail average {average})").format(
                year=d.digits(str(numbers.year)), average=self.percent(0.63)))
        self.headlines["revenue"].set(
            d.money(numbers.revenue_month, with_unit=True),
            self.tr("revenue in {month} ({visits} visits)").format(
                month=jalali_month_name(numbers.month, self.ctx.lang),
                visits=n(numbers.visits_month)))

    def _winback_loaded(self, generation: int, summary: Any) -> None:
        from ui.widgets.winback_line import WinbackWords

        if generation != self._generation:
            return
        self.winback_summary = summary
        self.headlines["winback"].set(self.display.money(summary.revenue, with_unit=True),
                                      WinbackWords(self).period_sentence(self.display, summary))
    def _loyalty_loaded(self, generation: int, report: Any) -> None:
        """Members' retention this year against the others' (the loyalty report)."""
        if generation != self._generation:
            return
        card = self.headlines["loyalty"]
        card.setVisible(report.members > 0)
        if not report.periods:
            return
        ours, theirs = report.periods[-1]
        card.set(self.percent(ours.rate) if ours.rate is not None else "—",
                 self.tr("club members kept in {year}; others {rate}").format(
                     year=self.display.digits(ours.label),
                     rate=self.percent(theirs.rate) if theirs.rate is not None else "—"))

    def percent(self, value: float) -> str:
        """``۸۰٪`` read as in a Persian sentence (the sign after the number, at its left:
        the Arabic letter mark makes a lone number behave as it does after Persian words);
        ``80%`` in English."""
        whole = round(value * 100)
        if self.ctx.lang == "fa":
            return f"\u061c{self.display.number(whole)}٪"
        return f"{whole}%"

    def _charts_built(self, generation: int, result: Charts) -> None:
        if generation != self._generation:
            return
        self._charts_job = None
        self.progress.hide()
        self.report = result.report
        self.last_seconds = result.seconds
        self._clear_charts()
        from shopcrm.services.reports.charts import CHARTS

        for name in CHARTS:
            picture = result.pictures.get(name)
            error = result.errors.get(name)
            if picture is None and error is None:
                continue
            card = ChartCard(self, name, picture, describe(error, self.ctx.lang)
                             if error is not None else "")
            self.charts_layout.insertWidget(self.charts_layout.count() - 1, card)
            self.cards[name] = card

    # -- a new size: new pictures, drawn on a worker ---------------------------------------
    def rerender_later(self, canvas: Any, size: tuple[int, int]) -> None:
        """A canvas changed size: draw its chart again, off the GUI thread, once the size
        settles (a window being dragged asks many times)."""
        self._resized[canvas.picture.name] = size
        self._resize_timer.start()

    def _rerender(self) -> None:
        if self.report is None or not self._resized:
            return
        if self._rerender_job is not None:
            self._resize_timer.start()  # one at a time; the newest size wins after it
            return
        sizes, self._resized = self._resized, {}
        sizes = {n: size for n, size in sizes.items()
                 if n in self.cards and self.cards[n].canvas is not None}
        generation = self._generation
        self._rerender_job = self.ctx.workers.run(
            render_again, self.report, sizes, self.ctx.lang, self.display.currency,
            self.devicePixelRatioF(), name="charts-resize",
            on_done=functools.partial(self._rerendered, generation),
            on_error=functools.partial(self._rerender_failed, generation))
        if self._rerender_job.done:
            self._rerender_job = None

    def _rerendered(self, generation: int, pictures: dict[str, Any]) -> None:
        self._rerender_job = None
        if generation == self._generation:
            for name, picture in pictures.items():
                card = self.cards.get(name)
                if card is not None and card.canvas is not None:
                    card.canvas.set_picture(picture)
        if self._resized:
            self._resize_timer.start()

    def _rerender_failed(self, generation: int, error: BaseException) -> None:
        self._rerender_job = None
        self._failed(generation, error)

    def _clear_charts(self) -> None:
        self.placeholder.hide()
        for card in self.cards.values():
            card.hide()
            card.deleteLater()
        self.cards = {}

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._headlines_pending = False
        self._charts_job = None
        self.progress.hide()
        from ui.dialogs.import_wizard import failure_text, show_unexpected

        text = failure_text(error, self.ctx.lang)
        if text is None:
            show_unexpected(self, error)
            text = describe(error, self.ctx.lang)
        self.notice.show_message(text, kind="error")

    # -- saving a chart --------------------------------------------------------------------
    def choose_chart_file(self, name: str, suffix: str) -> None:
        from shopcrm.services.excel.file_names import safe_file_name
        from shopcrm.services.reports.chart_words import chart_title

        settings = self.ctx.window_settings()
        folder = settings.value("reports/folder") or str(Path.home())
        title = safe_file_name(chart_title(name, self.ctx.lang))
        if self.ctx.lang != "fa":
            title = title.replace(" ", "-").replace("'", "").lower()
        kinds = {".png": self.tr("PNG image (*.png)"), ".pdf": self.tr("PDF document (*.pdf)")}
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the chart"),
                                              str(Path(str(folder)) / f"{title}{suffix}"),
                                              kinds[suffix])
        if not path:
            return
        if Path(path).suffix.lower() not in kinds:
            path += suffix
        settings.setValue("reports/folder", str(Path(path).parent))
        self.save_chart_to(name, path)

    def save_chart_to(self, name: str, path: str) -> Any:
        """Write chart ``name`` of the current report to ``path`` (.png/.pdf), on a worker."""
        if self.report is None:
            return None
        from ui.charts import save_chart

        return self.ctx.workers.run(save_chart, self.report, name, path, self.ctx.lang,
                                    self.display.currency, name="chart-save",
                                    on_done=self._chart_saved,
                                    on_error=functools.partial(self._failed, self._generation))

    def _chart_saved(self, path: str) -> None:
        self.notice.show_message(self.tr("The chart was saved to {file}.").format(
            file=isolate(path)), kind="ok", timeout_ms=8_000)

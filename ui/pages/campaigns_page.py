"""The Campaigns page: compose, send with progress and Cancel, results per recipient,
resume, delivery sync, the relocation notice, and the list of campaigns.

- The composer (``ui.dialogs.compose_campaign``) plans on a reader thread as the owner
  types; "Send…" confirms, then the campaign and its outbox rows are written on the
  writer thread (``CampaignService.create``).
- Sending is ``CampaignService.send``, the sender's progress generator, run with
  ``workers.run_generator``: a progress bar, a Cancel button (the job's cancel flag: the
  sender stops after the chunk in flight and the campaign pauses, "stopped"), live counts
  and the outbox table refreshed as it goes. Resume sends what is still pending.
  The send runs on a reader thread, not the one writer thread: a bulk send waits on the
  network for minutes (retries back off), and the counter must still record visits
  meanwhile; the sender's own writes are short transactions (SQLite waits its turn).
- The page owns the ``message`` hook: ``fn(ids, template=None)`` fills the composer with
  those customers and shows this page (the customers page's Message action, the win-back
  page's Message button).
- Each job gets a fresh ``CampaignService`` from ``service_factory``, so a provider built
  before the Settings page changed the API key is never reused.

This module builds the page and shows the list and the results; the sending, the
relocation notice and the credit are ``ui.pages.campaign_sending.CampaignSending``, mixed
in.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shopcrm.services.messaging.campaigns import CampaignService, CampaignView
from shopcrm.services.messaging.outbox import OutboxView
from shopcrm.services.messaging.sender import SendProgress
from ui.app_context import AppContext
from ui.dialogs.compose_campaign import CampaignComposer
from ui.display import isolate
from ui.models.outbox_table import COLUMN_KEYS as OUTBOX_COLUMNS
from ui.models.outbox_table import OutboxTableModel
from ui.pages import campaign_notes as notes
from ui.pages.base import Page
from ui.pages.campaign_notes import load_results
from ui.pages.campaign_sending import CampaignSending
from ui.widgets.error_words import error_words
from ui.widgets.notice import Notice
from ui.widgets.tables import header_need, set_header_text, text_need
from ui.workers import Job

LIVE_REFRESH_MS = 1_000
LIST_COLUMNS = ("name", "status", "created", "total", "sent", "delivered", "failed", "cost")


class CampaignsPage(CampaignSending, Page):
    key = "campaigns"
    icon_name = "campaigns"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 service_factory: Callable[[], CampaignService] | None = None) -> None:
        super().__init__(ctx, parent)
        self.service_factory = service_factory or (
            lambda: CampaignService(ctx.db, ctx.settings))
        self.views: list[CampaignView] = []
        self.selected_id: int | None = None
        self.sending_id: int | None = None
        self.job: Job | None = None
        self.last_progress: SendProgress | None = None
        self._loaded = False
        self._resume_offered = False
        self._results_generation = 0
        self._live = QTimer(self)
        self._live.setInterval(LIVE_REFRESH_MS)
        self._live.timeout.connect(self._refresh_live)
        self._build()
        ctx.events.book_changed.connect(self._book_changed)
        ctx.hooks.set("message", self.message_customers)
        self.when_shown(self.reload)

    def title(self) -> str:
        return self.tr("Campaigns")

    # -- building ----------------------------------------------------------------------
    def _build(self) -> None:
        heading = QLabel(self.tr("Campaigns"))
        heading.setObjectName("pageTitle")
        self.credit_label = QLabel(self)
        self.credit_label.setObjectName("creditLabel")
        self.credit_button = QPushButton(self.tr("Check credit"))
        self.credit_button.clicked.connect(self.load_credit)
        self.relocation_button = QPushButton(self.tr("Relocation notice…"))
        self.relocation_button.setObjectName("relocationButton")
        self.relocation_button.setToolTip(self.tr("Tell every customer the shop's new address"))
        self.relocation_button.clicked.connect(self.open_relocation)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.credit_label)
        top.addWidget(self.credit_button)
        top.addWidget(self.relocation_button)

        self.notice = Notice(self)
        self.composer = CampaignComposer(self.ctx, self.service_factory(), self)
        self.composer.send_requested.connect(self.send_request)
        self.composer.resume_requested.connect(self.start_send)
        self.composer.search_source = self.customers_search
        compose_box = QGroupBox(self.tr("New campaign"))
        QVBoxLayout(compose_box).addWidget(self.composer)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(compose_box)
        scroll.setMinimumHeight(200)

        self.list = QTableWidget(0, len(LIST_COLUMNS), self)
        self.list.setObjectName("campaignList")
        self.list.setHorizontalHeaderLabels([
            self.tr("Campaign"), self.tr("Status"), self.tr("Created"), self.tr("Messages"),
            self.tr("Sent"), self.tr("Delivered"), self.tr("Failed"),
            self.ctx.display.money_header(self.tr("Cost"))])
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.verticalHeader().setVisible(False)
        self.list.setAlternatingRowColors(True)
        self.list.setWordWrap(False)
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(48)
        self.list.itemSelectionChanged.connect(self._selection_changed)
        list_box = QGroupBox(self.tr("Sent and planned campaigns"))
        self.list_layout = QVBoxLayout(list_box)
        self.list_layout.addWidget(self.list)
        self.list_box = list_box

        self.campaign_label = QLabel(self)
        self.campaign_label.setObjectName("campaignStatus")
        self.campaign_label.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("sendProgress")
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelSend")
        self.cancel_button.clicked.connect(self.cancel)
        self.resume_button = QPushButton(self.tr("Resume"))
        self.resume_button.setObjectName("resumeSend")
        self.resume_button.clicked.connect(self.resume)
        self.sync_button = QPushButton(self.tr("Check delivery"))
        self.sync_button.setObjectName("syncStatus")
        self.sync_button.setToolTip(self.tr("Ask the SMS gateway which messages arrived"))
        self.sync_button.clicked.connect(self.sync_delivery)
        controls = QHBoxLayout()
        controls.addWidget(self.progress, 3)
        controls.addStretch(1)
        controls.addWidget(self.cancel_button)
        controls.addWidget(self.resume_button)
        self.resend_button = QPushButton(self.tr("Resend unknown emails"))
        self.resend_button.setObjectName("resendUnknown")
        self.resend_button.clicked.connect(lambda: self.settle_unknown("resend"))
        self.drop_button = QPushButton(self.tr("Drop unknown emails"))
        self.drop_button.setObjectName("dropUnknown")
        self.drop_button.clicked.connect(lambda: self.settle_unknown("drop"))
        self.resend_button.hide()  # shown when the campaign has emails of unknown fate
        self.drop_button.hide()
        controls.addWidget(self.resend_button)
        controls.addWidget(self.drop_button)
        controls.addWidget(self.sync_button)
        self.outbox = OutboxTableModel(self.ctx.display, self)
        self.outbox_view = QTableView(self)
        self.outbox_view.setObjectName("outboxTable")
        self.outbox_view.setModel(self.outbox)
        self.outbox_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.outbox_view.verticalHeader().setVisible(False)
        self.outbox_view.setAlternatingRowColors(True)
        self.outbox_view.setWordWrap(False)
        out_header = self.outbox_view.horizontalHeader()
        out_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Sized by the rows on screen: the whole outbox (thousands of rows, refreshed as a
        # send moves) measured on every refresh stalled the window for half a second.
        out_header.setResizeContentsPrecision(0)
        out_header.setSectionResizeMode(OUTBOX_COLUMNS.index("error"),
                                        QHeaderView.ResizeMode.Stretch)
        results_box = QGroupBox(self.tr("Results per recipient"))
        results = QVBoxLayout(results_box)
        results.addWidget(self.campaign_label)
        results.addLayout(controls)
        results.addWidget(self.outbox_view, 1)

        bottom = QSplitter(Qt.Orientation.Horizontal, self)
        bottom.addWidget(list_box)
        bottom.addWidget(results_box)
        bottom.setStretchFactor(1, 1)
        bottom.setSizes([520, 640])
        bottom.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("campaignsSplitter")
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([405, 255])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.splitter, 1)
        self._update_buttons()

    # -- the list ----------------------------------------------------------------------
    def activated(self) -> None:
        if not self.credit_label.text():
            self.load_credit()

    def ready(self) -> bool:
        self.composer.flush()  # a screenshot waits for the plan, not for the typing pause
        return self._loaded and not self.composer.busy

    def reload(self) -> None:
        self.ctx.workers.run(self.service_factory().list, name="campaigns",
                             on_done=self._listed, on_error=self._failed)

    def _listed(self, views: list[CampaignView]) -> None:
        self._loaded = True
        self.views = views
        d = self.ctx.display
        keep = self.selected_id
        self.list.blockSignals(True)
        self.list.setRowCount(len(views))
        set_header_text(self.list, len(LIST_COLUMNS) - 1,  # the unit may change
                        self.ctx.display.money_header(self.tr("Cost")))
        for r, v in enumerate(views):
            cells = [v.name, notes.list_status(self.status_text(v.status, v.pause_reason,
                                                                v.failed), v),
                     d.date(v.created_at),
                     d.number(v.total), d.number(v.sent), d.number(v.delivered),
                     d.number(v.failed), d.money(v.cost)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, v.id)
                item.setToolTip(text if c else f"{text} ({self.channel_text(v.channel)})")
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.list.setItem(r, c, item)
        self.list.blockSignals(False)
        self._fit_list()
        self._offer_resume(views)
        target = keep if any(v.id == keep for v in views) else (views[0].id if views else None)
        if target is not None:
            self.select_campaign(target)
        self._update_buttons()

    NAME_MAX = 240  # px: a longer campaign name is cut (its tooltip has it whole)
    LIST_MAX = 720  # px: the results beside the list keep the rest of the width

    def _fit_list(self) -> None:
        """The name column gets room for the names listed and the list box the width of all
        its columns, headers counted, so «هزینه (تومان)» is not cut at the box's edge and
        the stretching name column is not squeezed to «بازگش…»."""
        header, table = self.list.horizontalHeader(), self.list
        widths = [max(header_need(header, c), table.sizeHintForColumn(c),
                      header.minimumSectionSize()) for c in range(header.count())]
        # the item's size hint comes short of the shaped width of a Persian name with digits
        widths[0] = min(max(widths[0], text_need(table, (v.name for v in self.views))),
                        self.NAME_MAX)
        name, others = widths[0], sum(widths[1:])
        margins = self.list_box.contentsMargins()
        inner = self.list_layout.contentsMargins()
        need = (name + others + 2 * table.frameWidth()
                + table.verticalScrollBar().sizeHint().width()
                + margins.left() + margins.right() + inner.left() + inner.right())
        self.list_box.setMinimumWidth(min(need, self.LIST_MAX))

    def _offer_resume(self, views: list[CampaignView]) -> None:
        """Once per session: a campaign a crash or a closed window left half sent."""
        if self._resume_offered or self.sending:
            return
        self._resume_offered = True
        cut = next((v for v in views if v.status == "sending" and v.pending), None)
        if cut is not None:
            self.notice.show_message(
                self.tr("Sending “{name}” was interrupted; {pending} messages have not gone "
                        "out yet. Nobody gets a message twice when it goes on.").format(
                    name=isolate(cut.name), pending=self.ctx.display.number(cut.pending)),
                action_text=self.tr("Resume"), action=functools.partial(self.start_send, cut.id))

    def select_campaign(self, campaign_id: int) -> None:
        for r, v in enumerate(self.views):
            if v.id == campaign_id:
                self.list.selectRow(r)
                break
        if self.selected_id != campaign_id:
            self.selected_id = campaign_id
        self.load_results()

    @Slot()
    def _selection_changed(self) -> None:
        rows = self.list.selectionModel().selectedRows()
        if rows:
            campaign_id = self.views[rows[0].row()].id
            if campaign_id != self.selected_id:
                self.selected_id = campaign_id
                self.load_results()
        self._update_buttons()

    def selected_view(self) -> CampaignView | None:
        return next((v for v in self.views if v.id == self.selected_id), None)

    def load_results(self) -> None:
        if self.selected_id is None:
            return
        self._results_generation += 1
        generation, campaign_id = self._results_generation, self.selected_id
        self.ctx.workers.run(load_results, self.service_factory(), campaign_id,
                             name="campaign-results",
                             on_done=functools.partial(self._results, generation),
                             on_error=self._failed)

    def _results(self, generation: int,
                 got: tuple[CampaignView, list[OutboxView], dict[int, str]]) -> None:
        if generation != self._results_generation:
            return
        view, rows, names = got
        self.views = [view if v.id == view.id else v for v in self.views]
        self.outbox.set_rows(rows, names)
        self._show_campaign(view)
        self._update_buttons()

    def _show_campaign(self, view: CampaignView) -> None:
        d = self.ctx.display
        text = self.tr("{name}: {status}. {sent} sent, {delivered} delivered, {failed} failed, "
                       "{pending} waiting; cost {cost}.").format(
            name=isolate(view.name),
            status=self.status_text(view.status, view.pause_reason, view.failed),
            sent=d.number(view.sent), delivered=d.number(view.delivered),
            failed=d.number(view.failed), pending=d.number(view.pending),
            cost=d.money(view.cost, with_unit=True))
        self.campaign_label.setText("\n".join([text, *notes.campaign_notes(view, d)]))

    def status_text(self, status: str, reason: str | None = None, failed: int = 0) -> str:
        if status == "incomplete":
            return notes.finished_with_failed(failed, self.ctx.display)
        words = {"draft": self.tr("Not sent yet"), "sending": self.tr("Sending"),
                 "paused": self.tr("Paused"), "done": self.tr("Done"),
                 "cancelled": self.tr("Cancelled")}
        text = words.get(status, status)
        if status == "paused" and reason:
            text = self.tr("{status} ({reason})").format(status=text,
                                                         reason=self.reason_text(reason))
        return text

    def reason_text(self, reason: str | None) -> str:
        return notes.reason_text(reason)

    def channel_text(self, channel: str) -> str:
        return notes.channel_text(channel)

    # -- misc ------------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        view = self.selected_view()
        self.cancel_button.setEnabled(bool(
            self.sending or (view is not None and view.status in ("paused", "draft",
                                                                  "sending"))))
        self.cancel_button.setVisible(view is not None or self.sending)
        retry = bool(view is not None and view.status == "incomplete" and view.retryable)
        self.resume_button.setText(self.tr("Retry the failed") if retry else self.tr("Resume"))
        self.resume_button.setEnabled(bool(view is not None and (view.pending or retry)
                                           and not self.sending))
        unknown = bool(view is not None and view.unknown and not self.sending)
        self.resend_button.setVisible(unknown)
        self.drop_button.setVisible(unknown)
        self.sync_button.setEnabled(bool(self.views) and not self.sending)

    def _failed(self, error: BaseException) -> None:
        if getattr(error, "code", "") == "shop_placeholder":  # take the owner to Settings
            window = self.window()
            self.notice.show_message(
                error_words(error, self.ctx.lang), kind="error",
                action_text=self.tr("Open Settings"),
                action=(lambda: window.show_page("settings")) if hasattr(window, "show_page")
                else None)
            return
        self.notice.show_message(error_words(error, self.ctx.lang), kind="error")

    @Slot(str)
    def _book_changed(self, what: str) -> None:
        self.when_shown(self.reload)
        if what == "settings":  # the line type, quiet hours and shop values may differ now
            self.composer.service = self.service_factory()
            self.credit_label.clear()
            if self.isVisible():
                self.load_credit()
        self.composer.changed()  # a campaign sent or finished may leave some out now

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("campaigns/splitter", self.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value("campaigns/splitter")
        if state is not None:
            self.splitter.restoreState(state)


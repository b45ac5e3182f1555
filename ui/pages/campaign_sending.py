"""The Campaigns page's sending, mixed into ``CampaignsPage``: the owner's confirmed
campaign written then sent (progress, Cancel, Resume, retrying what failed for a passing
reason), emails of unknown fate resent or dropped, delivery checked, the relocation notice,
and the SMS credit. How a send runs is in ``ui.pages.campaigns_page``'s docstring.

Its words are in the ``CampaignSending`` translation context (``self.tr`` here is looked
up under this class's name: PySide6 walks the page's MRO).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Slot

from shopcrm.error_text import describe
from shopcrm.services.messaging.campaigns import CampaignRequest, CampaignService, CampaignView
from shopcrm.services.messaging.sender import SendProgress
from ui.pages import campaign_notes as notes
from ui.pages.campaign_notes import StoredError, send_to_end
from ui.widgets.error_words import error_words
from ui.workers import Job

if TYPE_CHECKING:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton

    from ui.dialogs.compose_campaign import CampaignComposer
    from ui.dialogs.relocation_dialog import RelocationDialog
    from ui.pages.base import Page
    from ui.widgets.notice import Notice

    class CampaignsPageParts(Page):
        """What the sending uses of ``CampaignsPage`` (for type checking only; at run
        time the mixin derives from ``object``)."""

        service_factory: Callable[[], CampaignService]
        views: list[CampaignView]
        selected_id: int | None
        sending_id: int | None
        job: Job | None
        last_progress: SendProgress | None
        notice: Notice
        composer: CampaignComposer
        progress: QProgressBar
        cancel_button: QPushButton
        sync_button: QPushButton
        credit_label: QLabel
        credit_button: QPushButton
        _live: QTimer

        def reload(self) -> None: ...
        def load_results(self) -> None: ...
        def selected_view(self) -> CampaignView | None: ...
        def reason_text(self, reason: str | None) -> str: ...
        def _update_buttons(self) -> None: ...
        def _failed(self, error: BaseException) -> None: ...
else:
    CampaignsPageParts = object


class CampaignSending(CampaignsPageParts):
    # -- composing and sending ---------------------------------------------------------
    def customers_search(self) -> str:
        """What the customers page searches for now ("customers matching a search")."""
        window = self.window()
        customers = window.page("customers") if hasattr(window, "page") else None
        spec = getattr(customers, "spec", None)
        return spec().query if callable(spec) else ""

    def message_customers(self, ids: list[int], template: str | None = None) -> None:
        """The ``message`` hook: these customers in the composer, this page in front."""
        self.composer.set_audience_ids(ids, template)
        window = self.window()
        if hasattr(window, "show_page"):
            window.show_page(self.key)

    @property
    def sending(self) -> bool:
        return self.job is not None and not self.job.done

    def send_request(self, request: CampaignRequest) -> None:
        """The owner confirmed: write the campaign and its outbox, then send it."""
        if self.sending:
            self.notice.show_message(self.tr("Another campaign is being sent; wait for it or "
                                             "cancel it first."), kind="error")
            return
        service = self.service_factory()

        def create() -> int:
            plan = service.plan(request, credit=False)
            service.check_ready(plan)
            campaign_id, _ = service.create(request)
            return campaign_id

        self.ctx.workers.write(create, name="create-campaign", on_done=self._created,
                               on_error=self._failed)

    def _created(self, campaign_id: int) -> None:
        self.selected_id = campaign_id
        self.start_send(campaign_id)
        self.reload()

    def start_send(self, campaign_id: int) -> Job | None:
        if self.sending:
            return None
        service = self.service_factory()
        self.sending_id = campaign_id
        self.last_progress = None
        self.progress.setRange(0, 0)
        self.progress.show()
        self.notice.hide()
        self.job = self.ctx.workers.run_generator(
            lambda cancel: send_to_end(service, campaign_id, cancel),
            on_progress=self._progress, on_done=self._send_ended, on_error=self._send_failed,
            writer=False, name="send-campaign")
        if not self.job.done:
            self._live.start()
        self._update_buttons()
        return self.job

    @Slot(int, int)
    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        self.progress.setFormat(self.tr("%v of %m")
                                .replace("%v", self.ctx.display.number(done))
                                .replace("%m", self.ctx.display.number(total)))

    @Slot()
    def _refresh_live(self) -> None:
        if self.sending and self.selected_id == self.sending_id:
            self.load_results()

    def _send_ended(self, last: SendProgress | None) -> None:
        self._live.stop()
        self.last_progress = last
        self.progress.hide()
        campaign_id, self.sending_id = self.sending_id, None
        if last is not None:
            d = self.ctx.display
            if last.status in ("done", "incomplete"):
                test_file = next((v.test_file for v in self.views if v.id == campaign_id), None)
                text, kind = notes.ended_text(last, test_file or self.test_file(), d)
                retry = campaign_id if last.status == "incomplete" and campaign_id else None
                self.notice.show_message(
                    text, kind=kind, timeout_ms=0 if retry else 15_000,
                    action_text=self.tr("Retry the failed") if retry else "",
                    action=functools.partial(self.start_send, retry) if retry else None)
            elif last.status == "paused":
                text = self.tr("Paused: {reason}. {pending} messages wait; Resume sends "
                               "them.").format(reason=self.reason_text(last.pause_reason),
                                               pending=d.number(last.pending))
                if last.error_code:
                    text += "\n" + describe(StoredError(last.error_code, last.error_data),
                                            self.ctx.lang)
                self.notice.show_message(text, kind="error" if last.error_code else "info")
        if campaign_id is not None:
            self.selected_id = campaign_id
        self.ctx.book_changed("campaigns")
        self._update_buttons()

    def _send_failed(self, error: BaseException) -> None:
        self._live.stop()
        self.progress.hide()
        self.sending_id = None
        self._failed(error)
        self.reload()
        self._update_buttons()

    def cancel(self) -> None:
        """While sending: stop after the chunk in flight (the campaign pauses; Resume goes
        on). A paused campaign: mark it cancelled."""
        if self.sending and self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.progress.setFormat(self.tr("Stopping…"))
            return
        view = self.selected_view()
        if view is None or view.status in ("done", "cancelled"):
            return
        service = self.service_factory()
        self.ctx.workers.write(service.cancel, view.id, name="cancel-campaign",
                               on_done=self._cancelled, on_error=self._failed)

    def _cancelled(self, _view: CampaignView) -> None:
        self.reload()

    def resume(self) -> None:
        """Resume what is pending, and retry what failed for a passing reason."""
        view = self.selected_view()
        if view is not None and (view.pending or view.retryable) and not self.sending:
            self.start_send(view.id)

    def settle_unknown(self, action: str) -> None:
        """Resend or drop the selected campaign's emails with an unknown outcome."""
        from shopcrm.services.messaging import unknown_emails

        view = self.selected_view()
        if view is None or not view.unknown or self.sending:
            return
        self.ctx.workers.write(unknown_emails.settle, self.ctx.db, view.id, action,
                               name="settle-unknown", on_done=lambda _n: self.reload(),
                               on_error=self._failed)

    def test_file(self) -> str | None:
        return self.service_factory().test_file("sms")

    def sync_delivery(self) -> None:
        service = self.service_factory()
        self.sync_button.setEnabled(False)
        self.ctx.workers.write(service.sync_status, name="sync-status",
                               on_done=self._synced, on_error=self._sync_failed)

    def _synced(self, result: Any) -> None:
        d = self.ctx.display
        self.sync_button.setEnabled(True)
        self.notice.show_message(self.tr(
            "Delivery checked for {checked} messages: {delivered} delivered, {failed} "
            "failed.").format(checked=d.number(result.checked),
                              delivered=d.number(result.delivered),
                              failed=d.number(result.failed)), kind="ok", timeout_ms=10_000)
        self.ctx.book_changed("campaigns")

    def _sync_failed(self, error: BaseException) -> None:
        self.sync_button.setEnabled(True)
        self._failed(error)

    # -- the relocation notice ---------------------------------------------------------
    def open_relocation(self) -> RelocationDialog:
        from ui.dialogs.relocation_dialog import RelocationDialog

        dialog = RelocationDialog(self.ctx, self.service_factory(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.confirmed.connect(self._relocation_confirmed)
        dialog.open()
        self.relocation_dialog = dialog
        return dialog

    def _relocation_confirmed(self, request: CampaignRequest, remember: bool) -> None:
        if remember and request.new_address:
            try:
                self.ctx.settings.set("shop.new_address", request.new_address)
                self.ctx.settings.save()
            except Exception as exc:  # the notice still goes; say why it was not kept
                self._failed(exc)
        self.send_request(request)

    # -- credit --------------------------------------------------------------------------
    def load_credit(self) -> None:
        from shopcrm.services.messaging.factory import sms_configured
        from shopcrm.services.settings.checks import sms_credit

        if sms_configured(self.ctx.settings):
            self.credit_label.setText(self.tr("SMS is not set up (see Settings)."))
            return
        if self.test_file():
            self.credit_label.setText(self.tr("Test mode: messages go to a file, nothing is "
                                              "sent."))
            self.credit_label.setToolTip(self.test_file() or "")
            return
        self.credit_label.setText(self.tr("Asking for the credit…"))
        self.credit_button.setEnabled(False)
        self.ctx.workers.run(sms_credit, self.ctx.settings, name="sms-credit",
                             on_done=self._credit, on_error=self._credit_failed)

    def _credit(self, credit: Any) -> None:
        self.credit_button.setEnabled(True)
        if credit.remaining is None:
            self.credit_label.setText(self.tr("Credit: not known (test provider)"))
            return
        self.credit_label.setText(self.tr("Credit: {amount}").format(
            amount=self.ctx.display.money(credit.remaining, with_unit=True)))

    def _credit_failed(self, error: BaseException) -> None:
        self.credit_button.setEnabled(True)
        self.credit_label.setText(self.tr("Credit: unknown"))
        self.credit_label.setToolTip(error_words(error, self.ctx.lang))

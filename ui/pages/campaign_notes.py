"""What the Campaigns page says about a campaign beyond its counts: finished with
failures (and how many can be tried again), test mode (nothing left the computer, and
where the messages were written), emails whose fate is unknown (the risk in words), and
the jobs it runs on reader threads. Words in the ``CampaignNotes`` translation context."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from shopcrm.services.messaging.campaigns import CampaignService, CampaignView
from shopcrm.services.messaging.outbox import OutboxView
from shopcrm.services.messaging.sender import SendProgress
from ui.display import isolate
from ui.i18n import translate

OUTBOX_SHOWN = 5_000


def finished_with_failed(failed: int, d: Any) -> str:
    """The status of an ``incomplete`` campaign: never "done"."""
    return translate("CampaignNotes",
            "Finished with {failed} failed").format(failed=d.number(failed))


def campaign_notes(view: CampaignView, d: Any) -> list[str]:
    """Sentences about test mode, retryable failures and unknown emails."""
    notes = []
    if view.test_file:
        notes.append(translate("CampaignNotes",
                "Test mode: nothing left this computer; {count} messages were written "
                        "to {path}.").format(count=d.number(view.written),
                                             path=isolate(view.test_file)))
    if view.retryable:
        notes.append(translate("CampaignNotes",
                "{count} failed for a passing reason (the gateway was busy or did not "
                        "answer); “Retry the failed” sends them again.").format(
            count=d.number(view.retryable)))
    if view.unknown:
        notes.append(unknown_risk(view.unknown, d))
    return notes


def list_status(status: str, view: CampaignView) -> str:
    """The status in the list of campaigns, "(test mode)" added for the test file."""
    if not view.test_file:
        return status
    return translate("CampaignNotes", "{status} (test mode)").format(status=status)


def unknown_risk(count: int, d: Any) -> str:
    return translate("CampaignNotes",
            "{count} emails have an unknown outcome: the connection to the mail server was "
              "cut while they were being handed over. Resending may give some customers the "
              "email twice; dropping may leave some without it.").format(
        count=d.number(count))


def ended_text(last: SendProgress, test_file: str | None, d: Any) -> tuple[str, str]:
    """The notice after a send ended done or incomplete: (text, kind)."""
    if last.written and test_file:
        text = translate("CampaignNotes",
                "Test mode: {count} messages were written to {path}; nothing left this "
                  "computer.").format(count=d.number(last.written), path=isolate(test_file))
        return text, "info"
    if last.status == "incomplete":
        text = translate("CampaignNotes",
                "Finished with {failed} failed: {sent} messages sent, cost {cost}.").format(
            failed=d.number(last.failed), sent=d.number(last.sent),
            cost=d.money(last.cost, with_unit=True))
        if last.unknown:
            text += "\n" + unknown_risk(last.unknown, d)
        return text, "error"
    text = translate("CampaignNotes", "Sent: {sent} messages, cost {cost}.").format(
        sent=d.number(last.sent), cost=d.money(last.cost, with_unit=True))
    return text, "ok"


def reason_text(reason: str | None) -> str:
    """Why a campaign paused, in words (``sender.PAUSE_REASONS``, stopped, quiet)."""
    reasons = {
        "stopped": translate("CampaignsPage",
                "stopped by you"), "no_credit": translate("CampaignsPage", "out of credit"),
        "auth": translate("CampaignsPage", "the SMS account was refused"),
        "not_configured": translate("CampaignsPage", "SMS is not set up"),
        "rejected": translate("CampaignsPage", "the gateway refused the request"),
        "unreachable": translate("CampaignsPage", "the gateway did not answer"),
        "quiet_hours": translate("CampaignsPage", "waiting for the end of the quiet hours"),
        "email_auth": translate("CampaignsPage", "the mail server refused the login"),
        "email_not_configured": translate("CampaignsPage", "email is not set up"),
        "email_rejected": translate("CampaignsPage", "the mail server refused the sender"),
    }
    return reasons.get(reason or "", reason or "")


def channel_text(channel: str) -> str:
    words = {"sms": translate("CampaignsPage", "SMS"),
             "email": translate("CampaignsPage", "Email"),
             "both": translate("CampaignsPage", "SMS and email"),
             "prefer_email": translate("CampaignsPage", "Email, else SMS")}
    return words.get(channel, channel)


# -- jobs (reader threads) ---------------------------------------------------------------------
def load_results(service: CampaignService, campaign_id: int
                 ) -> tuple[CampaignView, list[OutboxView], dict[int, str]]:
    """A campaign, its outbox rows and the names of their customers (a reader thread)."""
    from shopcrm.storage.readers import customer_names

    view = service.get(campaign_id)
    rows = service.outbox(campaign_id, limit=OUTBOX_SHOWN)
    ids = sorted({r.customer_id for r in rows if r.customer_id})
    return view, rows, customer_names(service.db, ids)


def send_to_end(service: CampaignService, campaign_id: int, cancel: Any
                ) -> Iterator[SendProgress]:
    """The send as the worker runs any long work: its last progress (``finished``) is
    the job's result (the kit's ``run_to_end``)."""
    return service.send(campaign_id, cancel=cancel)


class StoredError:
    """A stored error code as something ``describe`` reads."""

    def __init__(self, code: str, data: dict[str, Any]) -> None:
        self.code, self.data = code, dict(data)

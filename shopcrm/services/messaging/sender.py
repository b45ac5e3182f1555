"""The send loop: a campaign's outbox out through the providers, exactly once.

:func:`run_campaign` is a generator (DESIGN's pattern for long work): it yields a
:class:`SendProgress` after each chunk and honours a cancel flag between chunks, so the
window runs it on a worker thread and the command line with a text progress bar.

Exactly once. Every message is a row (its id is the gateway's local id) before anything
goes out. A chunk (at most 200 SMS) is marked ``sending`` and committed *before* the HTTP
call; results are committed right after it. So a crash, a kill or a closed laptop leaves
only ``sending`` rows in doubt, and those are looked up with ``status_by_local_ids``
before anything else is sent: known to the gateway -> sent (its message id recorded);
unknown (100) -> pending again. A reply lost mid-call (timeout, broken connection,
malformed JSON) is handled the same way on the spot, after a short wait. Emails cannot be
looked up, so each email is marked ``sending`` alone, just before the SMTP server is
handed it, and its outcome is written the moment the server answers: a kill leaves at
most the one email in flight ``unknown``; it is not sent again by itself (the owner
resends or drops it, :mod:`.unknown_emails`). One runner per campaign (:mod:`.lease`).

Nobody silently left behind: messages that failed for a passing reason
(:data:`RETRYABLE_FAILURES`: busy or failing servers, timeouts, a reply lost and the
gateway saying it never took the message) are pending again when the campaign is
resumed, and are tried with the loop's back-off. A campaign that ends with failures left
is ``incomplete`` ("finished with N failed"), never ``done``.

Test mode: with the file providers every message ends ``test`` (written to the test file,
nothing left the machine); nothing is logged on the customers' contact history.

Errors (see :mod:`.providers.base`): no credit (418) pauses the campaign with reason
``no_credit``; a refused key or account (401/403/407), no settings or a refused sender
line pause it with reason ``auth`` / ``not_configured`` / ``rejected``, for the owner to
fix and resume; 411 marks that one message ``invalid`` and goes on; busy servers and
timeouts are retried by the provider, then here with growing waits, and after
``max_round_failures`` rounds without progress the campaign pauses (``unreachable``).
Advertising lines send only outside the quiet hours: SMS due in them are queued with
``not_before`` and the campaign pauses (``quiet_hours``) until a ``resume``.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update

from shopcrm.errors import NotFound, ProviderError
from shopcrm.longwork import Cancel, Progress, is_cancelled
from shopcrm.services.messaging import outbox as ob
from shopcrm.services.messaging.email_steps import EmailSteps
from shopcrm.services.messaging.lease import Lease
from shopcrm.services.messaging.providers.base import (
    UNKNOWN_OUTCOME_CODES,
    EmailProvider,
    SmsMessage,
    SmsProvider,
    SmsResult,
    is_known,
)
from shopcrm.services.messaging.sms_text import QuietHours
from shopcrm.storage.chunks import CHUNK_SIZE
from shopcrm.storage.db import Database
from shopcrm.storage.models import Campaign

log = logging.getLogger(__name__)

#: Why a campaign pauses, by the error code that made it.
PAUSE_REASONS = {
    "sms_no_credit": "no_credit",
    "sms_auth": "auth",
    "sms_not_configured": "not_configured",
    "sms_sender_required": "not_configured",
    "sms_rejected": "rejected",
    "smtp_auth": "email_auth",
    "smtp_not_configured": "email_not_configured",
    "smtp_sender_refused": "email_rejected",
}
_RETRY_SMS = frozenset({"sms_retryable"})
# In a per-message result these stop the campaign too; sms_rejected fails that message.
_PAUSE_SMS = frozenset({"sms_no_credit", "sms_auth", "sms_not_configured", "sms_sender_required"})
_RETRY_EMAIL = frozenset({"smtp_temporary", "smtp_connect"})
#: Failures that a resume tries again (see the module docstring).
RETRYABLE_FAILURES = frozenset({"sms_retryable", "sms_lost_reply", "sms_malformed",
                                "smtp_temporary", "smtp_connect"})
INCOMPLETE = "incomplete"  # finished with failures left
STOPPED = "stopped"  # the cancel flag: paused by the owner
UNREACHABLE = "unreachable"
QUIET = "quiet_hours"



@dataclass(frozen=True, kw_only=True)
class SendProgress(Progress):
    """Where a campaign stands: the kit's ``Progress`` (``done`` of ``total`` messages,
    stage ``"send"``) with the send's own figures (plain data: safe to pass to the UI
    thread). The last one has ``finished=True`` and is the send's result."""

    campaign_id: int
    sent: int  # accepted by the gateway / the SMTP server (not the test file)
    failed: int  # failed + invalid + unknown
    invalid: int
    queued: int  # pending until the quiet hours end
    pending: int  # pending + sending
    cost: int
    status: str  # sending|done|incomplete|paused|cancelled
    pause_reason: str | None = None
    error_code: str | None = None
    error_data: dict[str, Any] = field(default_factory=dict)
    written: int = 0  # test mode: written to the test file, nothing left the machine
    unknown: int = 0  # emails whose outcome nobody knows (a kill mid-handover)
    retried: int = 0  # failed messages made pending again by this run (a resume)

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass
class SendOptions:
    """Knobs of the loop; tests make waits instant through ``sleep`` and ``clock``."""

    line_type: str = "service"
    quiet: QuietHours | None = None
    sms_chunk: int = 200
    email_chunk: int = 10
    max_attempts: int = 5
    max_round_failures: int = 4
    backoff: float = 5.0
    max_backoff: float = 300.0  # the longest wait between rounds
    reconcile_delay: float = 2.0
    lease_stale: float = 900.0
    heartbeat_every: float = 15.0
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    sleep: Callable[[float], None] = time.sleep


def run_campaign(
    db: Database,
    campaign_id: int,
    *,
    sms: Callable[[], SmsProvider] | None = None,
    email: Callable[[], EmailProvider] | None = None,
    options: SendOptions | None = None,
    cancel: Cancel = None,
) -> Iterator[SendProgress]:
    """Send what the campaign still has to send; yield progress after each chunk.

    ``sms`` / ``email`` build the providers when first needed (a ProviderError from
    them pauses the campaign). The last item has ``finished=True``.
    """
    runner = _Runner(db, campaign_id, sms, email, options or SendOptions(), cancel)
    return runner.run()


class _Runner(EmailSteps):
    def __init__(
        self,
        db: Database,
        campaign_id: int,
        sms: Callable[[], SmsProvider] | None,
        email: Callable[[], EmailProvider] | None,
        options: SendOptions,
        cancel: Cancel,
    ) -> None:
        self.db, self.id, self.o = db, campaign_id, options
        self._make_sms, self._make_email = sms, email
        self._sms: SmsProvider | None = None
        self._email: EmailProvider | None = None
        self._test_sms = self._test_email = False
        self.cancelled: Callable[[], bool] = lambda: is_cancelled(cancel)
        self.counter: Counter[str] = Counter()
        self.cost = 0
        self.queued = 0
        self.subject = ""
        self.lease = Lease(db, campaign_id, options.lease_stale)
        self.retried = 0
        self._beat_at = 0.0
        self._needs_recover = False

    # -- the loop ----------------------------------------------------------------------
    def run(self) -> Iterator[SendProgress]:
        self.lease.acquire()
        try:
            yield from self._run()
        finally:
            self.lease.release()  # the providers belong to the caller: not closed here

    def _run(self) -> Iterator[SendProgress]:
        self._start()
        yield self.progress("sending")
        failures = 0
        last_error: ProviderError | None = None
        while True:
            if self.cancelled():
                yield self._finish("paused", STOPPED)
                return
            self._heartbeat()
            outcome = self._step()
            if outcome == "cancelled":
                yield self._finish("cancelled", None)
                return
            if outcome == "idle":
                yield self._finish("done", None)
                return
            if outcome == "progress":
                failures, last_error = 0, None
                yield self.progress("sending")
                continue
            assert isinstance(outcome, ProviderError)
            reason = PAUSE_REASONS.get(outcome.code)
            if reason:
                yield self._finish("paused", reason, outcome)
                return
            failures, last_error = failures + 1, outcome
            if failures > self.o.max_round_failures:
                yield self._finish("paused", UNREACHABLE, last_error)
                return
            delay = min(self.o.backoff * 2 ** min(failures - 1, 20), self.o.max_backoff)
            log.warning("campaign %s: %s; waiting %.0f s", self.id, outcome.code, delay)
            yield self.progress("sending", outcome)
            self.o.sleep(delay)

    def _step(self) -> str | ProviderError:
        """Send one chunk. Returns "progress", "idle" (nothing due), "cancelled" or the
        error."""
        if self._needs_recover:
            error = self._recover_sms()
            if error is not None:
                return error
        now = self._now()
        if self.o.quiet is not None and self.o.line_type == "advertising":
            aware = now.replace(tzinfo=UTC)
            if self.o.quiet.is_quiet(aware):
                until = self.o.quiet.next_allowed(aware).astimezone(UTC).replace(tzinfo=None)
                with self.db.session() as s:
                    if ob.queue_until(s, self.id, "sms", until):
                        self.queued = ob.counts(s, self.id, now).queued
        with self.db.session() as s:
            status = s.scalar(select(Campaign.status).where(Campaign.id == self.id))
            if status == "cancelled":  # by the owner, from another window or process
                return "cancelled"
            chunk = ob.due(s, self.id, "sms", now, self.o.sms_chunk)
            channel = "sms"
            if not chunk:
                chunk = ob.due(s, self.id, "email", now, self.o.email_chunk)
                channel = "email"
        if not chunk:
            return "idle"
        return self._send_sms(chunk) if channel == "sms" else self._send_email(chunk)

    # -- start, recover, finish ----------------------------------------------------------
    def _start(self) -> None:
        now = self._now()
        with self.db.session() as s:
            campaign = s.get(Campaign, self.id)
            if campaign is None:
                raise NotFound("campaign_not_found", id=self.id)
            campaign.status = "sending"
            campaign.pause_reason = None
            campaign.finished_at = None
            campaign.started_at = campaign.started_at or now
            self.subject = campaign.subject or ""
            self.retried = ob.requeue_failed(s, self.id, RETRYABLE_FAILURES, now)
            c = ob.counts(s, self.id, now)
        self.counter = Counter(c.by_status)
        self.cost, self.queued = c.cost, c.queued
        if self.counter[ob.SENDING]:
            self._recover_email()
            self._needs_recover = True

    def _recover_email(self) -> None:
        """Emails left ``sending`` by a crash: their fate cannot be looked up."""
        with self.db.session() as s:
            rows = ob.in_state(s, self.id, ob.SENDING, "email")
            ob.apply(
                s,
                [{"id": r.id, "status": ob.UNKNOWN_STATE, "error_code": "email_unknown_outcome"}
                 for r in rows],
                self._now(),
            )
        self._move(ob.SENDING, ob.UNKNOWN_STATE, len(rows))

    def _recover_sms(self) -> ProviderError | None:
        """Look up every SMS left ``sending``; None when all are settled."""
        with self.db.reading() as s:
            rows = ob.in_state(s, self.id, ob.SENDING, "sms")
        for start in range(0, len(rows), CHUNK_SIZE):
            error = self._reconcile(rows[start:start + CHUNK_SIZE], wait=False)
            if error is not None:
                return error
        self._needs_recover = False
        return None

    def _finish(
        self, status: str, reason: str | None, error: ProviderError | None = None
    ) -> SendProgress:
        now = self._now()
        with self.db.session() as s:
            c = ob.counts(s, self.id, now)
            if status == "done" and c.open:
                status, reason = "paused", QUIET
            if status == "done" and c.failed + c[ob.UNKNOWN_STATE]:
                status = INCOMPLETE
            values: dict[str, Any] = {"status": status, "pause_reason": reason}
            if status in ("done", INCOMPLETE):
                values["finished_at"] = now
            if status != "cancelled":
                s.execute(
                    update(Campaign)
                    .where(Campaign.id == self.id, Campaign.status == "sending")
                    .values(**values)
                )
            status = s.scalar(select(Campaign.status).where(Campaign.id == self.id)) or status
        self.counter = Counter(c.by_status)
        self.cost, self.queued = c.cost, c.queued
        return self.progress(status, error, reason=reason if status == "paused" else None,
                             finished=True)

    # -- SMS -----------------------------------------------------------------------------
    def _sms_provider(self) -> SmsProvider:
        if self._sms is None:
            if self._make_sms is None:
                raise ProviderError("sms_not_configured", detail="no SMS provider")
            self._sms = self._make_sms()
            self._test_sms = getattr(self._sms, "name", "") == "file"
        return self._sms

    def _send_sms(self, chunk: list[ob.Due]) -> str | ProviderError:
        try:
            provider = self._sms_provider()
        except ProviderError as err:
            return err
        self._mark_sending(chunk)
        messages = [SmsMessage(d.id, d.recipient, d.body) for d in chunk]
        try:
            results = provider.send(messages)
        except ProviderError as err:
            if err.code in UNKNOWN_OUTCOME_CODES or err.data.get("unknown_outcome"):
                lookup = self._reconcile(chunk, wait=True)
                return lookup or "progress"
            self._back_to_pending(chunk, err)
            return err
        return self._record_sms(chunk, results)

    def _record_sms(self, chunk: list[ob.Due], results: list[SmsResult]) -> str | ProviderError:
        now = self._now()
        changes: list[dict[str, Any]] = []
        sent: list[tuple[ob.Due, str]] = []
        lost: list[ob.Due] = []
        retry: list[tuple[ob.Due, str, str]] = []
        stop: ProviderError | None = None
        for d, r in zip(chunk, results, strict=True):
            if r.ok:
                state = ob.TEST_STATE if self._test_sms else ob.delivery_state(r.status)
                changes.append({
                    "id": d.id, "status": state, "provider_message_id": str(r.message_id),
                    "provider_status": r.status, "cost": r.cost, "error_code": None,
                    "error_text": None, "sent_at": now,
                })
                if not self._test_sms:
                    sent.append((d, "sms"))
                self._move(ob.SENDING, state)
                self.cost += r.cost or 0
            elif r.error_code == "sms_invalid_receptor":
                changes.append(_failure(d, ob.INVALID, r.error_code, r.status_text))
                self._move(ob.SENDING, ob.INVALID)
            elif r.error_code in UNKNOWN_OUTCOME_CODES:
                lost.append(d)
            elif r.error_code in _RETRY_SMS or r.error_code in _PAUSE_SMS:
                retry.append((d, r.error_code or "", r.status_text))
                if r.error_code in _PAUSE_SMS:
                    stop = stop or ProviderError(r.error_code, detail=r.status_text)
            else:
                changes.append(_failure(d, ob.FAILED, r.error_code or "sms_rejected",
                                        r.status_text))
                self._move(ob.SENDING, ob.FAILED)
        again = self._retry_changes(retry)
        with self.db.session() as s:
            ob.apply(s, changes + again, now)
            ob.log_contacts(s, self.id, sent, now)
        if lost:
            error = self._reconcile(lost, wait=True)
            if error is not None:
                return error
        return _outcome(stop, retry, again, sent)

    def _reconcile(self, rows: Sequence[ob.Due], *, wait: bool) -> ProviderError | None:
        """Ask the gateway about ``rows`` (in ``sending``) by local id: found -> sent,
        unknown -> pending. On failure the rows stay ``sending`` for the next try."""
        if not rows:
            return None
        self._needs_recover = True
        if wait and self.o.reconcile_delay > 0:
            self.o.sleep(self.o.reconcile_delay)
        try:
            statuses = self._sms_provider().status_by_local_ids([r.id for r in rows])
        except ProviderError as err:
            log.warning("campaign %s: status lookup failed: %s", self.id, err.code)
            return err if err.code in PAUSE_REASONS else ProviderError(
                "sms_retryable", **{**err.data, "detail": err.data.get("detail", err.code)})
        now = self._now()
        changes: list[dict[str, Any]] = []
        sent: list[tuple[ob.Due, str]] = []
        unknown: list[tuple[ob.Due, str, str]] = []
        for row, st in zip(rows, statuses, strict=True):
            if is_known(st.status) and st.message_id is not None:
                state = ob.TEST_STATE if self._test_sms else ob.delivery_state(st.status)
                changes.append({
                    "id": row.id, "status": state, "provider_message_id": str(st.message_id),
                    "provider_status": st.status, "error_code": None, "error_text": None,
                    "sent_at": now, "cost": st.cost,
                })
                if not self._test_sms:
                    sent.append((row, "sms"))
                self._move(ob.SENDING, state)
                self.cost += st.cost or 0
            else:
                unknown.append((row, "sms_lost_reply", "not received by the gateway"))
        changes += self._retry_changes(unknown)
        with self.db.session() as s:
            ob.apply(s, changes, now)
            ob.log_contacts(s, self.id, sent, now)
        log.info("campaign %s: looked up %d messages: %d had gone out", self.id, len(rows),
                 len(sent))
        return None

    # -- bookkeeping -------------------------------------------------------------------
    def _mark_sending(self, chunk: list[ob.Due]) -> None:
        with self.db.session() as s:
            ob.mark_sending(s, [d.id for d in chunk], self._now())
        self._move(ob.PENDING, ob.SENDING, len(chunk))

    def _retry_changes(self, rows: list[tuple[ob.Due, str, str]]) -> list[dict[str, Any]]:
        """Rows to send again (pending), or failed after ``max_attempts`` tries."""
        out = []
        for d, code, text in rows:
            attempts = d.attempts + 1  # mark_sending counted this try
            if attempts >= self.o.max_attempts and code not in PAUSE_REASONS:
                out.append(_failure(d, ob.FAILED, code, text))
                self._move(ob.SENDING, ob.FAILED)
            else:
                out.append({"id": d.id, "status": ob.PENDING, "error_code": code,
                            "error_text": (text or "")[:500]})
                self._move(ob.SENDING, ob.PENDING)
        return out

    def _back_to_pending(self, chunk: list[ob.Due], err: ProviderError) -> None:
        text = str(err.data.get("detail") or "")
        rows = [(d, err.code, text) for d in chunk]
        with self.db.session() as s:
            ob.apply(s, self._retry_changes(rows), self._now())

    def _move(self, old: str, new: str, n: int = 1) -> None:
        self.counter[old] -= n
        self.counter[new] += n

    def _heartbeat(self) -> None:
        if time.monotonic() - self._beat_at >= self.o.heartbeat_every:
            self.lease.beat()
            self._beat_at = time.monotonic()

    def _now(self) -> datetime:
        return self.o.clock().astimezone(UTC).replace(tzinfo=None)

    def progress(
        self,
        status: str,
        error: ProviderError | None = None,
        *,
        reason: str | None = None,
        finished: bool = False,
    ) -> SendProgress:
        c = self.counter
        sent = c[ob.SENT] + c[ob.DELIVERED_STATE]
        failed = c[ob.FAILED] + c[ob.INVALID] + c[ob.UNKNOWN_STATE]
        written = c[ob.TEST_STATE]
        return SendProgress(
            sent + failed + written, sum(c.values()), "send", finished,
            campaign_id=self.id, sent=sent, failed=failed, invalid=c[ob.INVALID],
            queued=self.queued, pending=c[ob.PENDING] + c[ob.SENDING], cost=self.cost,
            status=status, pause_reason=reason, error_code=error.code if error else None,
            error_data=dict(error.data) if error else {}, written=written,
            unknown=c[ob.UNKNOWN_STATE], retried=self.retried,
        )


def _outcome(
    stop: ProviderError | None,
    retry: list[tuple[ob.Due, str, str]],
    again: list[dict[str, Any]],
    sent: list[tuple[ob.Due, str]],
) -> str | ProviderError:
    """A chunk's verdict: the error that stops the campaign; a retryable error when
    nothing went and something waits to be tried again (the loop backs off); else
    progress."""
    if stop is not None:
        return stop
    if not sent and any(c["status"] == ob.PENDING for c in again):
        return ProviderError(retry[0][1], detail=retry[0][2])
    return "progress"


def _failure(d: ob.Due, state: str, code: str | None, text: str | None) -> dict[str, Any]:
    return {"id": d.id, "status": state, "error_code": code, "error_text": (text or "")[:500]}



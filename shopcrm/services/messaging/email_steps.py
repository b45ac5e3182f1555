"""The email half of the send loop: one email in flight at a time.

Email has no look-up by local id, so the only safe record is the one written while the
SMTP server is being handed the message. Each email of a chunk is marked ``sending`` on
its own, just before it goes to the server (``before``), and its outcome is written the
moment the server answers (``after``), each in its own short transaction. A kill, a power
cut or a lost connection leaves at most that one email ``sending``; on the next run it
becomes ``unknown`` (the owner decides: :mod:`.unknown_emails`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from shopcrm.errors import ProviderError
from shopcrm.services.messaging import outbox as ob
from shopcrm.services.messaging.providers.base import EmailMessage, EmailProvider, EmailResult
from shopcrm.storage.models import Customer

if TYPE_CHECKING:
    from shopcrm.storage.db import Database

_RETRY_EMAIL = frozenset({"smtp_temporary", "smtp_connect"})


@dataclass
class _Chunk:
    """What one chunk of emails came to (for the loop's verdict)."""

    by_id: dict[int, ob.Due]
    sent: list[tuple[ob.Due, str]] = field(default_factory=list)
    retry: list[tuple[ob.Due, str, str]] = field(default_factory=list)
    again: list[dict[str, Any]] = field(default_factory=list)
    marked: set[int] = field(default_factory=set)
    recorded: set[int] = field(default_factory=set)
    stop: ProviderError | None = None


class EmailSteps:
    """Mixed into the runner of :mod:`.sender` (which provides the attributes below)."""

    db: Database
    id: int
    subject: str
    _email: EmailProvider | None
    _make_email: Callable[[], EmailProvider] | None
    _test_email: bool

    # provided by the runner (which comes first in the method order)
    def _now(self) -> datetime:  # pragma: no cover
        raise NotImplementedError

    def _move(self, old: str, new: str, n: int = 1) -> None:  # pragma: no cover
        raise NotImplementedError

    def _mark_sending(self, chunk: list[ob.Due]) -> None:  # pragma: no cover
        raise NotImplementedError

    def _retry_changes(self, rows: list[tuple[ob.Due, str, str]]
                       ) -> list[dict[str, Any]]:  # pragma: no cover
        raise NotImplementedError

    def _email_provider(self) -> EmailProvider:
        if self._email is None:
            if self._make_email is None:
                raise ProviderError("smtp_not_configured", detail="no email provider")
            self._email = self._make_email()
            self._test_email = getattr(self._email, "name", "") == "file"
        return self._email

    def _send_email(self, chunk: list[ob.Due]) -> str | ProviderError:
        from shopcrm.services.messaging.sender import _outcome

        try:
            provider = self._email_provider()
        except ProviderError as err:
            return err
        names = self._names([d.customer_id for d in chunk if d.customer_id is not None])
        state = _Chunk({d.id: d for d in chunk})
        messages = [
            EmailMessage(d.id, d.recipient, names.get(d.customer_id or 0), self.subject, d.body)
            for d in chunk
        ]

        def before(m: EmailMessage) -> None:
            self._mark_sending([state.by_id[m.local_id]])
            state.marked.add(m.local_id)

        def after(r: EmailResult) -> None:
            self._record_email(state, [r])

        try:
            results = provider.send(messages, before=before, after=after)  # type: ignore[call-arg]
        except ProviderError as err:
            unmarked = [d for d in chunk if d.id not in state.marked]
            self._mark_sending(unmarked)  # an attempt, counted like any other
            rows = [(d, err.code, str(err.data.get("detail") or ""))
                    for d in chunk if d.id not in state.recorded]
            with self.db.session() as s:
                ob.apply(s, self._retry_changes(rows), self._now())
            return err
        # a provider that calls no hooks: mark and record the rest now
        rest = [r for r in results if r.local_id not in state.recorded]
        if rest:
            self._mark_sending([state.by_id[r.local_id] for r in rest
                                if r.local_id not in state.marked])
            self._record_email(state, rest)
        return _outcome(state.stop, state.retry, state.again, state.sent)

    def _record_email(self, state: _Chunk, results: list[EmailResult]) -> None:
        now = self._now()
        changes: list[dict[str, Any]] = []
        sent: list[tuple[ob.Due, str]] = []
        retry: list[tuple[ob.Due, str, str]] = []
        for r in results:
            d = state.by_id[r.local_id]
            state.recorded.add(r.local_id)
            if r.ok:
                status = ob.TEST_STATE if self._test_email else ob.SENT
                changes.append({"id": d.id, "status": status, "provider_message_id":
                                (r.message_id or "")[:64], "error_code": None,
                                "error_text": None, "sent_at": now})
                if not self._test_email:
                    sent.append((d, "email"))
                self._move(ob.SENDING, status)
            elif r.error in _RETRY_EMAIL:
                retry.append((d, r.error or "", r.detail))
            elif r.error == "smtp_sender_refused":
                retry.append((d, r.error, r.detail))
                state.stop = state.stop or ProviderError(r.error, detail=r.detail)
            else:
                failed = ob.INVALID if r.error == "smtp_recipient_refused" else ob.FAILED
                changes.append({"id": d.id, "status": failed,
                                "error_code": r.error or "smtp_rejected",
                                "error_text": (r.detail or "")[:500]})
                self._move(ob.SENDING, failed)
        again = self._retry_changes(retry)
        with self.db.session() as s:
            ob.apply(s, changes + again, now)
            ob.log_contacts(s, self.id, sent, now)
        state.sent += sent
        state.retry += retry
        state.again += again

    def _names(self, ids: list[int]) -> dict[int, str]:
        if not ids:
            return {}
        with self.db.session() as s:
            rows = s.execute(select(Customer.id, Customer.name).where(Customer.id.in_(ids)))
            return {i: n for i, n in rows}

"""Email over SMTP (``smtplib``): one message per recipient, one connection per batch.

Each message has a plain-text part and a right-to-left HTML part (built from the text
unless the caller gives one); From and To carry names in UTF-8 (RFC 2047 encoded), with a
Message-ID and a Date. Sending is paced to ``rate_per_minute``.

Errors: ``smtp_not_configured``, ``smtp_connect`` and ``smtp_auth`` are raised when
nothing could be sent; a refused recipient or message comes back in its
:class:`~.base.EmailResult` (``smtp_recipient_refused``, ``smtp_rejected``,
``smtp_temporary``, ``smtp_sender_refused``, ``smtp_connect``). The password never
appears in errors, ``repr`` or logs.
"""

from __future__ import annotations

import html
import logging
import smtplib
import ssl
import time
from collections.abc import Callable, Sequence
from email.headerregistry import Address
from email.message import EmailMessage as MimeMessage
from email.utils import formatdate, make_msgid, parseaddr

from shopcrm.config import mask
from shopcrm.errors import ProviderError
from shopcrm.services.messaging.providers.base import (
    EmailMessage,
    EmailResult,
    protect_secret,
)

log = logging.getLogger(__name__)

SECURITY = ("none", "starttls", "ssl")


def rtl_html(text: str) -> str:
    """A small right-to-left HTML page showing ``text`` (escaped, lines kept)."""
    body = html.escape(text.replace("\r\n", "\n")).replace("\n", "<br>\n")
    return (
        '<!DOCTYPE html>\n<html lang="fa" dir="rtl"><head><meta charset="utf-8"></head>'
        '<body><div dir="rtl" style="font-family:Vazirmatn,Tahoma,sans-serif">'
        f"{body}</div></body></html>\n"
    )


class SmtpProvider:
    """Send email through one SMTP server. Implements :class:`.base.EmailProvider`.

    ``security``: ``none`` (plain), ``starttls`` (upgrade after connecting, usually port
    587) or ``ssl`` (TLS from the start, usually 465). ``from_addr`` may be
    ``"Shop <shop@example.com>"`` when ``from_name`` is not given. ``sleep`` and
    ``clock`` are injectable for tests.
    """

    name = "smtp"

    def __init__(
        self,
        host: str,
        port: int,
        *,
        user: str | None = None,
        password: str | None = None,
        security: str = "none",
        from_addr: str,
        from_name: str | None = None,
        timeout: float = 30,
        rate_per_minute: float = 60,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if security not in SECURITY:
            raise ValueError(f"security must be one of {SECURITY}, not {security!r}")
        parsed_name, parsed_addr = parseaddr(from_addr or "")
        if not host or "@" not in parsed_addr:
            raise ProviderError(
                "smtp_not_configured", detail="the SMTP host and the From address are required"
            )
        self.host, self.port, self.security = host, int(port), security
        self.user = user or None
        self._password = password or ""
        if self._password:
            protect_secret(self._password, __name__)
        self.from_addr = parsed_addr
        self.from_name = from_name or parsed_name or None
        self.timeout = timeout
        self._interval = 60.0 / rate_per_minute if rate_per_minute and rate_per_minute > 0 else 0
        self.sleep, self.clock = sleep, clock
        self._next_at = float("-inf")

    def __repr__(self) -> str:
        return (
            f"SmtpProvider(host={self.host!r}, port={self.port}, security={self.security!r}, "
            f"user={self.user!r}, from_addr={self.from_addr!r})"
        )

    __str__ = __repr__

    def _mask(self, text: str) -> str:
        if self._password:
            text = text.replace(self._password, mask(self._password))
        return text

    def _detail(self, exc: BaseException) -> str:
        if isinstance(exc, smtplib.SMTPResponseException):
            reply = exc.smtp_error
            text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
            return self._mask(f"{exc.smtp_code} {text}")
        return self._mask(f"{type(exc).__name__}: {exc}")

    # -- connection ----------------------------------------------------------------------
    def _connect(self) -> smtplib.SMTP:
        """An open, logged-in connection, or ProviderError smtp_connect / smtp_auth."""
        conn: smtplib.SMTP | None = None
        failure: ProviderError | None = None
        where = f"{self.host}:{self.port}"
        try:
            context = ssl.create_default_context()
            if self.security == "ssl":
                conn = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=context)
            else:
                conn = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            if self.security == "starttls":
                conn.ehlo()
                conn.starttls(context=context)
                conn.ehlo()
            if self.user:
                conn.login(self.user, self._password)
        except (smtplib.SMTPAuthenticationError, smtplib.SMTPNotSupportedError) as exc:
            if isinstance(exc, smtplib.SMTPNotSupportedError) and "STARTTLS" in str(exc):
                failure = ProviderError("smtp_connect", server=where, detail=self._detail(exc))
            else:
                failure = ProviderError("smtp_auth", server=where, detail=self._detail(exc))
        except (smtplib.SMTPException, OSError) as exc:
            failure = ProviderError("smtp_connect", server=where, detail=self._detail(exc))
        if failure is not None:  # raised outside ``except``: nothing chained
            _quit(conn)
            log.warning("smtp %s: %s", where, failure.data["detail"])
            raise failure
        assert conn is not None
        return conn

    def test_connection(self) -> None:
        """Connect, log in if a user is set, say NOOP and leave; ProviderError if not."""
        conn = self._connect()
        try:
            conn.noop()
        finally:
            _quit(conn)

    def close(self) -> None:
        """Nothing to do: each :meth:`send` opens and closes its own connection."""

    # -- sending -------------------------------------------------------------------------
    def send(
        self,
        messages: Sequence[EmailMessage],
        *,
        before: Callable[[EmailMessage], None] | None = None,
        after: Callable[[EmailResult], None] | None = None,
    ) -> list[EmailResult]:
        """Send each message to its recipient over one connection, paced; one result per
        message, in order. Raises only if the first connection or login fails.

        ``before(m)`` runs just before ``m`` is handed to the server and ``after(result)``
        the moment the server answered (the caller records each outcome at once)."""
        if not messages:
            return []
        conn: smtplib.SMTP | None = self._connect()
        results: list[EmailResult] = []

        def emit(result: EmailResult) -> None:
            results.append(result)
            if after is not None:
                after(result)

        try:
            for m in messages:
                if conn is None:  # the server went away and would not take us back
                    emit(EmailResult(m.local_id, False, None, "smtp_connect", "connection lost"))
                    continue
                if results and results[-1].error == "smtp_sender_refused":
                    emit(EmailResult(m.local_id, False, None, "smtp_sender_refused",
                                     "not tried: the server refused the sender"))
                    continue
                self._pace()
                if before is not None:
                    before(m)
                result, alive = self._send_one(conn, m)
                emit(result)
                if not alive:
                    _quit(conn)
                    conn = self._reconnect()
        finally:
            _quit(conn)
        return results

    def _reconnect(self) -> smtplib.SMTP | None:
        try:
            return self._connect()
        except ProviderError:
            return None

    def _pace(self) -> None:
        now = self.clock()
        if self._next_at > now:
            self.sleep(self._next_at - now)
        self._next_at = max(now, self._next_at) + self._interval

    def _send_one(self, conn: smtplib.SMTP, m: EmailMessage) -> tuple[EmailResult, bool]:
        """Send ``m``; returns its result and whether the connection is still usable."""
        try:
            mime = self.build(m)
        except (ValueError, TypeError) as exc:  # an address that is not one
            return EmailResult(
                m.local_id,
                False,
                None,
                "smtp_recipient_refused",
                f"bad address {m.to_addr!r}: {exc}",
            ), True
        try:
            conn.send_message(mime, from_addr=self.from_addr, to_addrs=[m.to_addr])
        except smtplib.SMTPRecipientsRefused as exc:
            code, reply = next(iter(exc.recipients.values()), (550, b""))
            text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
            error = "smtp_temporary" if 400 <= code < 500 else "smtp_recipient_refused"
            return EmailResult(m.local_id, False, None, error, f"{code} {text}"), True
        except smtplib.SMTPSenderRefused as exc:
            return EmailResult(
                m.local_id, False, None, "smtp_sender_refused", self._detail(exc)
            ), True
        except smtplib.SMTPDataError as exc:
            error = "smtp_temporary" if 400 <= exc.smtp_code < 500 else "smtp_rejected"
            return EmailResult(m.local_id, False, None, error, self._detail(exc)), True
        except smtplib.SMTPNotSupportedError as exc:  # e.g. a non-ASCII address
            return EmailResult(m.local_id, False, None, "smtp_rejected", self._detail(exc)), True
        except (smtplib.SMTPException, OSError) as exc:  # connection lost mid-way
            log.warning("smtp %s:%s: %s", self.host, self.port, self._detail(exc))
            return EmailResult(m.local_id, False, None, "smtp_connect", self._detail(exc)), False
        log.debug("smtp: sent local id %s", m.local_id)
        return EmailResult(m.local_id, True, str(mime["Message-ID"])), True

    def build(self, m: EmailMessage) -> MimeMessage:
        """The MIME message for ``m`` (text + HTML alternative, encoded headers)."""
        mime = MimeMessage()
        mime["From"] = Address(display_name=self.from_name or "", addr_spec=self.from_addr)
        mime["To"] = Address(display_name=m.to_name or "", addr_spec=m.to_addr.strip())
        mime["Subject"] = " ".join(m.subject.split())  # no line breaks in a header
        mime["Date"] = formatdate(localtime=True)
        mime["Message-ID"] = make_msgid("shopcrm", domain=self.from_addr.rpartition("@")[2])
        mime.set_content(m.text)
        mime.add_alternative(m.html if m.html is not None else rtl_html(m.text), subtype="html")
        return mime


def _quit(conn: smtplib.SMTP | None) -> None:
    if conn is None:
        return
    try:
        conn.quit()
    except (smtplib.SMTPException, OSError):
        conn.close()

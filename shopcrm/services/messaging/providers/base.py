"""The message providers' shared vocabulary: plain data in, plain data out.

A provider turns :class:`SmsMessage` / :class:`EmailMessage` values into results; it
knows nothing of the database, campaigns or Qt. Everything here is plain data that may
cross threads.

Errors. A provider raises :class:`shopcrm.errors.ProviderError` when a whole call fails;
``error.code`` says what the caller should do, ``error.data`` carries ``status`` (the
gateway's return code, if any), ``detail`` (text for logs, secrets masked) and, where it
helps, ``retry_after`` (seconds) and ``unknown_outcome`` (True when the request may have
been carried out although no usable reply came back). The SMS codes:

==================== =============================================== =====================
code                 cause                                           the caller should
==================== =============================================== =====================
sms_not_configured   no API key                                      ask for settings
sms_auth             401 account disabled, 403 bad key, 407 IP      stop the campaign
sms_no_credit        418                                             pause the campaign
sms_invalid_receptor 411                                             fail that message
sms_rejected         400 402 412 413 414 417 419 422, other 4xx      see below
sms_sender_required  personalised texts need a sender line           ask for settings
sms_retryable        409 451 5xx, connect errors, timeouts of reads  try later
sms_malformed        reply not JSON / keys missing                   see unknown_outcome
sms_lost_reply       send may have reached the gateway, no reply     status_by_local_ids
==================== =============================================== =====================

Raised for a whole call, ``sms_rejected`` means the request itself is wrong (the sender
line, say): stop and show it. In a :class:`SmsResult` it fails that one message.

``UNKNOWN_OUTCOME_CODES`` are the codes after which a send must not simply be repeated:
ask :meth:`SmsProvider.status_by_local_ids` which messages the gateway knows, and resend
only those it reports as :data:`UNKNOWN`.

Email codes: ``smtp_auth`` and ``smtp_connect`` are raised for a whole batch (nothing was
sent); per message, :class:`EmailResult.error` holds ``smtp_recipient_refused`` or
``smtp_rejected`` (permanent) or ``smtp_temporary`` / ``smtp_connect`` (try later).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from shopcrm.logs import SECRET_FILTER, register_secret

# -- Kavenegar delivery statuses (also used by the file provider) ---------------------
QUEUED = 1
SCHEDULED = 2
SENT_TO_OPERATOR = (4, 5)
FAILED = 6
DELIVERED = 10
UNDELIVERED = 11
CANCELED = 13  # refunded
BLOCKED = 14  # the recipient opted out of advertising; refunded
UNKNOWN = 100  # the gateway does not know the message: it was not sent

FINAL_STATUSES = frozenset({FAILED, DELIVERED, UNDELIVERED, CANCELED, BLOCKED})
FAILED_STATUSES = frozenset({FAILED, UNDELIVERED, CANCELED, BLOCKED})

#: Error codes after which the outcome of a send is unknown (see the module docstring).
UNKNOWN_OUTCOME_CODES = frozenset({"sms_lost_reply", "sms_malformed"})
#: Codes after which the whole campaign stops (settings must change first).
STOP_CODES = frozenset({"sms_auth", "sms_not_configured", "sms_sender_required"})
#: Codes after which the same messages may be sent again later.
RETRY_CODES = frozenset({"sms_retryable", "sms_no_credit"})


def is_final(status: int | None) -> bool:
    """True when a delivery status will not change any more (delivered, failed...)."""
    return status in FINAL_STATUSES


def is_failed(status: int | None) -> bool:
    """True for a final status that means the text did not reach the phone."""
    return status in FAILED_STATUSES


def is_known(status: int | None) -> bool:
    """False for :data:`UNKNOWN` (or no status): the gateway never took the message."""
    return status is not None and status != UNKNOWN


# -- values ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SmsMessage:
    """One text to one mobile. ``local_id`` is the caller's own numeric id (the outbox
    row); the gateway stores it, so a lost reply can be looked up later."""

    local_id: int
    receptor: str
    text: str


@dataclass(frozen=True, slots=True)
class SmsResult:
    """What happened to one :class:`SmsMessage` in a send call.

    Accepted: ``message_id`` set, ``status`` the gateway's delivery status (usually
    QUEUED), ``cost`` in Rials as charged, ``error_code`` None.
    Not accepted: ``message_id`` None and ``error_code`` one of the ProviderError codes
    (``sms_invalid_receptor``, ``sms_rejected``, ``sms_lost_reply``...), with the
    reason in ``status_text``.
    """

    local_id: int
    receptor: str
    message_id: int | None
    status: int | None
    status_text: str
    cost: int | None
    error_code: str | None = None

    @property
    def ok(self) -> bool:
        return self.error_code is None and self.message_id is not None


@dataclass(frozen=True, slots=True)
class DeliveryStatus:
    """The gateway's current status of one message. ``status`` is :data:`UNKNOWN` when
    the gateway has no such message (then, looked up by local id, ``message_id`` is
    None). ``local_id`` is None when looked up by message id."""

    message_id: int | None
    local_id: int | None
    status: int
    status_text: str
    cost: int | None = None  # Rials charged, when the answer says (``sms/select``)

    @property
    def final(self) -> bool:
        return is_final(self.status)


@dataclass(frozen=True, slots=True)
class InboundSms:
    """One reply read from the line's inbox (Kavenegar ``sms/receive``). ``date`` is the
    gateway's Unix time (None when it gave none); ``sender`` as the gateway spelt it."""

    message_id: str
    sender: str
    receptor: str
    text: str
    date: int | None


@dataclass(frozen=True, slots=True)
class Credit:
    """The account's remaining credit; ``remaining`` None when the provider cannot tell."""

    remaining: int | None
    currency: str = "rial"


@dataclass(frozen=True, slots=True)
class EmailMessage:
    """One email to one person. ``html`` None: the provider builds a right-to-left HTML
    part from ``text``."""

    local_id: int
    to_addr: str
    to_name: str | None
    subject: str
    text: str
    html: str | None = None


@dataclass(frozen=True, slots=True)
class EmailResult:
    """What happened to one :class:`EmailMessage`. ``error`` is a code (see the module
    docstring) when ``ok`` is False; ``detail`` is the server's words, for the log."""

    local_id: int
    ok: bool
    message_id: str | None
    error: str | None = None
    detail: str = ""


# -- protocols ---------------------------------------------------------------------------
@runtime_checkable
class SmsProvider(Protocol):
    """Something that sends SMS: Kavenegar, or a file for trying things out.

    One instance is used from one thread at a time. ``close()`` releases connections.
    """

    name: str
    #: Most messages :meth:`send` accepts in one call.
    max_batch: int

    def send(self, messages: Sequence[SmsMessage], sender: str | None = None) -> list[SmsResult]:
        """Send one chunk (at most ``max_batch`` messages, else ValueError).

        Returns one result per message, in the order given. Raises ProviderError when
        the whole chunk failed; see :data:`UNKNOWN_OUTCOME_CODES` for what to do after
        ``sms_lost_reply`` / ``sms_malformed``. ``sender`` None: the provider's default
        line. Equal texts go out in one call to many; personalised texts in one array
        call.
        """
        ...

    def status(self, message_ids: Sequence[int]) -> list[DeliveryStatus]:
        """Delivery statuses by the gateway's message ids, in the order given (any
        number; chunked internally). Unknown ids come back as :data:`UNKNOWN`."""
        ...

    def status_by_local_ids(self, local_ids: Sequence[int]) -> list[DeliveryStatus]:
        """Delivery statuses by the caller's local ids, in the order given. A local id
        the gateway does not know (status :data:`UNKNOWN`, ``message_id`` None) was not
        sent and may be sent again."""
        ...

    def credit(self) -> Credit:
        """The account's remaining credit."""
        ...

    def close(self) -> None: ...


@runtime_checkable
class EmailProvider(Protocol):
    """Something that sends email: an SMTP server, or a file for trying things out."""

    name: str

    def send(
        self,
        messages: Sequence[EmailMessage],
        *,
        before: Callable[[EmailMessage], None] | None = None,
        after: Callable[[EmailResult], None] | None = None,
    ) -> list[EmailResult]:
        """Send each message to its one recipient; one result per message, in order.
        ``before(m)`` runs just before ``m`` is handed over, ``after(result)`` as soon as
        its outcome is known (so the caller can write each one at once).

        Raises ProviderError (``smtp_auth``, ``smtp_connect``) only when nothing could
        be sent; failures of single messages come back in the results."""
        ...

    def test_connection(self) -> None:
        """Connect and log in, or raise ProviderError saying why not."""
        ...

    def close(self) -> None: ...


# -- secrets -----------------------------------------------------------------------------
# urllib3 logs every request URL at DEBUG, and Kavenegar puts the API key in the URL. Those
# records do not pass the file handler's filter in shopcrm.logs (they are not under the
# "shopcrm" logger), so the same filter is attached to the HTTP libraries' loggers too.
_WATCHED = (
    "urllib3",
    "urllib3.connection",
    "urllib3.connectionpool",
    "urllib3.poolmanager",
    "urllib3.response",
    "urllib3.util.retry",
    "requests",
)


def protect_secret(secret: str, *loggers: str) -> None:
    """Mask ``secret`` in every record of the HTTP libraries' loggers and of ``loggers``
    (a logger's filter sees only records logged on that very logger, not its children)."""
    register_secret(secret)
    for name in (*_WATCHED, *loggers):
        logger = logging.getLogger(name)
        if SECRET_FILTER not in logger.filters:
            logger.addFilter(SECRET_FILTER)

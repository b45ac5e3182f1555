"""Message providers: SMS (Kavenegar, or a file) and email (SMTP, or a file).

No database and no Qt here: plain data in (:class:`SmsMessage`, :class:`EmailMessage`),
plain data out (:class:`SmsResult`, :class:`EmailResult`, :class:`DeliveryStatus`,
:class:`Credit`), and :class:`shopcrm.errors.ProviderError` codes; see :mod:`.base`.
The concrete classes live in their own modules (``kavenegar``, ``smtp``, ``file``) so
that importing the vocabulary does not import ``requests``.
"""

from shopcrm.services.messaging.providers.base import (
    BLOCKED,
    CANCELED,
    DELIVERED,
    FAILED,
    QUEUED,
    RETRY_CODES,
    SCHEDULED,
    SENT_TO_OPERATOR,
    STOP_CODES,
    UNDELIVERED,
    UNKNOWN,
    UNKNOWN_OUTCOME_CODES,
    Credit,
    DeliveryStatus,
    EmailMessage,
    EmailProvider,
    EmailResult,
    SmsMessage,
    SmsProvider,
    SmsResult,
    is_failed,
    is_final,
    is_known,
)

__all__ = [
    "BLOCKED",
    "CANCELED",
    "DELIVERED",
    "FAILED",
    "QUEUED",
    "RETRY_CODES",
    "SCHEDULED",
    "SENT_TO_OPERATOR",
    "STOP_CODES",
    "UNDELIVERED",
    "UNKNOWN",
    "UNKNOWN_OUTCOME_CODES",
    "Credit",
    "DeliveryStatus",
    "EmailMessage",
    "EmailProvider",
    "EmailResult",
    "SmsMessage",
    "SmsProvider",
    "SmsResult",
    "is_failed",
    "is_final",
    "is_known",
]

"""Kavenegar, through its official SDK (``kavenegar`` 1.1.2) made safe.

The SDK has no timeout, always uses https, raises exceptions with byte strings for text
and shows the API key in exception text and ``repr``. :class:`KavenegarProvider`
subclasses ``kavenegar.KavenegarAPI`` and overrides ``_request``: a base URL (so tests
talk to a fake server on loopback), a ``requests.Session``, a timeout, its own reading
of the envelope, typed :class:`~shopcrm.errors.ProviderError` codes (see
:mod:`.base`), retries with exponential backoff, and the key masked everywhere.

Retries. 409 (busy), 451 (too many calls), 5xx and errors while connecting are tried
again up to ``retries`` times, waiting ``backoff * 2**n`` seconds (or the server's
Retry-After). A send is never repeated once the request may have reached the gateway
(read timeout, connection broken mid-way, 502/504 from a proxy): that raises
``sms_lost_reply`` and the caller asks :meth:`KavenegarProvider.status_by_local_ids`.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import Any
from urllib.parse import quote

import kavenegar
import requests
from urllib3.exceptions import ConnectTimeoutError

from shopcrm.config import mask
from shopcrm.errors import ProviderError
from shopcrm.services.messaging.providers.base import (
    UNKNOWN,
    Credit,
    DeliveryStatus,
    InboundSms,
    SmsMessage,
    SmsResult,
    protect_secret,
)
from shopcrm.services.messaging.sms_text import MAX_CHARS

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://api.kavenegar.com"
STATUS_CHUNK = 500  # sms/status takes at most 500 ids a call
_SEND_PATHS = frozenset({"sms/send", "sms/sendarray"})
_AUTH = frozenset({401, 403, 407})
_BUSY = frozenset({409, 451})
_AMBIGUOUS_HTTP = frozenset({502, 504})  # a proxy's answer: the gateway may have sent
_PHONE = re.compile(r"\+?[0-9]{7,15}", re.ASCII)  # digits only: no comma may slip in
_MAX_DELAY = 300.0

Timeout = float | tuple[float, float]


class KavenegarProvider(kavenegar.KavenegarAPI):
    """Send SMS through Kavenegar. Implements :class:`.base.SmsProvider`.

    ``timeout`` is requests' (connect, read) seconds; ``session`` lets a test or the
    app share a ``requests.Session``; ``sleep`` is called between retries (tests pass a
    recorder so nothing waits). One instance serves one thread at a time.
    """

    name = "kavenegar"
    max_batch = 200
    headers: dict[str, str]  # set by the SDK's __init__ (the SDK has no types)

    def __init__(
        self,
        api_key: str,
        *,
        base_url: str = DEFAULT_BASE_URL,
        sender: str | None = None,
        timeout: Timeout = (5, 30),
        session: requests.Session | None = None,
        retries: int = 3,
        backoff: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        api_key = (api_key or "").strip()
        if not api_key:
            raise ProviderError("sms_not_configured", detail="no Kavenegar API key is set")
        super().__init__(api_key)
        self._quoted_key = quote(api_key, safe="=")
        for secret in {api_key, self._quoted_key, quote(api_key, safe="")}:
            protect_secret(secret, __name__)
        self.base_url = (base_url or DEFAULT_BASE_URL).rstrip("/")
        self.sender = (sender or "").strip() or None
        self.timeout = timeout
        self.retries = max(0, int(retries))
        self.backoff = float(backoff)
        self.sleep = sleep
        self._owns_session = session is None
        self.session = session or requests.Session()
        self.headers = {**self.headers, "User-Agent": "ShopCRM"}
        self.headers.pop("charset", None)  # the SDK's bogus header

    # -- the key never shows -------------------------------------------------------------
    def __repr__(self) -> str:
        return (
            f"KavenegarProvider(api_key={mask(self.apikey)!r}, "
            f"base_url={self.base_url!r}, sender={self.sender!r})"
        )

    __str__ = __repr__

    def _mask(self, text: str) -> str:
        for secret in (self.apikey, self._quoted_key):
            text = text.replace(secret, mask(self.apikey))
        return text

    def close(self) -> None:
        """Close the HTTP session if this provider opened it."""
        if self._owns_session:
            self.session.close()

    def __enter__(self) -> KavenegarProvider:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transport: the SDK's one hook ---------------------------------------------------
    def _request(self, action: str, method: str, params: dict[str, Any] | None = None) -> Any:
        """POST ``action/method`` and return the envelope's ``entries``, retrying what
        may be retried; raise ProviderError otherwise. Called by the SDK's methods."""
        path = f"{action}/{method}"
        data = dict(params or {})
        attempt = 0
        while True:
            try:
                return self._call(path, data)
            except ProviderError as err:
                err.data.setdefault("attempts", attempt + 1)
                if err.code != "sms_retryable" or attempt >= self.retries:
                    raise
                delay = min(
                    _MAX_DELAY, max(err.data.get("retry_after") or 0.0, self.backoff * 2**attempt)
                )
                log.warning(
                    "kavenegar %s; retry %d of %d in %.1f s",
                    err.data.get("detail"),
                    attempt + 1,
                    self.retries,
                    delay,
                )
            self.sleep(delay)
            attempt += 1

    def _call(self, path: str, data: dict[str, Any]) -> Any:
        url = f"{self.base_url}/{self.version}/{self._quoted_key}/{path}.json"
        failure: ProviderError | None = None
        started = time.monotonic()
        try:
            response = self.session.post(
                url, data=data, headers=self.headers, timeout=self.timeout, allow_redirects=False
            )
        except requests.RequestException as exc:
            failure = self._transport_error(path, exc)
        if failure is not None:  # raised here, outside ``except``: no chained URL
            log.info(
                "kavenegar %s (after %.1f s)",
                failure.data.get("detail"),
                time.monotonic() - started,
            )
            raise failure
        log.debug(
            "kavenegar %s -> HTTP %s in %.2f s",
            path,
            response.status_code,
            time.monotonic() - started,
        )
        return self._read(path, response)

    def _transport_error(self, path: str, exc: requests.RequestException) -> ProviderError:
        detail = self._mask(f"{path}: {type(exc).__name__}: {exc}")
        if isinstance(
            exc,
            requests.exceptions.InvalidURL
            | requests.exceptions.MissingSchema
            | requests.exceptions.InvalidSchema,
        ):
            return ProviderError(
                "sms_not_configured", status=None, detail=f"bad base URL {self.base_url!r}"
            )
        if path in _SEND_PATHS and not _before_request(exc):
            return ProviderError("sms_lost_reply", status=None, detail=detail, unknown_outcome=True)
        return ProviderError("sms_retryable", status=None, detail=detail, retry_after=None)

    def _read(self, path: str, response: requests.Response) -> Any:
        http = response.status_code
        sending = path in _SEND_PATHS
        try:
            doc = json.loads(response.content.decode("utf-8"))
            status = int(doc["return"]["status"])
            message = str(doc["return"].get("message") or "")
        except (ValueError, KeyError, TypeError, AttributeError):
            snippet = self._mask(" ".join(response.text[:160].split()))
            detail = f"{path}: HTTP {http}: {snippet}"
            if http >= 500 or http in _BUSY:
                raise self._server_error(path, http, detail, response) from None
            raise ProviderError(
                "sms_malformed",
                status=http,
                detail=detail,
                unknown_outcome=sending and 200 <= http < 300,
            ) from None
        detail = self._mask(f"{path}: {status} {message}".strip())
        if status == 200:
            if "entries" not in doc:
                raise ProviderError(
                    "sms_malformed",
                    status=status,
                    detail=f"{path}: no entries",
                    unknown_outcome=sending,
                )
            return doc["entries"]
        if status in _AUTH:
            raise ProviderError("sms_auth", status=status, detail=detail)
        if status == 418:
            raise ProviderError("sms_no_credit", status=status, detail=detail)
        if status == 411:
            raise ProviderError("sms_invalid_receptor", status=status, detail=detail)
        if status in _BUSY or status >= 500:
            raise self._server_error(path, status, detail, response)
        raise ProviderError("sms_rejected", status=status, detail=detail)

    def _server_error(
        self, path: str, status: int, detail: str, response: requests.Response
    ) -> ProviderError:
        if path in _SEND_PATHS and response.status_code in _AMBIGUOUS_HTTP:
            return ProviderError(
                "sms_lost_reply", status=status, detail=detail, unknown_outcome=True
            )
        return ProviderError(
            "sms_retryable", status=status, detail=detail, retry_after=_retry_after(response)
        )

    # -- SmsProvider -----------------------------------------------------------------------
    def send(self, messages: Sequence[SmsMessage], sender: str | None = None) -> list[SmsResult]:
        """Send one chunk; see :meth:`.base.SmsProvider.send`.

        Equal texts: one ``sms/send`` with comma-joined ``receptor`` and ``localid``.
        Different texts: one ``sms/sendarray`` with JSON arrays ``receptor``, ``sender``,
        ``message`` and ``localmessageids`` (needs a sender line). Messages with a
        receptor that is not a phone number, an empty text or more than 900 characters
        fail here without a call. A 411 for several receptors is narrowed down by
        halves, so one bad number fails alone.
        """
        batch = list(messages)
        if len(batch) > self.max_batch:
            raise ValueError(f"at most {self.max_batch} messages a call, not {len(batch)}")
        if len({m.local_id for m in batch}) != len(batch):
            raise ValueError("local ids in one call must differ")
        line = (sender or "").strip() or self.sender
        results: dict[int, SmsResult] = {}
        ready: list[tuple[int, SmsMessage]] = []
        for i, m in enumerate(batch):
            problem = _precheck(m)
            if problem:
                results[i] = _failed(m, *problem)
            else:
                ready.append((i, m))
        if ready:
            sent = self._send_narrowing([m for _, m in ready], line)
            results.update((i, r) for (i, _), r in zip(ready, sent, strict=True))
        return [results[i] for i in range(len(batch))]

    def _send_narrowing(self, msgs: list[SmsMessage], line: str | None) -> list[SmsResult]:
        """Send ``msgs``; on a 411 send each half again. Raises only when nothing of
        ``msgs`` was sent; a failure after part was sent becomes per-message results."""
        try:
            entries = self._send_call(msgs, line)
        except ProviderError as err:
            if err.code != "sms_invalid_receptor":
                raise
            if len(msgs) == 1:
                return [_failed(msgs[0], err.code, str(err.data.get("detail", "")))]
            log.info("kavenegar: 411 for %d receptors; trying each half", len(msgs))
            half = len(msgs) // 2
            first = self._send_narrowing(msgs[:half], line)
            try:
                second = self._send_narrowing(msgs[half:], line)
            except ProviderError as later:
                reason = str(later.data.get("detail", ""))
                second = [_failed(m, later.code, reason) for m in msgs[half:]]
            return first + second
        return self._match(msgs, entries)

    def _send_call(self, msgs: list[SmsMessage], line: str | None) -> Any:
        if len({m.text for m in msgs}) == 1:
            params = {
                "receptor": ",".join(m.receptor for m in msgs),
                "message": msgs[0].text,
                "localid": ",".join(str(m.local_id) for m in msgs),
            }
            if line:
                params["sender"] = line
            log.debug("kavenegar sms/send: %d receptors", len(msgs))
            return self.sms_send(params)
        if not line:
            raise ProviderError(
                "sms_sender_required",
                detail="personalised texts (sms/sendarray) need a sender line",
            )
        params = {
            "receptor": json.dumps([m.receptor for m in msgs]),
            "sender": json.dumps([line] * len(msgs)),
            "message": json.dumps([m.text for m in msgs], ensure_ascii=False),
            "localmessageids": json.dumps([str(m.local_id) for m in msgs]),
        }
        log.debug("kavenegar sms/sendarray: %d messages", len(msgs))
        return self.sms_sendarray(params)

    def _match(self, msgs: list[SmsMessage], entries: Any) -> list[SmsResult]:
        """Pair reply entries with messages by receptor, in order (a receptor may occur
        more than once). A message without an entry gets ``sms_lost_reply``."""
        if not isinstance(entries, list):
            raise ProviderError(
                "sms_malformed",
                status=200,
                detail="send: entries is not a list",
                unknown_outcome=True,
            )
        waiting: dict[str, deque[int]] = defaultdict(deque)
        for i, m in enumerate(msgs):
            waiting[_phone_key(m.receptor)].append(i)
        found: dict[int, SmsResult] = {}
        for entry in entries:
            if not isinstance(entry, dict):
                continue
            queue = waiting.get(_phone_key(str(entry.get("receptor", ""))))
            if queue:
                i = queue.popleft()
                found[i] = _accepted(msgs[i], entry)
        if len(found) < len(msgs):
            log.warning(
                "kavenegar: %d of %d messages missing from the reply",
                len(msgs) - len(found),
                len(msgs),
            )
        return [
            found.get(i) or _failed(m, "sms_lost_reply", "no entry for this receptor in the reply")
            for i, m in enumerate(msgs)
        ]

    def status(self, message_ids: Sequence[int]) -> list[DeliveryStatus]:
        """Statuses by message id (``sms/status``, 500 ids a call), in the order given."""
        ids = [int(i) for i in message_ids]
        known: dict[int, DeliveryStatus] = {}
        for entry in self._lookup(self.sms_status, "messageid", ids):
            mid, status = int(entry["messageid"]), int(entry["status"])
            known[mid] = DeliveryStatus(mid, None, status, str(entry.get("statustext") or ""))
        return [known.get(i) or DeliveryStatus(i, None, UNKNOWN, "") for i in ids]

    def status_by_local_ids(self, local_ids: Sequence[int]) -> list[DeliveryStatus]:
        """Statuses by local id (``sms/statuslocalmessageid``), in the order given; a
        local id unknown to the gateway comes back UNKNOWN with ``message_id`` None."""
        ids = [int(i) for i in local_ids]
        known: dict[int, DeliveryStatus] = {}
        for entry in self._lookup(self.sms_statuslocalmessageid, "localid", ids):
            local, status = int(entry["localid"]), int(entry["status"])
            mid = int(entry.get("messageid") or 0) or None
            if status != UNKNOWN and mid is not None:
                text = str(entry.get("statustext") or "")
                known[local] = DeliveryStatus(mid, local, status, text)
        costs = self._costs([d.message_id for d in known.values() if d.message_id])
        known = {k: replace(d, cost=costs.get(d.message_id or 0)) for k, d in known.items()}
        return [known.get(i) or DeliveryStatus(None, i, UNKNOWN, "") for i in ids]

    def _costs(self, message_ids: list[int]) -> dict[int, int]:
        """What the gateway charged for ``message_ids`` (``sms/select``: the full entries,
        ``cost`` included), so a message found by a look-up carries its cost. A failed
        select costs nothing but the figure: the statuses are known already."""
        out: dict[int, int] = {}
        for chunk in _chunks(message_ids, STATUS_CHUNK):
            try:
                entries = self.sms_select({"messageid": ",".join(map(str, chunk))})
            except ProviderError as err:
                log.warning("kavenegar: sms/select failed (%s); costs left unknown", err.code)
                return out
            for entry in entries if isinstance(entries, list) else []:
                try:
                    out[int(entry["messageid"])] = int(float(entry["cost"]))
                except (KeyError, TypeError, ValueError):
                    continue
        return out

    def _lookup(
        self, call: Callable[[dict[str, str]], Any], param: str, ids: list[int]
    ) -> Iterator[dict[str, Any]]:
        """The entries of ``call`` for ``ids``, 500 a request; each entry checked to carry
        ``param`` and ``status`` as numbers (else sms_malformed)."""
        for chunk in _chunks(list(dict.fromkeys(ids)), STATUS_CHUNK):
            entries = call({param: ",".join(map(str, chunk))})
            if not isinstance(entries, list):
                raise _bad_entry(param, entries)
            for entry in entries:
                try:
                    int(entry[param]), int(entry["status"])
                except (KeyError, TypeError, ValueError):
                    raise _bad_entry(param, entry) from None
                yield entry

    def receive(self, line: str | None = None) -> list[InboundSms]:
        """The unread replies to ``line`` (default: the sender line), through the SDK's
        ``sms_receive`` (``sms/receive`` with ``linenumber`` and ``isread=0``). The gateway
        hands each reply out once and then marks it read: store them before acting."""
        number = (line or "").strip() or self.sender
        if not number:
            raise ProviderError("inbox_no_line", detail="no line number to read replies of")
        entries = self.sms_receive({"linenumber": number, "isread": 0})
        if entries is None:
            return []
        if not isinstance(entries, list):
            raise _bad_entry("messageid", entries)
        out = []
        for entry in entries:
            try:
                message_id = str(entry["messageid"]).strip()
                sender = str(entry["sender"]).strip()
                when = entry.get("date")
                date = int(float(when)) if when not in (None, "") else None
            except (KeyError, TypeError, ValueError, AttributeError):
                raise _bad_entry("messageid", entry) from None
            if not message_id or not sender:
                raise _bad_entry("messageid", entry)
            out.append(InboundSms(message_id, sender, str(entry.get("receptor") or number),
                                  str(entry.get("message") or ""), date))
        return out

    def credit(self) -> Credit:
        """Remaining credit in Rials (``account/info`` -> ``remaincredit``)."""
        entries = self.account_info()
        info = entries[0] if isinstance(entries, list) and entries else entries
        try:
            return Credit(int(float(info["remaincredit"])))
        except (KeyError, TypeError, ValueError):
            raise _bad_entry("remaincredit", info) from None


# -- helpers -------------------------------------------------------------------------------
def _before_request(exc: requests.RequestException) -> bool:
    """True when ``exc`` happened before the request could reach the server (no
    connection, DNS, TLS handshake): then resending is safe."""
    if isinstance(exc, requests.exceptions.ConnectTimeout | requests.exceptions.SSLError):
        return True
    if isinstance(exc, requests.exceptions.ConnectionError) and exc.args:
        reason = getattr(exc.args[0], "reason", exc.args[0])  # urllib3's MaxRetryError
        return isinstance(reason, ConnectTimeoutError)  # incl. NewConnectionError, DNS
    return False


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None


def _precheck(m: SmsMessage) -> tuple[str, str] | None:
    if not _PHONE.fullmatch(m.receptor or ""):
        return "sms_invalid_receptor", "not a phone number"
    if not m.text.strip():
        return "sms_rejected", "empty text"
    if len(m.text) > MAX_CHARS:
        return "sms_rejected", f"longer than {MAX_CHARS} characters (413)"
    return None


def _failed(m: SmsMessage, code: str, reason: str) -> SmsResult:
    return SmsResult(m.local_id, m.receptor, None, None, reason, None, code)


def _accepted(m: SmsMessage, entry: dict[str, Any]) -> SmsResult:
    try:
        message_id = int(entry["messageid"])
        status = int(entry["status"]) if entry.get("status") is not None else None
        cost = int(float(entry["cost"])) if entry.get("cost") is not None else None
    except (KeyError, TypeError, ValueError):
        return _failed(m, "sms_lost_reply", "unreadable entry in the reply")
    if message_id <= 0:
        return _failed(m, "sms_lost_reply", "no message id in the reply")
    return SmsResult(
        m.local_id, m.receptor, message_id, status, str(entry.get("statustext") or ""), cost, None
    )


def _phone_key(receptor: str) -> str:
    digits = "".join(c for c in receptor if c.isascii() and c.isdigit())
    return digits[-10:]


def _bad_entry(what: str, entry: Any) -> ProviderError:
    return ProviderError(
        "sms_malformed", status=200, detail=f"{what}: unreadable entry {str(entry)[:120]}"
    )


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]

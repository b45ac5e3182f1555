"""A fake Kavenegar gateway: a real HTTP server on loopback speaking the documented API.

    with FakeKavenegar() as fake:
        provider = KavenegarProvider(fake.api_key, base_url=fake.base_url)
        ...
        assert [s.receptor for s in fake.sent] == [...]

It serves ``POST /v1/{apikey}/{action}/{method}.json`` (form-encoded; GET with a query
string works too) for ``sms/send``, ``sms/sendarray``, ``sms/status``,
``sms/statuslocalmessageid``, ``sms/receive`` and ``account/info``, and answers with
Kavenegar's envelope
``{"return": {"status", "message"}, "entries": ...}`` and the same HTTP status. It checks
what the real one checks: the key (403), at most 200 receptors (414), texts of at most
900 characters (413), equal array lengths (419), Iranian mobiles (411), a numeric sender
(412), enough credit (418, nothing sent). It charges per part per receptor from its own
price table and remembers local ids for ``statuslocalmessageid``.

Fault knobs, each for the next request(s): :meth:`FakeKavenegar.fail_next`,
:meth:`~FakeKavenegar.malformed_next`, :meth:`~FakeKavenegar.drop_reply_next` (accept the
batch, then close the socket without a reply), :meth:`~FakeKavenegar.hang_next`.
:meth:`~FakeKavenegar.delivery` sets delivery statuses.

The inbox: :meth:`FakeKavenegar.inject_reply` puts a customer's reply to a line in it;
``sms/receive`` (``linenumber``, ``isread``) hands out the unread replies to that line, at
most 100 a call, and marks them read, as the real one does (so each reply is handed out
once; ``isread=1`` lists the read ones).

From a shell (for checks that drive the CLI in a subprocess)::

    python -m tests.support.fake_kavenegar --port 8765 --key TESTKEY --record sent.jsonl
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import re
import socket
import threading
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

DEFAULT_KEY = "4A6F6B65724B65792D666F722D74657374732D6F6E6C79"
DEFAULT_SENDER = "10004346"
#: Rials per part, by encoding (the fake's own table; the client must read ``cost``).
PRICES = {"gsm": 2_580, "ucs2": 1_180}

RETURN_TEXT = {
    200: "تایید شد",
    400: "پارامترها ناقص هستند",
    401: "حساب کاربری غیرفعال شده است",
    402: "عملیات ناموفق بود",
    403: "کد شناسائی API-Key معتبر نمی‌باشد",
    407: "دسترسی به اطلاعات مورد نظر برای شما امکان پذیر نیست",
    409: "سرور قادر به پاسخگوئی نیست بعدا تلاش کنید",
    411: "دریافت کننده نامعتبر است",
    412: "ارسال کننده نامعتبر است",
    413: "پیام خالی است و یا طول پیام بیش از حد مجاز می‌باشد",
    414: "حجم درخواست بیشتر از حد مجاز است",
    417: "تاریخ معتبر نمی‌باشد",
    418: "اعتبار حساب شما کافی نیست",
    419: "طول آرایه متن و گیرنده و فرستنده هم اندازه نیست",
    422: "داده ها به دلیل وجود کاراکتر نامناسب قابل پردازش نیست",
    451: "فراخوانی بیش از حد در یک بازه زمانی مشخص",
}
STATUS_TEXT = {
    1: "در صف ارسال",
    2: "زمان بندی شده",
    4: "ارسال شده به مخابرات",
    5: "ارسال شده به مخابرات",
    6: "خطا در ارسال پیام",
    10: "رسیده به گیرنده",
    11: "نرسیده به گیرنده",
    13: "ارسال پیام از سمت کاربر لغو شده",
    14: "بلاک شده است، عدم تمایل گیرنده به دریافت پیامک از خطوط تبلیغاتی",
    100: "شناسه پیامک نامعتبر است",
}
_PATH = re.compile(r"^/v1/(?P<key>[^/]+)/(?P<action>[a-z]+)/(?P<method>[a-z]+)\.json/?$")
_MOBILE = re.compile(r"^(?:\+98|0098|98|0)?(9[0-9]{9})$", re.ASCII)
_GSM = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€"
)


@dataclass
class SentSms:
    """One message the fake accepted."""

    messageid: int
    receptor: str
    sender: str
    message: str
    localid: str | None
    cost: int
    parts: int
    status: int = 1
    date: int = field(default_factory=lambda: int(time.time()))


@dataclass
class Reply:
    """A message a customer sent to one of the account's lines."""

    messageid: int
    sender: str
    receptor: str
    message: str
    date: int
    read: bool = False


@dataclass
class Call:
    """One request as the fake saw it (after the key check)."""

    action: str
    method: str
    params: dict[str, str]
    status: int | None = None  # the return code, None if no reply was given


@dataclass
class _Fault:
    kind: str  # fail | malformed | drop | hang
    status: int = 0
    seconds: float = 0.0
    html: bool = False
    retry_after: float | None = None


class _Reply(Exception):
    def __init__(self, status: int, entries: Any = None) -> None:
        super().__init__(status)
        self.status, self.entries = status, entries


def _parts(text: str) -> tuple[int, str]:
    if set(text) <= _GSM:
        n = sum(2 if c in "^{}\\[~]|€" else 1 for c in text)
        return (1 if n <= 160 else math.ceil(n / 153)), "gsm"
    n = len(text.encode("utf-16-le")) // 2
    return (1 if n <= 70 else math.ceil(n / 67)), "ucs2"


class FakeKavenegar:
    """The fake gateway; use as a context manager or call :meth:`start`/:meth:`stop`."""

    def __init__(
        self,
        api_key: str = DEFAULT_KEY,
        *,
        credit: int = 10_000_000,
        prices: Mapping[str, int] | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        record: str | Path | None = None,
    ) -> None:
        self.api_key = api_key
        self.credit = credit
        self.prices = dict(prices or PRICES)
        self.record = Path(record) if record else None
        self._lock = threading.Lock()
        self._sent: list[SentSms] = []
        self._calls: list[Call] = []
        self._faults: list[_Fault] = []
        self._by_local: dict[str, int] = {}
        self._inbox: list[Reply] = []
        self._next_id = 8_792_343
        self._stopping = threading.Event()
        self._server = ThreadingHTTPServer((host, port), _handler_for(self))
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------
    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://{self._server.server_address[0]}:{self.port}"

    def start(self) -> FakeKavenegar:
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},  # stop() waits at most this long
            name="fake-kavenegar",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes hanging handlers
        self._server.shutdown()
        self._server.server_close()
        if self._thread:
            self._thread.join(5)

    def __enter__(self) -> FakeKavenegar:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- what happened -----------------------------------------------------------------
    @property
    def sent(self) -> list[SentSms]:
        """Every accepted message, in order (a copy)."""
        with self._lock:
            return list(self._sent)

    @property
    def calls(self) -> list[Call]:
        """Every request with a valid key, in order (a copy)."""
        with self._lock:
            return list(self._calls)

    def calls_to(self, action: str, method: str) -> list[Call]:
        return [c for c in self.calls if (c.action, c.method) == (action, method)]

    # -- knobs -------------------------------------------------------------------------
    def fail_next(
        self,
        status: int,
        times: int = 1,
        *,
        html: bool | None = None,
        retry_after: float | None = None,
    ) -> None:
        """Answer the next ``times`` requests with ``status`` and do nothing. 5xx come as
        a plain HTML page (as from a proxy) unless ``html=False``."""
        html = status >= 500 if html is None else html
        self._push(_Fault("fail", status=status, html=html, retry_after=retry_after), times)

    def malformed_next(self, times: int = 1) -> None:
        """Answer the next request with HTTP 200 and a body that is not JSON; nothing is
        done."""
        self._push(_Fault("malformed"), times)

    def drop_reply_next(self, times: int = 1) -> None:
        """Carry out the next request (a send is accepted and charged), then close the
        connection without replying."""
        self._push(_Fault("drop"), times)

    def hang_next(self, seconds: float, times: int = 1) -> None:
        """Carry out the next request, then wait ``seconds`` before replying (or until the
        fake stops)."""
        self._push(_Fault("hang", seconds=seconds), times)

    def delivery(self, statuses: Mapping[int, int] | int, status: int | None = None) -> None:
        """Set delivery statuses: ``delivery({messageid: 10, ...})`` or
        ``delivery(messageid, 14)``."""
        if isinstance(statuses, int):
            if status is None:
                raise TypeError("delivery(messageid, status)")
            statuses = {statuses: status}
        with self._lock:
            for sms in self._sent:
                if sms.messageid in statuses:
                    sms.status = statuses[sms.messageid]

    def inject_reply(self, sender: str, message: str, *, receptor: str = DEFAULT_SENDER,
                     date: int | None = None) -> int:
        """A customer replies ``message`` from ``sender`` (any spelling) to ``receptor``;
        returns the reply's message id."""
        with self._lock:
            reply = Reply(self._next_id, sender, receptor, message,
                          int(time.time()) if date is None else date)
            self._next_id += 1
            self._inbox.append(reply)
            return reply.messageid

    def mark_unread(self) -> None:
        """Hand every reply out again at the next ``sms/receive`` (as after a reply that
        never reached the client): the client must not act on one twice."""
        with self._lock:
            for r in self._inbox:
                r.read = False

    @property
    def inbox(self) -> list[Reply]:
        """Every reply, read or not (a copy)."""
        with self._lock:
            return [Reply(**asdict(r)) for r in self._inbox]

    def deliver_all(self, status: int = 10) -> None:
        with self._lock:
            for sms in self._sent:
                sms.status = status

    def _push(self, fault: _Fault, times: int) -> None:
        with self._lock:
            self._faults.extend(_Fault(**asdict(fault)) for _ in range(times))

    def _pop_fault(self) -> _Fault | None:
        with self._lock:
            return self._faults.pop(0) if self._faults else None

    # -- the API -----------------------------------------------------------------------
    def _dispatch(self, action: str, method: str, params: dict[str, str]) -> Any:
        handler = {
            ("sms", "send"): self._send,
            ("sms", "sendarray"): self._sendarray,
            ("sms", "status"): self._status,
            ("sms", "statuslocalmessageid"): self._status_local,
            ("sms", "receive"): self._receive,
            ("sms", "select"): self._select,
            ("account", "info"): self._info,
        }.get((action, method))
        if handler is None:
            raise _Reply(404)
        return handler(params)

    def _send(self, p: dict[str, str]) -> list[dict[str, Any]]:
        if not p.get("receptor") or not p.get("message"):
            raise _Reply(400)
        receptors = [r.strip() for r in p["receptor"].split(",")]
        localids = [x.strip() for x in p["localid"].split(",")] if p.get("localid") else []
        if localids and len(localids) != len(receptors):
            raise _Reply(419)
        sender = p.get("sender") or DEFAULT_SENDER
        return self._accept(
            receptors,
            [sender] * len(receptors),
            [p["message"]] * len(receptors),
            localids or [None] * len(receptors),
        )

    def _sendarray(self, p: dict[str, str]) -> list[dict[str, Any]]:
        try:
            receptors = json.loads(p["receptor"])
            senders = json.loads(p["sender"])
            messages = json.loads(p["message"])
            raw_ids = p.get("localmessageids")
            localids = json.loads(raw_ids) if raw_ids else [None] * len(receptors)
        except (KeyError, ValueError):
            raise _Reply(400) from None
        lists = (receptors, senders, messages, localids)
        if not all(isinstance(x, list) for x in lists):
            raise _Reply(400)
        if len({len(x) for x in lists}) != 1:
            raise _Reply(419)
        return self._accept(
            [str(r) for r in receptors],
            [str(s) for s in senders],
            [str(m) for m in messages],
            [None if x is None else str(x) for x in localids],
        )

    def _accept(
        self,
        receptors: list[str],
        senders: list[str],
        messages: list[str],
        localids: list[str | None],
    ) -> list[dict[str, Any]]:
        if not receptors:
            raise _Reply(400)
        if len(receptors) > 200:
            raise _Reply(414)
        canonical = []
        for r in receptors:
            m = _MOBILE.match(r)
            if not m:
                raise _Reply(411)
            canonical.append("0" + m.group(1))
        for s in senders:
            if not s.isascii() or not s.isdigit():
                raise _Reply(412)
        costs = []
        for text in messages:
            if not text or len(text) > 900:
                raise _Reply(413)
            if "\x00" in text:
                raise _Reply(422)
            parts, encoding = _parts(text)
            costs.append((parts, parts * self.prices[encoding]))
        with self._lock:
            if sum(c for _, c in costs) > self.credit:
                raise _Reply(418)
            accepted = []
            for receptor, sender, text, localid, (parts, cost) in zip(
                canonical, senders, messages, localids, costs, strict=True
            ):
                sms = SentSms(self._next_id, receptor, sender, text, localid, cost, parts)
                self._next_id += 1
                self.credit -= cost
                self._sent.append(sms)
                if localid is not None:
                    self._by_local[localid] = sms.messageid
                accepted.append(sms)
        if self.record:
            with self.record.open("a", encoding="utf-8") as fh:
                for sms in accepted:
                    fh.write(json.dumps(asdict(sms), ensure_ascii=False) + "\n")
        return [
            {
                "messageid": s.messageid,
                "message": s.message,
                "status": s.status,
                "statustext": STATUS_TEXT[s.status],
                "sender": s.sender,
                "receptor": s.receptor,
                "date": s.date,
                "cost": s.cost,
            }
            for s in accepted
        ]

    def _status(self, p: dict[str, str]) -> list[dict[str, Any]]:
        ids = [x.strip() for x in p.get("messageid", "").split(",") if x.strip()]
        if not ids:
            raise _Reply(400)
        if len(ids) > 500:
            raise _Reply(414)
        with self._lock:
            by_id = {str(s.messageid): s.status for s in self._sent}
        out = []
        for mid in ids:
            status = by_id.get(mid, 100)
            out.append(
                {
                    "messageid": int(mid) if mid.isdigit() else mid,
                    "status": status,
                    "statustext": STATUS_TEXT.get(status, ""),
                }
            )
        return out

    def _status_local(self, p: dict[str, str]) -> list[dict[str, Any]]:
        ids = [x.strip() for x in p.get("localid", "").split(",") if x.strip()]
        if not ids:
            raise _Reply(400)
        if len(ids) > 500:
            raise _Reply(414)
        with self._lock:
            by_id = {s.messageid: s.status for s in self._sent}
            found = {lid: self._by_local.get(lid) for lid in ids}
        out = []
        for lid in ids:
            mid = found[lid]
            status = by_id[mid] if mid is not None else 100
            out.append(
                {
                    "messageid": mid or 0,
                    "localid": lid,
                    "status": status,
                    "statustext": STATUS_TEXT.get(status, ""),
                }
            )
        return out

    def _receive(self, p: dict[str, str]) -> list[dict[str, Any]]:
        line = (p.get("linenumber") or "").strip()
        isread = (p.get("isread") or "").strip()
        if not line or isread not in ("0", "1"):
            raise _Reply(400)
        with self._lock:
            found = [r for r in self._inbox if r.receptor == line and r.read == (isread == "1")]
            found = found[:100]
            for r in found:
                r.read = True
            return [{"messageid": r.messageid, "message": r.message, "sender": r.sender,
                     "receptor": r.receptor, "date": r.date} for r in found]
    def _select(self, p: dict[str, str]) -> list[dict[str, Any]]:
        """``sms/select``: the full entries (cost included) of sent messages by id."""
        ids = [x.strip() for x in p.get("messageid", "").split(",") if x.strip()]
        if not ids:
            raise _Reply(400)
        if len(ids) > 500:
            raise _Reply(414)
        with self._lock:
            by_id = {str(s.messageid): s for s in self._sent}
        out = []
        for mid in ids:
            sms = by_id.get(mid)
            if sms is None:
                continue
            out.append({"messageid": sms.messageid, "message": sms.message,
                        "status": sms.status, "statustext": STATUS_TEXT.get(sms.status, ""),
                        "sender": sms.sender, "receptor": sms.receptor, "date": sms.date,
                        "cost": sms.cost})
        return out

    def _info(self, p: dict[str, str]) -> dict[str, Any]:
        with self._lock:
            return {"remaincredit": self.credit, "expiredate": 1893456000, "type": "master"}


def _handler_for(fake: FakeKavenegar) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # no 40 ms delayed-ACK stalls on keep-alive
        server_version = "FakeKavenegar/1.0"

        def log_message(self, format: str, *args: Any) -> None:  # the path holds the key
            pass

        def do_GET(self) -> None:
            self._serve()

        def do_POST(self) -> None:
            self._serve()

        def _serve(self) -> None:
            url = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8") if length else ""
            params = {k: v[-1] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
            params.update({k: v[-1] for k, v in parse_qs(body, keep_blank_values=True).items()})
            m = _PATH.match(url.path)
            if not m:
                self._envelope(404, None)
                return
            if unquote(m["key"]) != fake.api_key:
                self._envelope(403, None)
                return
            call = Call(m["action"], m["method"], params)
            with fake._lock:
                fake._calls.append(call)
            fault = fake._pop_fault()
            if fault and fault.kind == "fail":
                call.status = fault.status
                if fault.html:
                    self._html(fault.status, fault.retry_after)
                else:
                    self._envelope(fault.status, None, fault.retry_after)
                return
            if fault and fault.kind == "malformed":
                call.status = 200
                self._raw(200, b"<html><body>Service Temporarily Overloaded", "text/html")
                return
            try:
                entries, status = fake._dispatch(m["action"], m["method"], params), 200
            except _Reply as reply:
                entries, status = reply.entries, reply.status
            if fault and fault.kind == "drop":
                self.close_connection = True
                with contextlib.suppress(OSError):
                    self.connection.shutdown(socket.SHUT_RDWR)
                return
            if fault and fault.kind == "hang" and fake._stopping.wait(fault.seconds):
                return
            call.status = status
            try:
                self._envelope(status, entries)
            except OSError:  # the client gave up waiting
                self.close_connection = True

        def _envelope(self, status: int, entries: Any, retry_after: float | None = None) -> None:
            doc = {
                "return": {"status": status, "message": RETURN_TEXT.get(status, "")},
                "entries": entries,
            }
            data = json.dumps(doc, ensure_ascii=False).encode("utf-8")
            self._raw(status, data, "application/json; charset=utf-8", retry_after)

        def _html(self, status: int, retry_after: float | None) -> None:
            page = f"<html><body><h1>{status} Server Error</h1></body></html>".encode()
            self._raw(status, page, "text/html", retry_after)

        def _raw(
            self, status: int, data: bytes, ctype: str, retry_after: float | None = None
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            if retry_after is not None:
                self.send_header("Retry-After", str(retry_after))
            self.end_headers()
            self.wfile.write(data)

    return Handler


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Run the fake Kavenegar gateway.")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--key", default=DEFAULT_KEY)
    parser.add_argument("--credit", type=int, default=10_000_000)
    parser.add_argument("--record", help="append every accepted message to this JSONL file")
    args = parser.parse_args(argv)
    fake = FakeKavenegar(args.key, credit=args.credit, port=args.port, record=args.record)
    with fake:
        print(fake.base_url, flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()

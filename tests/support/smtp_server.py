"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives.

    with SmtpServer(auth=True, refuse={"nobody@example.com"}) as server:
        provider = SmtpProvider(server.host, server.port, user=server.user,
                                password=server.password, from_addr="shop@example.com")
        provider.send([...])
        msg = server.messages[0].message  # an email.message.EmailMessage

With ``auth=True`` it requires AUTH (PLAIN or LOGIN, over plain TCP) with ``user`` /
``password``; recipients in ``refuse`` get ``550 5.1.1``, those in ``defer`` get
``450 4.2.1``. ``greetings`` counts EHLOs, ``logins`` the AUTH attempts.
"""

from __future__ import annotations

import email
import email.policy
import socket
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER = "shop@example.com"
PASSWORD = "correct horse battery staple"


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes
    login: str | None

    @property
    def message(self) -> EmailMessage:
        parsed = email.message_from_bytes(self.data, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


class _Handler:
    def __init__(self, owner: SmtpServer) -> None:
        self.owner = owner

    async def handle_EHLO(
        self, server: Any, session: Any, envelope: Any, hostname: str, responses: list[str]
    ) -> list[str]:
        with self.owner._lock:
            self.owner.greetings += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        if address.lower() in self.owner.refuse:
            return "550 5.1.1 No such user here"
        if address.lower() in self.owner.defer:
            return "450 4.2.1 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        login = getattr(session, "auth_data", None)
        received = Received(
            envelope.mail_from,
            list(envelope.rcpt_tos),
            bytes(envelope.original_content or envelope.content),
            login.login.decode() if isinstance(login, LoginPassword) else None,
        )
        with self.owner._lock:
            self.owner._messages.append(received)
        return "250 Message accepted for delivery"


class _BoundController(Controller):
    """A Controller on a socket bound before start, so port 0 gives a free port."""

    def __init__(self, handler: Any, sock: socket.socket, **kwargs: Any) -> None:
        self._sock = sock
        host, port = sock.getsockname()[:2]
        super().__init__(handler, hostname=host, port=port, **kwargs)

    def _create_server(self) -> Any:
        return self.loop.create_server(self._factory_invoker, sock=self._sock, ssl=self.ssl_context)


class SmtpServer:
    """The server; use as a context manager. ``messages`` lists what arrived."""

    def __init__(
        self,
        *,
        auth: bool = False,
        user: str = USER,
        password: str = PASSWORD,
        refuse: Iterable[str] = (),
        defer: Iterable[str] = (),
    ) -> None:
        self.user, self.password, self.auth = user, password, auth
        self.refuse = {a.lower() for a in refuse}
        self.defer = {a.lower() for a in defer}
        self.host = "127.0.0.1"
        self.port = 0
        self.logins: list[tuple[str, bool]] = []
        self.greetings = 0  # EHLOs: one per connection (two with STARTTLS)
        self._messages: list[Received] = []
        self._lock = threading.Lock()
        self._controller: _BoundController | None = None

    @property
    def messages(self) -> list[Received]:
        with self._lock:
            return list(self._messages)

    def _authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
    ) -> AuthResult:
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        ok = (auth_data.login.decode(), auth_data.password.decode()) == (self.user, self.password)
        self.logins.append((auth_data.login.decode(), ok))
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    def start(self) -> SmtpServer:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, 0))
        self.port = sock.getsockname()[1]
        kwargs: dict[str, Any] = {}
        if self.auth:
            kwargs.update(
                authenticator=self._authenticate, auth_required=True, auth_require_tls=False
            )
        self._controller = _BoundController(_Handler(self), sock, **kwargs)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller:
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> SmtpServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

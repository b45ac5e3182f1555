"""Test providers that write to a file, so an owner without an account can try everything.

Each message becomes one JSON line appended to ``path`` (UTF-8)::

    {"kind": "sms", "message_id": 1, "local_id": 7, "receptor": "0912...", "sender": null,
     "text": "...", "parts": 1, "cost": 0, "time": "2024-08-07T10:00:00+00:00"}
    {"kind": "email", "message_id": "<...@shopcrm.file>", "local_id": 8, "to_addr": ...}

SMS and email may share one file. Appends are serialised by a lock file next to it
(``path + ".lock"``), so threads and processes may write at once; SMS message ids
count up across all writers. Every SMS written reports :data:`~.base.DELIVERED`.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from shopcrm.errors import ProviderError
from shopcrm.services.messaging.providers.base import (
    DELIVERED,
    UNKNOWN,
    Credit,
    DeliveryStatus,
    EmailMessage,
    EmailResult,
    SmsMessage,
    SmsResult,
)
from shopcrm.services.messaging.sms_text import sms_parts

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


_THREAD_LOCKS: dict[str, threading.Lock] = {}
_THREAD_LOCKS_GUARD = threading.Lock()
STATUS_TEXT = "written to the test file"


class _JsonLines:
    """An append-only JSON-lines file guarded by a thread lock and a lock file."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        with _THREAD_LOCKS_GUARD:
            self._thread_lock = _THREAD_LOCKS.setdefault(str(self.path.resolve()), threading.Lock())

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the file for this thread and process; ProviderError if it cannot."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(f"{self.path}.lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise ProviderError(
                "file_provider_write", path=str(self.path), detail=str(exc)
            ) from None
        with self._thread_lock:
            try:
                _lock(fd)
                try:
                    yield
                finally:
                    _unlock(fd)
            finally:
                os.close(fd)

    def read(self) -> list[dict[str, Any]]:
        try:
            with self.path.open(encoding="utf-8") as fh:
                lines = fh.readlines()
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise ProviderError(
                "file_provider_write", path=str(self.path), detail=str(exc)
            ) from None
        records = []
        for line in lines:
            try:
                records.append(json.loads(line))
            except ValueError:
                continue  # a line cut short by a crash
        return records

    def append(self, records: list[dict[str, Any]]) -> None:
        data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        try:
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise ProviderError(
                "file_provider_write", path=str(self.path), detail=str(exc)
            ) from None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class FileSmsProvider:
    """An :class:`~.base.SmsProvider` that writes each SMS to a JSON-lines file."""

    name = "file"
    max_batch = 200

    def __init__(
        self, path: str | os.PathLike[str], *, sender: str | None = None, cost_per_part: int = 0
    ) -> None:
        self._file = _JsonLines(path)
        self.path = self._file.path
        self.sender = sender or None
        self.cost_per_part = cost_per_part

    def __repr__(self) -> str:
        return f"FileSmsProvider({str(self.path)!r})"

    def send(self, messages: Sequence[SmsMessage], sender: str | None = None) -> list[SmsResult]:
        """Append one line per message; every message is accepted with the next id."""
        batch = list(messages)
        if len(batch) > self.max_batch:
            raise ValueError(f"at most {self.max_batch} messages a call, not {len(batch)}")
        if not batch:
            return []
        line = sender or self.sender
        with self._file.locked():
            last = max((r["message_id"] for r in self._sms_records()), default=0)
            records: list[dict[str, Any]] = []
            for offset, m in enumerate(batch, start=1):
                parts = sms_parts(m.text).parts
                records.append(
                    {
                        "kind": "sms",
                        "message_id": last + offset,
                        "local_id": m.local_id,
                        "receptor": m.receptor,
                        "sender": line,
                        "text": m.text,
                        "parts": parts,
                        "cost": parts * self.cost_per_part,
                        "time": _now(),
                    }
                )
            self._file.append(records)
        return [
            SmsResult(
                r["local_id"],
                r["receptor"],
                r["message_id"],
                DELIVERED,
                STATUS_TEXT,
                r["cost"],
                None,
            )
            for r in records
        ]

    def _sms_records(self) -> list[dict[str, Any]]:
        return [r for r in self._file.read() if r.get("kind") == "sms"]

    def status(self, message_ids: Sequence[int]) -> list[DeliveryStatus]:
        records = {r["message_id"]: r for r in self._sms_records()}
        out = []
        for mid in message_ids:
            r = records.get(int(mid))
            if r is None:
                out.append(DeliveryStatus(int(mid), None, UNKNOWN, ""))
            else:
                out.append(DeliveryStatus(int(mid), r["local_id"], DELIVERED, STATUS_TEXT))
        return out

    def status_by_local_ids(self, local_ids: Sequence[int]) -> list[DeliveryStatus]:
        latest = {r["local_id"]: r for r in self._sms_records()}  # the last one wins
        out = []
        for lid in local_ids:
            r = latest.get(int(lid))
            if r is None:
                out.append(DeliveryStatus(None, int(lid), UNKNOWN, ""))
            else:
                out.append(DeliveryStatus(r["message_id"], int(lid), DELIVERED, STATUS_TEXT))
        return out

    def credit(self) -> Credit:
        """Plenty: the test file never runs out."""
        return Credit(10**12)

    def close(self) -> None:
        pass


class FileEmailProvider:
    """An :class:`~.base.EmailProvider` that writes each email to a JSON-lines file."""

    name = "file"

    def __init__(self, path: str | os.PathLike[str], *, from_addr: str | None = None) -> None:
        self._file = _JsonLines(path)
        self.path = self._file.path
        self.from_addr = from_addr

    def __repr__(self) -> str:
        return f"FileEmailProvider({str(self.path)!r})"

    def send(
        self,
        messages: Sequence[EmailMessage],
        *,
        before: Callable[[EmailMessage], None] | None = None,
        after: Callable[[EmailResult], None] | None = None,
    ) -> list[EmailResult]:
        """Append one line per message; every message is accepted (``before`` and
        ``after`` are called around the batch's one write)."""
        if not messages:
            return []
        for m in messages:
            if before is not None:
                before(m)
        records: list[dict[str, Any]] = [
            {
                "kind": "email",
                "message_id": f"<{uuid.uuid4().hex}@shopcrm.file>",
                "local_id": m.local_id,
                "from_addr": self.from_addr,
                "to_addr": m.to_addr,
                "to_name": m.to_name,
                "subject": m.subject,
                "text": m.text,
                "html": m.html,
                "time": _now(),
            }
            for m in messages
        ]
        with self._file.locked():
            self._file.append(records)
        results = [EmailResult(r["local_id"], True, r["message_id"]) for r in records]
        for result in results:
            if after is not None:
                after(result)
        return results

    def test_connection(self) -> None:
        """Check that the file can be written."""
        with self._file.locked():
            self._file.append([])

    def close(self) -> None:
        pass

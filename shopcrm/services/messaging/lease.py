"""One runner per campaign: a lease row in the ``setting`` table (pid, host, heartbeat).

A second runner - a scheduler's ``resume --all`` while the window sends - is refused with
:class:`Conflict` ``campaign_busy``; a lease left by a dead process is taken over.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError

from shopcrm.errors import Conflict
from shopcrm.processes import pid_alive
from shopcrm.storage.db import Database
from shopcrm.storage.models import Setting
from shopcrm.storage.results import rowcount

log = logging.getLogger(__name__)


class Lease:
    """A row ``campaign_lease:<id>`` in ``setting`` naming the process that sends.

    Taken over when its process is gone (same host, pid not running) or its heartbeat
    is older than ``stale`` seconds; else :class:`Conflict` ``campaign_busy``.
    """

    def __init__(self, db: Database, campaign_id: int, stale: float) -> None:
        self.db, self.campaign_id, self.stale = db, campaign_id, stale
        self.key = f"campaign_lease:{campaign_id}"
        self.token = uuid.uuid4().hex
        self.value: str | None = None

    def _mine(self) -> str:
        return json.dumps({
            "token": self.token, "pid": os.getpid(), "host": socket.gethostname(),
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
        })

    def acquire(self) -> None:
        value = self._mine()
        try:
            with self.db.session() as s:
                row = s.get(Setting, self.key)
                if row is None:
                    s.add(Setting(key=self.key, value=value))
                    s.flush()
                else:
                    held = _load(row.value)
                    if self._alive(held):
                        raise Conflict("campaign_busy", id=self.campaign_id,
                                       pid=held.get("pid"), host=held.get("host"))
                    result = s.execute(
                        update(Setting)
                        .where(Setting.key == self.key, Setting.value == row.value)
                        .values(value=value)
                    )
                    if rowcount(result) != 1:
                        raise Conflict("campaign_busy", id=self.campaign_id, pid=None, host=None)
        except IntegrityError:
            raise Conflict("campaign_busy", id=self.campaign_id, pid=None, host=None) from None
        self.value = value

    def _alive(self, held: dict[str, Any]) -> bool:
        try:
            at = datetime.fromisoformat(str(held.get("at")))
        except ValueError:
            return False
        if datetime.now(UTC) - at > timedelta(seconds=self.stale):
            return False
        if held.get("host") != socket.gethostname():
            return True
        return pid_alive(held.get("pid"))

    def beat(self) -> None:
        if self.value is None:
            return
        value = self._mine()
        with self.db.session() as s:
            result = s.execute(
                update(Setting)
                .where(Setting.key == self.key, Setting.value == self.value)
                .values(value=value)
            )
            if rowcount(result) != 1:
                raise Conflict("campaign_busy", id=self.campaign_id, pid=None, host=None)
        self.value = value

    def release(self) -> None:
        if self.value is None:
            return
        try:
            with self.db.session() as s:
                s.execute(
                    delete(Setting).where(Setting.key == self.key, Setting.value == self.value)
                )
        except Exception:  # never hide the real error behind a failed cleanup
            log.exception("campaign %s: cannot release the send lease", self.campaign_id)
        self.value = None


def _load(value: str) -> dict[str, Any]:
    try:
        data = json.loads(value)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}

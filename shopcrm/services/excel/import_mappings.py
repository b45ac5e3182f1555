"""Column mappings remembered for the next file with the same headers.

When the owner maps columns by hand (``--map`` in the command, the mapping step in the
window) and the import goes through, the mapping is kept in the book's ``setting`` table
under ``import.mapping.<signature>``, where the signature is
``shopcrm.services.excel.headers_signature(headers)`` (the same for the same header texts
in any order, whatever their spacing, ZWNJ, ي/ك or digits). The next file with those
headers is mapped the same way without asking.

The value is JSON: ``{"kind", "mapping": {header: field or "ignore"}, "headers": [...],
"saved_at"}``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from shopcrm.domain.dates import utc_now
from shopcrm.storage.db import Database
from shopcrm.storage.models import Setting
from shopcrm.storage.results import rowcount

PREFIX = "import.mapping."


def setting_key(signature: str, kind: str = "customers") -> str:
    """``import.mapping.<sig>`` for customer lists, ``import.mapping.visits.<sig>`` else."""
    return f"{PREFIX}{signature}" if kind == "customers" else f"{PREFIX}{kind}.{signature}"


@dataclass(frozen=True)
class RememberedMapping:
    signature: str
    kind: str
    mapping: dict[str, str]
    headers: list[str]
    saved_at: datetime | None

    def as_dict(self) -> dict[str, Any]:
        return {"signature": self.signature, "kind": self.kind, "mapping": self.mapping,
                "headers": self.headers, "saved_at": self.saved_at}


def _parse(key: str, value: str) -> RememberedMapping | None:
    try:
        data = json.loads(value)
    except (TypeError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("mapping"), dict):
        return None
    kind = str(data.get("kind") or "customers")
    signature = key.rsplit(".", 1)[-1]
    saved = data.get("saved_at")
    try:
        saved_at = datetime.fromisoformat(saved) if saved else None
    except (TypeError, ValueError):
        saved_at = None
    mapping = {str(k): str(v) for k, v in data["mapping"].items()}
    return RememberedMapping(signature, kind, mapping, [str(h) for h in data.get("headers", [])],
                             saved_at)


def recall(session: Session, signature: str, kind: str = "customers") -> dict[str, str] | None:
    """The mapping remembered for ``signature`` (``{header: field}``), or None."""
    value = session.scalar(select(Setting.value).where(
        Setting.key == setting_key(signature, kind)))
    if value is None:
        return None
    found = _parse(setting_key(signature, kind), value)
    return dict(found.mapping) if found and found.mapping else None


def remember(session: Session, signature: str, mapping: dict[str, str], headers: list[str],
             kind: str = "customers") -> None:
    """Keep ``mapping`` for ``signature`` in the caller's transaction (replacing any)."""
    key = setting_key(signature, kind)
    value = json.dumps({"kind": kind, "mapping": mapping, "headers": [h for h in headers if h],
                        "saved_at": utc_now().isoformat(timespec="seconds")},
                       ensure_ascii=False)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    session.flush()


def recall_mapping(db: Database, signature: str, kind: str = "customers"
                   ) -> dict[str, str] | None:
    with db.reading() as s:
        return recall(s, signature, kind)


def remember_mapping(db: Database, signature: str, mapping: dict[str, str],
                     headers: list[str], kind: str = "customers") -> None:
    with db.session() as s:
        remember(s, signature, mapping, headers, kind)


def forget_mapping(db: Database, signature: str, kind: str = "customers") -> bool:
    with db.session() as s:
        result = s.execute(delete(Setting).where(Setting.key == setting_key(signature, kind)))
        return bool(rowcount(result))


def list_mappings(db: Database) -> list[RememberedMapping]:
    with db.reading() as s:
        rows = s.execute(select(Setting.key, Setting.value)
                         .where(Setting.key.like(PREFIX.replace("_", "\\_") + "%", escape="\\"))
                         .order_by(Setting.key)).all()
    out = []
    for key, value in rows:
        found = _parse(key, value)
        if found is not None:
            out.append(found)
    return out

"""Many customers in one bulk insert, each with a different Persian first name (so each
message text differs): the sending tests' book."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select

from shopcrm.domain.text import search_key, sort_key
from shopcrm.storage.models import Customer

LETTERS = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"


def persian_name(i: int, family: str = "نیکو") -> str:
    """A different first name for each ``i``, then ``family``."""
    word = ""
    while True:
        i, r = divmod(i, len(LETTERS))
        word += LETTERS[r]
        if not i:
            return f"{word}ا {family}"


def customer_row(i: int, mobile: str | None, *, family: str = "نیکو",
                 searchable: bool = False, **more: Any) -> dict[str, Any]:
    """The customer table's row for customer ``i`` (``searchable``: with its search text;
    ``more``: other columns, e.g. ``sms_opt_out``)."""
    now = datetime.now(UTC).replace(tzinfo=None)
    name = persian_name(i, family)
    return {"name": name, "name_key": search_key(name), "name_sort": sort_key(name),
            "mobile": mobile, "search_text": search_key(name) if searchable else "",
            "created_at": now, "updated_at": now, **more}


def insert_customers(db: Any, rows: list[dict[str, Any]]) -> None:
    with db.session() as s:
        s.execute(insert(Customer.__table__), rows)


def add_customers(db: Any, n: int, *, prefix: str = "0912", family: str = "نیکو",
                  searchable: bool = False) -> list[int]:
    """``n`` customers with mobiles ``<prefix>0000000``, ``<prefix>0000001``...; returns
    the ids of the customers whose mobile has ``prefix``, in order."""
    insert_customers(db, [customer_row(i, f"{prefix}{i:07d}", family=family,
                                       searchable=searchable) for i in range(n)])
    with db.reading() as s:
        return list(s.scalars(select(Customer.id).where(Customer.mobile.like(f"{prefix}%"))
                              .order_by(Customer.id)))

"""The customer list as the window shows it: the ids of a view, its size, the status flags.

Each function reads through the book's read door (``Database.reading()``), so the window
may run them while another process writes. ``segment_filter`` is
``shopcrm.services.absence.segments.segment_filter`` (passed in, so a caller without the
segments feature passes None and gets the unfiltered list).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from shopcrm.storage.customer_list import count_customers, customer_ids
from shopcrm.storage.db import Database

if TYPE_CHECKING:
    from shopcrm.config import SettingsView

SegmentFilter = Callable[..., Any]
FLAG_SEGMENTS = ("absent", "overdue", "vip")


def view_ids(db: Database, settings: SettingsView, segment_filter: SegmentFilter | None, *,
             query: str = "", segment: str = "all", order: str = "name",
             descending: bool = False) -> list[int]:
    """The ids of the view, in order (0.2 s over 100k customers: run it off the GUI thread)."""
    with db.reading() as session:
        where = []
        if segment != "all" and segment_filter is not None:
            where.append(segment_filter(segment, settings=settings, session=session))
        return customer_ids(session, query=query or None, where=where, order=order,
                            descending=descending)


def view_count(db: Database, settings: SettingsView, segment_filter: SegmentFilter | None, *,
               query: str = "", segment: str | None = None) -> int:
    """How many customers the view holds (the export dialog's count)."""
    with db.reading() as session:
        where = []
        if segment and segment_filter is not None:
            where.append(segment_filter(segment, settings=settings, session=session))
        return count_customers(session, query=query or None, where=where)


def status_flags(db: Database, settings: SettingsView, segment_filter: SegmentFilter | None
                 ) -> dict[str, frozenset[int]]:
    """Who is absent, overdue or VIP now, and who has an open complaint, for the status
    badges."""
    from shopcrm.services.retention.complaints import ComplaintService

    flags: dict[str, frozenset[int]] = {"complaint": ComplaintService(db).open_customer_ids()}
    if segment_filter is None:
        return flags
    with db.reading() as session:
        for name in FLAG_SEGMENTS:
            clause = segment_filter(name, settings=settings, session=session)
            flags[name] = frozenset(customer_ids(session, where=[clause], order="id"))
    return flags

"""Exporting the customers the owner picked in the window, in the order picked.

``excel_export.export_customers`` exports a segment and/or a search; the window also
exports a *selection* (the rows highlighted in the customer table). This writes the same
sheet (``excel_export.CUSTOMER_COLUMNS``: the same columns, formats and safety, so the file
imports back as the same customers) for a list of customer ids, in the list's order;
customers in the trash or gone are left out. Ids are read in chunks, so memory stays flat.

The house pattern: ``ExportProgress`` events, then the ``ExportResult``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from shopcrm.services.excel import exporter as xe
from shopcrm.storage.chunks import CHUNK_SIZE
from shopcrm.storage.db import Database
from shopcrm.storage.models import Customer

if TYPE_CHECKING:
    from shopcrm.config import SettingsView

CHUNK = CHUNK_SIZE


def export_customer_ids(db: Database, path: str | os.PathLike[str], ids: Sequence[int], *,
                        lang: str = "fa", cancel: Any = None, chunk: int = CHUNK,
                        currency: str | None = None, settings: SettingsView | None = None
                        ) -> Iterator[xe.ExportProgress | xe.ExportResult]:
    """The customers ``ids`` (in that order, each once) to the .xlsx ``path``."""
    xe.check_target(path)
    order = list(dict.fromkeys(int(i) for i in ids))
    writer = xe.SheetWriter(path, xe.CUSTOMER_COLUMNS, lang=lang,
                            currency=xe.owner_currency(currency, settings),
                            sheet="مشتریان" if lang == "fa" else "Customers")
    session = db.read_session()
    try:
        yield from xe._run(writer, _pages(session, order, lang, chunk), len(order),
                           "customers", cancel)
    finally:
        session.close()


def _pages(session: Any, ids: list[int], lang: str, chunk: int
           ) -> Iterator[list[Sequence[Any]]]:
    for start in range(0, len(ids), chunk):
        part = ids[start:start + chunk]
        stmt = select(*xe._CUSTOMER_SELECT).where(Customer.id.in_(part),
                                                  Customer.deleted_at.is_(None))
        rows = [row for page in xe._customer_pages(session, stmt, {}, lang, chunk)
                for row in page]
        position = {cid: n for n, cid in enumerate(part)}
        rows.sort(key=lambda row: position[row[0]])
        yield rows

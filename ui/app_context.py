"""What one window needs, built once by ``app.py`` and handed to each widget's constructor.

``AppContext`` is a plain bundle, not a global: a widget receives it (or just the pieces it
uses) when it is built, and tests build one over a temporary book. It carries:

- the open ``Database`` and the ``Settings``;
- the services (``customers``, ``visits``, ``counter``, ``contact_log``) and the optional
  ones of other areas, ``None`` while their module is not in the tree (``segment_filter``);
- ``workers`` (background jobs and the database writer thread), ``display`` (dates,
  digits, money), ``lang``;
- ``events``: ``book_changed`` after any write, so every page refreshes itself;
- ``hooks``: seams other pages fill in (``message``, ``export``, ``import``); an action whose
  hook is missing stays disabled instead of pretending;
- ``window_settings()``: the QSettings file for window geometry and column widths, under
  ``SHOPCRM_CONFIG_DIR`` when it is set.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QSettings, Signal

from shopcrm.config import Settings
from shopcrm.paths import config_dir
from shopcrm.services.absence.contact_log import ContactLogService
from shopcrm.services.customers.counter import CounterService
from shopcrm.services.customers.service import CustomerService
from shopcrm.services.customers.visits import VisitService
from shopcrm.storage.db import Database
from ui.display import Display
from ui.workers import Workers

log = logging.getLogger("shopcrm.ui")

SegmentFilter = Callable[..., Any]


class BookEvents(QObject):
    """``book_changed(what)`` after a write: "customers", "visits", "demo", "import"..."""

    book_changed = Signal(str)


class Hooks(QObject):
    """Named seams between pages: ``hooks.set("message", fn)`` enables the Message action.

    Known names and what the callable receives:
    - ``"message"``: ``fn(customer_ids: list[int])`` opens the campaign composer for them;
    - ``"export"``: ``fn(view: CustomerViewSpec)`` exports the customers page's current view
      (``ui.pages.customers_page.CustomerViewSpec``: query, segment, order, selected ids);
    - ``"import"``: ``fn()`` opens the import wizard.
    """

    changed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self._hooks: dict[str, Callable[..., Any]] = {}

    def set(self, name: str, fn: Callable[..., Any] | None) -> None:
        if fn is None:
            self._hooks.pop(name, None)
        else:
            self._hooks[name] = fn
        self.changed.emit(name)

    def get(self, name: str) -> Callable[..., Any] | None:
        return self._hooks.get(name)

    def has(self, name: str) -> bool:
        return name in self._hooks


def load_segment_filter() -> SegmentFilter:
    """``shopcrm.services.absence.segments.segment_filter`` (the filter chips' queries)."""
    from shopcrm.services.absence.segments import segment_filter

    return segment_filter


def load_rfm_segments(lang: str) -> dict[str, str]:
    """RFM segment names with their labels in ``lang``."""
    from shopcrm.domain import rfm

    return {name: rfm.label(name, lang) for name in rfm.SEGMENTS}


def window_settings() -> QSettings:
    """Window size, splitters and column widths: an INI file in the config dir."""
    return QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)


@dataclass
class AppContext:
    db: Database
    settings: Settings
    lang: str
    workers: Workers
    display: Display
    customers: CustomerService
    visits: VisitService
    counter: CounterService
    contact_log: ContactLogService
    segment_filter: SegmentFilter | None = None
    rfm_segments: dict[str, str] = field(default_factory=dict)
    events: BookEvents = field(default_factory=BookEvents)
    hooks: Hooks = field(default_factory=Hooks)

    def book_changed(self, what: str = "customers") -> None:
        self.events.book_changed.emit(what)

    def window_settings(self) -> QSettings:
        return window_settings()


def build_context(db: Database, settings: Settings, lang: str, *,
                  workers: Workers | None = None) -> AppContext:
    """The services over ``db``; optional services are found if their module exists."""
    customers = CustomerService(db)
    visits = VisitService(db, settings)
    segment_filter = load_segment_filter()
    return AppContext(
        db=db, settings=settings, lang=lang,
        workers=workers or Workers(),
        display=Display.from_settings(settings, lang),
        customers=customers, visits=visits,
        counter=CounterService(db, customers, visits),
        contact_log=ContactLogService(db),
        segment_filter=segment_filter,
        rfm_segments=load_rfm_segments(lang),
    )

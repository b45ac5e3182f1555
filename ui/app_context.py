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
- ``first_paint``: work that waits for the window's first paint (``app.py`` holds it while
  it builds the window; everywhere else it is open and the work runs at once);
- ``window_settings()``: the QSettings file for window geometry and column widths, under
  ``SHOPCRM_CONFIG_DIR`` when it is set.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QWidget

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


class FirstPaint(QObject):
    """Work held back until the main window has painted once.

    A big book's first reads (the Today page's sections, the customer list's ids and
    flags) run on worker threads, but their Python half still takes turns with the GUI
    thread: started while the window is being built, they make its first paint wait in
    proportion to the book. ``app.py`` calls ``hold()`` before it builds the window and
    ``watch(window)`` after; ``after(fn)`` then runs ``fn`` once the window's first paint
    has ended (or after ``FALLBACK_MS`` if the window is never painted, e.g. minimised).
    Not held (tests, the self-test, screenshots), ``after(fn)`` runs ``fn`` at once.
    """

    FALLBACK_MS = 3000

    def __init__(self) -> None:
        super().__init__()
        self._held = False
        self._waiting: list[Callable[[], None]] = []
        self._window: QWidget | None = None

    @property
    def is_open(self) -> bool:
        return not self._held

    def hold(self) -> None:
        self._held = True

    def watch(self, window: QWidget) -> None:
        """Release the held work when ``window`` has painted once."""
        if not self._held:
            return
        self._window = window
        window.installEventFilter(self)
        QTimer.singleShot(self.FALLBACK_MS, self._release)

    def after(self, fn: Callable[[], None]) -> None:
        if self._held:
            self._waiting.append(fn)
        else:
            fn()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self._window and event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self._release)  # the rest of this paint pass runs first
        return False

    def _release(self) -> None:
        if not self._held:
            return
        if self._window is not None:
            self._window.removeEventFilter(self)
        self._held = False
        waiting, self._waiting = self._waiting, []
        for fn in waiting:
            fn()


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
    first_paint: FirstPaint = field(default_factory=FirstPaint)

    def after_first_paint(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` once the window has painted (at once when nothing holds it)."""
        self.first_paint.after(fn)

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

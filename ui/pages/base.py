"""What every page of the main window provides (see ``ui.main_window`` for adding one)."""

from __future__ import annotations

from collections.abc import Callable, Container

import shiboken6
from PySide6.QtCore import QSettings, Slot
from PySide6.QtGui import QIcon, QShowEvent
from PySide6.QtWidgets import QWidget

from ui.app_context import AppContext


class Page(QWidget):
    """A page: built with the ``AppContext``, shown in the main window's navigation.

    Override ``title`` (translated, short: it is the navigation label) and whichever of
    the hooks below the page needs. ``key`` is stable: it names the page in QSettings and
    in screenshot files.
    """

    key = ""
    icon_name = ""  # a file in resources/icons, without ".svg"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(f"page-{self.key}")
        self._when_shown: dict[str, Callable[[], None]] = {}
        self._stale = False  # the book changed since the page last loaded (follow_the_book)
        self._changes: Container[str] | None = None
        self._at_once: Container[str] = ()

    def when_shown(self, fn: Callable[[], None], key: str = "") -> None:
        """Run ``fn`` now if the page is on screen, else the first time it is shown.

        Hidden pages do no work: a page that loads at construction or after a change of
        the book asks through here, so a window that opens on the customers page never
        plans a campaign or lists the absent in the background. The same ``key`` asked
        twice while hidden runs once.
        """
        if self.isVisible():
            fn()
        else:
            self._when_shown[key or getattr(fn, "__name__", repr(fn))] = fn

    def load_first(self, fn: Callable[[], None]) -> None:
        """The page's first load, out of the window's way while it is first painted.

        While ``app.py`` holds ``ctx.first_paint``, the page on screen loads right after
        the first paint; a hidden page loads once the workers are quiet after it (the shown
        page's reads go first) or when it is shown, whichever comes first, once. Otherwise
        (tests, the self-test, screenshots) ``fn`` runs now, as a plain load would.
        """
        if self.ctx.first_paint.is_open:
            fn()
            return
        ran = False

        def once() -> None:
            nonlocal ran
            if not ran and shiboken6.isValid(self):  # the window may be gone meanwhile
                ran = True
                fn()

        def painted() -> None:
            if self.isVisible():
                once()
            else:
                self.when_shown(once, "load_first")
                self.ctx.workers.when_idle(once)

        self.ctx.after_first_paint(painted)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        pending, self._when_shown = self._when_shown, {}
        for fn in pending.values():
            fn()

    def title(self) -> str:
        raise NotImplementedError

    def icon(self) -> QIcon:
        from ui.resources import icon_path

        path = icon_path(self.icon_name) if self.icon_name else None
        return QIcon(str(path)) if path is not None and path.is_file() else QIcon()

    def activated(self) -> None:
        """The page became the visible one: a page that follows the book reloads if the
        book changed while it was hidden."""
        if self._stale:
            self.reload()

    def reload(self) -> None:
        """Load what the page shows again (a page that follows the book has one; it sets
        ``self._stale = False``)."""

    def follow_the_book(self, *, changes: Container[str] | None = None,
                        at_once: Container[str] = ()) -> None:
        """Reload after each change of the book (``ctx.events.book_changed(what)``): at
        once while the page is on screen or when ``what`` is in ``at_once`` (the inbox's
        count in the navigation), else the next time it is shown. ``changes``: only these
        kinds of change matter (None: every one). Until the first ``reload`` the page is
        stale."""
        self._stale = True
        self._changes, self._at_once = changes, at_once
        self.ctx.events.book_changed.connect(self._book_changed)

    @Slot(str)
    def _book_changed(self, what: str) -> None:
        if self._changes is not None and what not in self._changes:
            return
        self._stale = True
        if self.isVisible() or what in self._at_once:
            self.reload()

    def focus_search(self) -> bool:
        """Ctrl+F: focus the page's search field; False when it has none."""
        return False

    def save_state(self, settings: QSettings) -> None:
        """Remember splitters and column widths (called when the window closes)."""

    def restore_state(self, settings: QSettings) -> None:
        """Restore what ``save_state`` remembered (called once, after the page is built)."""

    def selected_customer_id(self) -> int | None:
        """The customer selected on this page (Ctrl+R records a visit for them), or None.
        Pages with a ``selected_ids()`` answer with the first of them."""
        selected = getattr(self, "selected_ids", None)
        ids = selected() if callable(selected) else []
        return ids[0] if ids else None

    def ready(self) -> bool:
        """True when the page shows current data (screenshots wait for it)."""
        return True

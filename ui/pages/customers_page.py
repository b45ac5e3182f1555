"""The customers page: search as you type, filter chips, the lazy table, bulk actions.

Every query runs on a reader thread (``customer_ids`` over 100k customers sorts in the
database for ~0.2 s: too long for the GUI thread); the newest answer wins, older ones are
dropped. Rows are read a page at a time by ``CustomerTableModel`` as the view scrolls.
Filters are segment names given to the segments service (``segment_filter``); when that
service is not installed the chips are hidden, never faked.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from PySide6.QtCore import QCollator, QItemSelectionModel, QLocale, QPoint, QSettings, Qt, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shopcrm.error_text import describe
from shopcrm.services.customers.views import status_flags, view_ids
from ui.app_context import AppContext
from ui.display import isolate
from ui.models.customer_table import COLUMN_KEYS, CustomerTableModel, database_fetcher
from ui.pages.base import Page
from ui.widgets.badges import BadgeDelegate
from ui.widgets.chips import FilterChips
from ui.widgets.notice import Notice
from ui.widgets.search_box import SearchBox


@dataclass(frozen=True)
class CustomerViewSpec:
    """What the page shows, as plain data (the ``export`` hook receives it)."""

    query: str
    segment: str
    order: str
    descending: bool
    selected_ids: tuple[int, ...]


def query_ids(ctx: AppContext, query: str, segment: str, order: str,
              descending: bool) -> list[int]:
    """The ids of the view, in order (runs on a reader thread)."""
    return view_ids(ctx.db, ctx.settings, ctx.segment_filter, query=query, segment=segment,
                    order=order, descending=descending)


def query_flags(ctx: AppContext) -> dict[str, frozenset[int]]:
    """Who is absent, overdue or VIP now, for the status badges (a reader thread)."""
    return status_flags(ctx.db, ctx.settings, ctx.segment_filter)


class CustomersPage(Page):
    key = "customers"
    icon_name = "customers"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.display = ctx.display
        self._generation = 0
        self._loaded_generation = -1
        self._undo_ids: list[int] = []
        self._pending_select: list[int] = []
        self._first_loaded = False  # until load_first runs, a reload waits for it
        self._build()
        self._update_actions()
        ctx.events.book_changed.connect(self._book_changed)
        ctx.hooks.changed.connect(lambda _name: self._update_actions())
        self.load_first(self._load_all)

    def _load_all(self) -> None:
        self._first_loaded = True
        self.reload()
        self.reload_flags()
        self.reload_tags()

    def title(self) -> str:
        return self.tr("Customers")

    # -- building ----------------------------------------------------------------------
    def _build(self) -> None:
        heading = QLabel(self.tr("Customers"))
        heading.setObjectName("pageTitle")
        self.count_label = QLabel()
        self.count_label.setObjectName("hint")
        self.new_button = QPushButton(self.tr("New customer"))
        self.new_button.setToolTip(self.tr("Add a customer (Ctrl+N)"))
        self.new_button.clicked.connect(lambda: self.open_card(None))
        self.visit_button = QPushButton(self.tr("Record a visit"))
        self.visit_button.setToolTip(self.tr("Record a visit at the counter (Ctrl+R)"))
        self.visit_button.clicked.connect(lambda: self.record_visit(None))
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addWidget(self.count_label)
        top.addStretch(1)
        top.addWidget(self.visit_button)
        top.addWidget(self.new_button)

        self.search_box = SearchBox(self)
        self.search_box.setPlaceholderText(
            self.tr("Search by name, mobile, email or notes; “referrer: name” lists whom "
                    "someone brought (Ctrl+F)"))
        self.search_box.search.connect(lambda _text: self.reload())

        self.chips = FilterChips(self)
        self.chips.setVisible(self.ctx.segment_filter is not None)
        if self.ctx.segment_filter is not None:
            for segment, text in (
                    ("all", self.tr("All")), ("regular", self.tr("Regulars")),
                    ("absent", self.tr("Absent")), ("overdue", self.tr("Overdue")),
                    ("vip", self.tr("VIP")), ("birthday:7", self.tr("Birthdays this week")),
                    ("new", self.tr("New")), ("opted-out", self.tr("Opted out"))):
                self.chips.add_chip(segment, text)
            self.chips.add_menu_chip("tag", self.tr("Tag"), {})
            self.chips.add_menu_chip("rfm", self.tr("RFM segment"), self.ctx.rfm_segments)
        self.chips.changed.connect(lambda _segment: self.reload())

        self.notice = Notice(self)

        self.model = CustomerTableModel(self.display, database_fetcher(self.ctx.db), self)
        self.table = QTableView(self)
        self.table.setObjectName("customerTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        for key, width in (("name", 210), ("mobile", 140), ("status", 190), ("city", 110),
                           ("visits", 80), ("last_visit", 110), ("spent", 130),
                           ("points", 70)):
            header.resizeSection(COLUMN_KEYS.index(key), width)
        header.setSectionResizeMode(COLUMN_KEYS.index("name"), QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(COLUMN_KEYS.index("name"), Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setItemDelegateForColumn(COLUMN_KEYS.index("status"),
                                            BadgeDelegate(self.model.badge_text, self.table))
        self.table.activated.connect(lambda index: self.open_card(self.model.id_at(index.row())))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())

        self.selection_label = QLabel()
        self.message_button = QPushButton(self.tr("Message…"))
        self.message_button.clicked.connect(self.message_selected)
        self.tag_button = QPushButton(self.tr("Add tag…"))
        self.tag_button.clicked.connect(self.ask_tag_for_selected)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Export the customers shown (Ctrl+E)"))
        self.export_button.clicked.connect(self.export_view)
        self.delete_button = QPushButton(self.tr("Move to trash"))
        self.delete_button.clicked.connect(self.delete_selected)
        actions = QHBoxLayout()
        actions.addWidget(self.selection_label)
        actions.addStretch(1)
        for button in (self.message_button, self.tag_button, self.export_button,
                       self.delete_button):
            actions.addWidget(button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addWidget(self.search_box)
        layout.addWidget(self.chips)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        # Connected last: enabling sorting asks for the first order at once.
        self.model.sort_requested.connect(lambda _order, _desc: self.reload())

    # -- queries -----------------------------------------------------------------------
    def spec(self) -> CustomerViewSpec:
        return CustomerViewSpec(self.search_box.text().strip(), self.chips.segment,
                                self.model.order, self.model.descending,
                                tuple(self.selected_ids()))

    def reload(self) -> None:
        """Ask for the ids of the current view; the newest answer wins. Before the page's
        first load (restoring the remembered sort order while the window is built) nothing
        is asked: the first load asks for the view as it is then."""
        if not self._first_loaded:
            return
        self._generation += 1
        generation = self._generation
        spec = self.spec()
        self.ctx.workers.run(query_ids, self.ctx, spec.query, spec.segment, spec.order,
                             spec.descending, name="customer-ids",
                             on_done=lambda ids: self._ids_loaded(generation, ids),
                             on_error=self._query_failed)

    def _ids_loaded(self, generation: int, ids: list[int]) -> None:
        if generation != self._generation:
            return  # a newer query is on its way
        keep = self._pending_select or self.selected_ids()
        current = keep[0] if self._pending_select else self.current_id()
        self._pending_select = []
        self.model.set_ids(ids)
        self._loaded_generation = generation
        self._restore_selection(keep, current)
        self._update_count()
        self._update_actions()

    def _query_failed(self, error: BaseException) -> None:
        self.notice.show_message(describe(error, self.ctx.lang), kind="error")

    def reload_flags(self) -> None:
        if self.ctx.segment_filter is None:
            return
        self.ctx.workers.run(query_flags, self.ctx, name="customer-flags",
                             on_done=self.model.set_flags, on_error=self._query_failed)

    def reload_tags(self) -> None:
        if self.ctx.segment_filter is None:
            return
        self.ctx.workers.run(self.ctx.customers.all_tags, name="tags",
                             on_done=self._tags_loaded, on_error=self._query_failed)

    def _tags_loaded(self, tags: list[tuple[str, int]]) -> None:
        collator = QCollator(QLocale(QLocale.Language.Persian, QLocale.Country.Iran))

        def by_name(a: tuple[str, int], b: tuple[str, int]) -> int:
            return collator.compare(a[0], b[0])

        used = sorted((t for t in tags if t[1] > 0), key=functools.cmp_to_key(by_name))
        self.chips.set_menu_choices("tag", {
            name: f"{name} ({self.display.number(count)})" for name, count in used})

    def ready(self) -> bool:
        return self._loaded_generation == self._generation

    @Slot(str)
    def _book_changed(self, _what: str) -> None:
        self.model.refresh_rows()
        self._load_all()

    def _update_count(self) -> None:
        total = self.model.rowCount()
        self.count_label.setText(self.tr("{count} customers").format(
            count=self.display.number(total)))

    # -- selection ---------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        model = self.table.selectionModel()
        rows = sorted({index.row() for index in model.selectedRows()})
        return [self.model.id_at(r) for r in rows if r < self.model.rowCount()]

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def select_ids(self, ids: list[int]) -> None:
        self._restore_selection(ids, ids[0] if ids else None)

    def _restore_selection(self, ids: list[int], current: int | None) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = (QItemSelectionModel.SelectionFlag.Select
                 | QItemSelectionModel.SelectionFlag.Rows)
        for cid in ids[:500]:
            row = self.model.row_of(cid)
            if row is not None:
                selection.select(self.model.index(row, 0), flags)
        row = self.model.row_of(current) if current is not None else None
        if row is not None:
            selection.setCurrentIndex(self.model.index(row, 0),
                                      QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.scrollTo(self.model.index(row, 0))

    def _update_actions(self) -> None:
        count = len(self.table.selectionModel().selectedRows()) if hasattr(self, "table") else 0
        self.selection_label.setText(
            self.tr("{count} selected").format(count=self.display.number(count))
            if count else "")
        hooks = self.ctx.hooks
        self.message_button.setEnabled(count > 0 and hooks.has("message"))
        self.message_button.setToolTip(
            "" if hooks.has("message")
            else self.tr("Messaging arrives with the Campaigns page."))
        self.export_button.setEnabled(hooks.has("export"))
        if not hooks.has("export"):
            self.export_button.setToolTip(self.tr("Export arrives with the Excel page."))
        self.tag_button.setEnabled(count > 0)
        self.delete_button.setEnabled(count > 0)

    # -- actions -----------------------------------------------------------------------
    def focus_search(self) -> bool:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()
        return True

    def open_card(self, customer_id: int | None) -> None:
        from ui.dialogs.customer_card import CustomerCard

        card = CustomerCard(self.ctx, customer_id, self)
        card.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        card.open()

    def record_visit(self, customer_id: int | None) -> None:
        from ui.dialogs.record_visit import RecordVisitDialog

        mobile = None
        if customer_id is not None:
            row = self.model.customer_at(self.model.row_of(customer_id) or 0)
            mobile = row.mobile if row is not None and row.id == customer_id else None
        dialog = RecordVisitDialog(self.ctx, self, mobile=mobile)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def message_selected(self) -> None:
        hook = self.ctx.hooks.get("message")
        ids = self.selected_ids()
        if hook is not None and ids:
            hook(ids)

    def export_view(self) -> None:
        hook = self.ctx.hooks.get("export")
        if hook is not None:
            hook(self.spec())

    def ask_tag_for_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        tags = [name for name, _ in self.ctx.customers.all_tags()]
        name, ok = QInputDialog.getItem(
            self, self.tr("Add tag"),
            self.tr("Tag for {count} customers:").format(count=self.display.number(len(ids))),
            tags, 0, True)
        if ok and name.strip():
            self.tag_ids(ids, name.strip())

    def tag_ids(self, ids: list[int], tag: str) -> None:
        self.ctx.workers.write(self.ctx.customers.add_tags, list(ids), [tag], name="add-tags",
                               on_done=lambda _: self._written(self.tr(
                                   "Tag “{tag}” added to {count} customers.").format(
                                   tag=isolate(tag), count=self.display.number(len(ids)))),
                               on_error=self._query_failed)

    def set_vip(self, ids: list[int], vip: bool) -> None:
        def work() -> None:
            for cid in ids:
                self.ctx.customers.set_vip(cid, vip)

        self.ctx.workers.write(work, name="set-vip", on_done=lambda _: self._written(""),
                               on_error=self._query_failed)

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        self.ctx.workers.write(self.ctx.customers.delete, ids, name="trash",
                               on_done=lambda moved: self._deleted(ids, moved),
                               on_error=self._query_failed)

    def _deleted(self, ids: list[int], moved: int) -> None:
        self._undo_ids = list(ids)
        self.ctx.book_changed("customers")
        self.notice.show_message(
            self.tr("{count} customers moved to the trash.").format(
                count=self.display.number(moved)),
            action_text=self.tr("Undo"), action=self.undo_delete, timeout_ms=15_000)

    def undo_delete(self) -> None:
        ids, self._undo_ids = self._undo_ids, []

        def work() -> int:
            for cid in ids:
                self.ctx.customers.restore(cid)
            return len(ids)

        self.ctx.workers.write(work, name="restore", on_error=self._query_failed,
                               on_done=lambda n: self._written(self.tr(
                                   "{count} customers restored.").format(
                                   count=self.display.number(n)), select=ids))

    def _written(self, message: str, select: list[int] | None = None) -> None:
        if select:
            self._pending_select = list(select)
        self.ctx.book_changed("customers")
        if message:
            self.notice.show_message(message, kind="ok", timeout_ms=6_000)

    def copy_mobiles(self, ids: list[int]) -> None:
        mobiles = []
        for cid in ids:
            row_index = self.model.row_of(cid)
            row = self.model.customer_at(row_index) if row_index is not None else None
            if row is not None and row.mobile:
                mobiles.append(row.mobile)
        QGuiApplication.clipboard().setText("\n".join(mobiles))

    @Slot(QPoint)
    def _context_menu(self, point: QPoint) -> None:
        index = self.table.indexAt(point)
        if not index.isValid():
            return
        ids = self.selected_ids()
        clicked = self.model.id_at(index.row())
        if clicked not in ids:
            self.select_ids([clicked])
            ids = [clicked]
        menu = self.build_context_menu(ids)
        menu.popup(self.table.viewport().mapToGlobal(point))

    def build_context_menu(self, ids: list[int]) -> QMenu:
        menu = QMenu(self)
        first = ids[0]
        row_index = self.model.row_of(first)
        row = self.model.customer_at(row_index) if row_index is not None else None
        # The key named in words of our own: Qt's Persian calls Return "بازگشت" (go back).
        menu.addAction(self.tr("Open card") + "\t" + self.tr("Enter"),
                       lambda: self.open_card(first))
        menu.addAction(self.tr("Record a visit"), lambda: self.record_visit(first))
        menu.addSeparator()
        message = menu.addAction(self.tr("Message…"), self.message_selected)
        message.setObjectName("message")
        message.setEnabled(self.ctx.hooks.has("message"))
        menu.addAction(self.tr("Add tag…"), self.ask_tag_for_selected)
        if row is not None and row.vip:
            menu.addAction(self.tr("Remove VIP"), lambda: self.set_vip(ids, False))
        else:
            menu.addAction(self.tr("Mark as VIP"), lambda: self.set_vip(ids, True))
        export = menu.addAction(self.tr("Export…"), self.export_view)
        export.setObjectName("export")
        export.setEnabled(self.ctx.hooks.has("export"))
        menu.addAction(self.tr("Copy mobile numbers"), lambda: self.copy_mobiles(ids))
        menu.addSeparator()
        menu.addAction(self.tr("Move to trash"), self.delete_selected)
        return menu

    # -- state -------------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        settings.setValue("customers/header", self.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value("customers/header")
        if state is not None:
            header = self.table.horizontalHeader()
            header.restoreState(state)
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

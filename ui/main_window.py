"""The main window: navigation between pages, shortcuts, status bar, remembered layout.

Adding a page
-------------
1. Write ``ui/pages/<name>_page.py`` with a subclass of ``ui.pages.base.Page``::

       class ReportsPage(Page):
           key = "reports"                 # stable: QSettings keys, screenshot file names
           icon_name = "reports"           # resources/icons/reports.svg (optional)

           def __init__(self, ctx: AppContext, parent=None):
               super().__init__(ctx, parent)
               ...                         # widgets; services come from ctx
           def title(self) -> str:
               return self.tr("Reports")   # the navigation label, translated
           # optional: activated(), focus_search(), save_state(), restore_state(), ready()

   Import heavy modules (matplotlib, openpyxl, calamine) inside the methods that need them,
   never at module level: start-up must not load them (a test checks).
2. Add it to ``default_pages()`` below, in navigation order. That is all: the window builds
   the navigation entry, the status bar, remembered state and the screenshots
   (``python app.py --screenshots DIR`` saves ``<lang>-<key>.png`` for each page).
3. Seams for actions other pages provide: ``ctx.hooks.set("import", fn)`` enables
   File > Import (Ctrl+I), ``ctx.hooks.set("export", fn)`` Export (Ctrl+E) and the customers
   page's Export button, ``ctx.hooks.set("message", fn)`` its Message action (see
   ``ui.app_context.Hooks`` for what each ``fn`` receives). After a write, call
   ``ctx.book_changed("what")`` so every page refreshes.
4. Run ``python scripts/build_translations.py --update`` and translate the new strings in
   ``resources/translations/shopcrm_fa.ts`` (a test fails while any is unfinished).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QSize, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
)
from sqlalchemy.engine import make_url

from ui.app_context import AppContext
from ui.display import isolate
from ui.pages.base import Page


def default_pages(ctx: AppContext) -> list[Page]:
    """The pages of the window, in navigation order."""
    from ui.pages.campaigns_page import CampaignsPage
    from ui.pages.complaints_page import ComplaintsPage
    from ui.pages.customers_page import CustomersPage
    from ui.pages.imports_page import ImportsPage
    from ui.pages.inbox_page import InboxPage
    from ui.pages.reports_page import ReportsPage
    from ui.pages.settings_page import SettingsPage
    from ui.pages.today_page import TodayPage
    from ui.pages.trash_page import TrashPage
    from ui.pages.winback_page import WinbackPage

    return [TodayPage(ctx), CustomersPage(ctx), WinbackPage(ctx), InboxPage(ctx),
            ComplaintsPage(ctx), CampaignsPage(ctx), ReportsPage(ctx), ImportsPage(ctx),
            TrashPage(ctx), SettingsPage(ctx)]


def display_url(url: str) -> str:
    """The database as the status bar shows it: a file path, or a URL without password."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, pages: list[Page] | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("ShopCRM — customer book"))
        self.pages: list[Page] = []
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setIconSize(QSize(20, 20))
        self.navigation.setMinimumWidth(150)
        self.stack = QStackedWidget()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([180, 1180])
        self.setCentralWidget(self.splitter)
        self.navigation.currentRowChanged.connect(self._show_row)
        self._build_actions()
        self._build_status_bar()
        for page in pages if pages is not None else default_pages(ctx):
            self.add_page(page)
        ctx.events.book_changed.connect(self._book_changed)
        ctx.hooks.changed.connect(lambda _name: self._update_hook_actions())
        ctx.workers.unhandled.connect(self._unhandled)
        self._update_hook_actions()
        self.refresh_status()
        self.resize(1366, 768)

    # -- pages -------------------------------------------------------------------------
    def add_page(self, page: Page, *, position: int | None = None) -> None:
        """Put ``page`` in the navigation (at the end, or at ``position``)."""
        if position is None:
            position = len(self.pages)
        self.pages.insert(position, page)
        self.stack.insertWidget(position, page)
        item = QListWidgetItem(page.icon(), page.title())
        item.setData(Qt.ItemDataRole.UserRole, page.key)
        self.navigation.insertItem(position, item)
        retitled = getattr(page, "title_changed", None)  # a page whose label counts something
        if retitled is not None:
            retitled.connect(lambda page=page: self._retitle(page))
        if self.navigation.currentRow() < 0:
            self.navigation.setCurrentRow(0)

    def _retitle(self, page: Page) -> None:
        if page in self.pages:
            self.navigation.item(self.pages.index(page)).setText(page.title())

    def page(self, key: str) -> Page | None:
        return next((p for p in self.pages if p.key == key), None)

    def show_page(self, key: str) -> Page | None:
        page = self.page(key)
        if page is not None:
            self.navigation.setCurrentRow(self.pages.index(page))
        return page

    def current_page(self) -> Page | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, Page) else None

    @Slot(int)
    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self.pages):
            self.stack.setCurrentIndex(row)
            self.pages[row].activated()

    # -- actions -----------------------------------------------------------------------
    def _action(self, text: str,
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None,
                slot: Callable[[], object], name: str) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_customer_action = self._action(self.tr("New customer…"), "Ctrl+N",
                                                self.new_customer, "newCustomer")
        self.record_visit_action = self._action(self.tr("Record a visit…"), "Ctrl+R",
                                                self.record_visit, "recordVisit")
        self.find_action = self._action(self.tr("Find"), QKeySequence.StandardKey.Find,
                                        self.focus_search, "find")
        self.import_action = self._action(self.tr("Import from Excel…"), "Ctrl+I",
                                          self.run_import, "import")
        self.export_action = self._action(self.tr("Export…"), "Ctrl+E", self.run_export,
                                          "export")
        self.quit_action = self._action(self.tr("Quit"), QKeySequence.StandardKey.Quit,
                                        self.close, "quit")
        self.about_action = self._action(self.tr("About ShopCRM"), None, self.about, "about")
        menus = self.menuBar()
        file_menu = menus.addMenu(self.tr("&File"))
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        customers_menu = menus.addMenu(self.tr("&Customers"))
        customers_menu.addAction(self.new_customer_action)
        customers_menu.addAction(self.record_visit_action)
        customers_menu.addAction(self.find_action)
        help_menu = menus.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)

    def _update_hook_actions(self) -> None:
        hooks = self.ctx.hooks
        self.import_action.setEnabled(hooks.has("import"))
        self.export_action.setEnabled(hooks.has("export"))
        for action, name in ((self.import_action, "import"), (self.export_action, "export")):
            action.setToolTip("" if hooks.has(name)
                              else self.tr("Not available in this version yet."))

    @Slot()
    def new_customer(self) -> None:
        from ui.dialogs.customer_card import CustomerCard

        card = CustomerCard(self.ctx, None, self)
        card.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        card.saved.connect(self._customer_saved)
        card.open()
        self.last_dialog: QDialog = card  # the dialog open now (tests drive it)

    @Slot()
    def record_visit(self) -> None:
        from shopcrm.errors import ShopError
        from ui.dialogs.record_visit import RecordVisitDialog

        page = self.current_page()
        customer_id = page.selected_customer_id() if page is not None else None
        mobile = None
        if customer_id is not None:  # Ctrl+R on a selected customer: a visit for them
            try:
                mobile = self.ctx.customers.get(customer_id).mobile
            except ShopError:  # gone meanwhile: an empty dialog then
                mobile = None
        dialog = RecordVisitDialog(self.ctx, self, mobile=mobile)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.recorded.connect(self._visit_recorded)
        dialog.open()
        self.last_dialog = dialog

    @Slot()
    def focus_search(self) -> None:
        page = self.current_page()
        if page is None or not page.focus_search():
            customers = self.show_page("customers")
            if customers is not None:
                customers.focus_search()

    @Slot()
    def run_import(self) -> None:
        hook = self.ctx.hooks.get("import")
        if hook is not None:
            hook()

    @Slot()
    def run_export(self) -> None:
        hook = self.ctx.hooks.get("export")
        customers = self.page("customers")
        if hook is not None and customers is not None:
            hook(customers.spec())  # type: ignore[attr-defined]

    @Slot()
    def about(self) -> None:
        import shopcrm

        QMessageBox.about(self, self.tr("About ShopCRM"), self.tr(
            "ShopCRM {version}: a customer book for salons and small shops.").format(
            version=self.ctx.display.digits(shopcrm.__version__)))

    def _customer_saved(self, customer_id: int) -> None:
        self.statusBar().showMessage(self.tr("Customer saved."), 5000)

    def _visit_recorded(self, result) -> None:  # type: ignore[no-untyped-def]
        text = (self.tr("Visit recorded for {name} (new customer).") if result.created
                else self.tr("Visit recorded for {name}."))
        self.statusBar().showMessage(text.format(name=isolate(result.name)), 8000)

    # -- status bar --------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        self.count_label = QLabel()
        self.db_label = QLabel()
        self.db_label.setObjectName("hint")
        self.db_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.db_label)
        location = display_url(self.ctx.db.url)
        self.db_label.setText("\u2066" + location + "\u2069")
        self.db_label.setToolTip(location)

    def refresh_status(self) -> None:
        self.ctx.workers.run(self.ctx.customers.count, name="count",
                             on_done=self._count_loaded, on_error=lambda _e: None)

    def _count_loaded(self, count: int) -> None:
        self.count_label.setText(self.tr("Book: {count} customers").format(
            count=self.ctx.display.number(count)))

    @Slot(str)
    def _book_changed(self, _what: str) -> None:
        self.refresh_status()

    @Slot(object, object)
    def _unhandled(self, job, error: BaseException) -> None:  # type: ignore[no-untyped-def]
        from shopcrm.errors import ShopError
        from ui.dialogs.error_dialog import ErrorReportDialog, mask_secrets, show_error

        if isinstance(error, ShopError):
            show_error(self, error, self.ctx.lang)
            return
        dialog = ErrorReportDialog(mask_secrets(job.traceback or repr(error)), self)
        dialog.open()

    # -- the empty book ----------------------------------------------------------------
    def offer_demo_if_empty(self):  # type: ignore[no-untyped-def]
        """When the book is empty (and the owner has not declined), offer the demo book;
        when the shop has no name yet either, the first-run setup comes first."""
        from ui.dialogs.demo_offer import DemoOfferDialog, should_offer
        from ui.dialogs.first_run import needs_setup, open_first_run

        if needs_setup(self.ctx):
            self.first_run = open_first_run(self.ctx, self)
            return self.first_run
        if not should_offer(self.ctx):
            return None
        dialog = DemoOfferDialog(self.ctx, self)
        dialog.open()
        self.demo_offer = dialog
        return dialog

    # -- remembered layout -------------------------------------------------------------
    def restore_state(self) -> None:
        settings = self.ctx.window_settings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(geometry)
        splitter = settings.value("window/splitter")
        if isinstance(splitter, QByteArray | bytes):
            self.splitter.restoreState(splitter)
        for page in self.pages:
            page.restore_state(settings)
        last = settings.value("window/page")
        if isinstance(last, str) and self.page(last) is not None:
            QTimer.singleShot(0, lambda: self.show_page(last))

    def save_state(self) -> None:
        settings = self.ctx.window_settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self.splitter.saveState())
        current = self.current_page()
        if current is not None:
            settings.setValue("window/page", current.key)
        for page in self.pages:
            page.save_state(settings)
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)

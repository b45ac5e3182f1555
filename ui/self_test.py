"""``ShopCRM --self-test`` (and ``python app.py --self-test``): does the app work here?

Run by CI on the built folder, and by an owner or a support call on a new machine. In a
temporary folder (the owner's book, settings, keyring and log are never touched; see
:func:`shopcrm.self_test_core.isolate`) it:

1. creates a book and runs every migration, then loads a demo book of 300 customers;
2. starts Qt (offscreen when there is no display; otherwise nothing appears on screen),
   loads Vazirmatn and the Persian translations (ours and Qt's own), right to left;
3. builds the main window, waits for its first paint and for the customer list, and
   checks that start-up imported none of matplotlib, openpyxl, calamine;
4. draws one report chart on matplotlib's Qt canvas;
5. writes the customers to an .xlsx and reads them back with the import reader;
6. sends one SMS through the file provider, and runs one ``shopcrm`` command.

One line per check (``ok`` or ``FAILED``), a summary, exit 0 or 1. ``--keep`` keeps the
temporary folder (the window's screenshot is there); ``SHOPCRM_SELF_TEST_TIMEOUT``
(seconds, default 300) ends a hung run with exit 1. A windowed program on Windows has no
console: ``shopcrm-cli.exe --self-test`` prints there, and ``ShopCRM.exe --self-test``
writes the same lines to ``ShopCRM-self-test.txt`` in the temporary folder of the system.

This module also holds the start-up probe of the benchmark:
``SHOPCRM_EXIT_AFTER_FIRST_PAINT=1 python app.py`` prints one JSON line with the time from
process start to the main window's first paint and quits (see :func:`arm_first_paint_probe`);
the line names the Qt platform, and with ``SHOPCRM_FIRST_PAINT_SCREENSHOT=FILE.png`` the
screen is saved there first (tests/integration/test_bare_start.py looks at it).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, TextIO

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from shopcrm import self_test_core as core

DEFAULT_TIMEOUT_S = 300
# With SHOPCRM_EXIT_AFTER_FIRST_PAINT: also save a screenshot of the screen to this path.
FIRST_PAINT_SCREENSHOT_ENV = "SHOPCRM_FIRST_PAINT_SCREENSHOT"
WINDOW_SIZE = (1366, 768)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    keep = "--keep" in args
    workdir = Path(tempfile.mkdtemp(prefix="shopcrm-self-test-"))
    core.isolate(workdir)
    platform = choose_platform()
    out, report_file = _output()
    checks = core.Checklist(out)
    _watchdog(checks)
    checks.print(f"ShopCRM self-test in {workdir} (Qt platform: {platform})")
    db = None
    try:
        db = run_checks(checks, workdir)
    finally:
        if db is not None:
            db.close()
        checks.print(checks.summary())
        if report_file is not None:
            report_file.close()
        if keep or not checks.ok:
            checks.print(f"the temporary folder is kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0 if checks.ok else 1


def run_checks(checks: core.Checklist, workdir: Path) -> Any:
    """Every check in order; returns the open book (the caller closes it)."""
    from ui.resources import resources_dir

    checks.run("program", core.check_program)
    checks.run("temporary home", core.check_isolated, workdir)
    checks.run("resources", core.check_resources, resources_dir())
    db = checks.run("book and migrations", core.open_book)
    if db is None:
        return None
    checks.run("demo book", core.load_demo, db)
    app = checks.run("Qt", start_qt)
    if app is not None:
        checks.run("font", check_font, app)
        lang = checks.run("Persian translation", check_translation, app) or "en"
        window = checks.run("main window", show_main_window, db, lang, workdir)
        checks.run("start-up stays light", check_light)
        checks.run("chart", draw_chart, db, lang, workdir)
        if window is not None:
            close_window(window)
    checks.run("Excel", core.excel_round_trip, db, workdir)
    checks.run("SMS", core.send_test_sms, db)
    checks.run("command line", core.check_cli, db.url)
    return db


def choose_platform() -> str:
    """Offscreen when there is no display (CI, a server); else the system's own."""
    if not os.environ.get("QT_QPA_PLATFORM") and sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return os.environ.get("QT_QPA_PLATFORM") or "default"


def _output() -> tuple[TextIO | None, TextIO | None]:
    """stdout, or a report file when there is none (ShopCRM.exe, windowed, on Windows)."""
    if sys.stdout is not None:
        return sys.stdout, None
    path = Path(tempfile.gettempdir()) / "ShopCRM-self-test.txt"
    handle = path.open("w", encoding="utf-8")
    return handle, handle


def _watchdog(checks: core.Checklist) -> None:
    seconds = float(os.environ.get("SHOPCRM_SELF_TEST_TIMEOUT") or DEFAULT_TIMEOUT_S)

    def expire() -> None:
        checks.print(f"FAILED  timeout: the self-test did not finish in {seconds:.0f} s")
        os._exit(1)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()


# -- Qt ---------------------------------------------------------------------------------------
def start_qt() -> tuple[str, QApplication]:
    import PySide6

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName("ShopCRM")
    app.setOrganizationName("ShopCRM")
    return (f"PySide6 {PySide6.__version__}, platform plugin "
            f"{QApplication.platformName()}"), app


def check_font(app: QApplication) -> str:
    from ui import theme

    family = theme.apply(app)
    core.expect(family, "Vazirmatn could not be loaded")
    core.expect(app.font().family() == family, f"the application font is {app.font().family()}")
    return f"{family} is the application font"


def check_translation(app: QApplication) -> tuple[str, str]:
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from ui import i18n

    lang = i18n.install(app, "fa")
    core.expect(lang == "fa", "the Persian translation (.qm) did not load")
    core.expect(app.layoutDirection() == Qt.LayoutDirection.RightToLeft, "not right to left")
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_own = QTranslator()
    core.expect(qt_own.load("qtbase_fa", qt_dir), f"Qt's qtbase_fa.qm is not in {qt_dir}")
    ours = i18n.qm_path("fa")
    return f"{ours.name if ours else '?'} and Qt's qtbase_fa.qm, right to left", lang


class _PaintWatch(QObject):
    """Counts paint events that reach ``window`` or any widget inside it."""

    def __init__(self, window: QWidget) -> None:
        super().__init__()
        self.window = window
        self.painted = 0

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Paint and isinstance(obj, QWidget)
                and obj.window() is self.window):
            self.painted += 1
        return False


def _spin(until: Any, timeout_ms: int) -> bool:
    deadline = QDeadlineTimer(timeout_ms)
    while not until():
        if deadline.hasExpired():
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    return True


def show_main_window(db: Any, lang: str, workdir: Path) -> tuple[str, QMainWindow]:
    from shopcrm.config import Settings
    from ui.app_context import build_context
    from ui.main_window import MainWindow

    ctx = build_context(db, Settings(), lang)
    window = MainWindow(ctx)
    window.resize(*WINDOW_SIZE)
    if QApplication.platformName() not in ("offscreen", "minimal"):
        window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    watch = _PaintWatch(window)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(watch)
    started = time.perf_counter()
    try:
        window.show()
        core.expect(_spin(lambda: watch.painted > 0, 30_000), "no paint within 30 s")
        first_paint = (time.perf_counter() - started) * 1000
        pages = getattr(window, "pages", [])
        # The shown page loads now; hidden pages load when first shown (never at start-up).
        core.expect(_spin(lambda: ctx.workers.wait_idle(100)
                          and all(p.ready() for p in pages if p.isVisible()), 60_000),
                    "the shown page did not load its data within 60 s")
    finally:
        app.removeEventFilter(watch)
    image = window.grab().toImage()
    core.expect(not image.isNull(), "the window could not be rendered")
    image.save(str(workdir / "main-window.png"))  # PNG, from the suffix
    colours = _colour_count(image)
    core.expect(colours >= 8, f"the window looks blank ({colours} colours)")
    rows = _customer_rows(window)
    if rows is not None:
        core.expect(rows > 0, "the customer list is empty")
    window._self_test_ctx = ctx  # type: ignore[attr-defined]  # closed by close_window
    shown = f"{rows} customer rows, " if rows is not None else ""
    return (f"{window.windowTitle()!r}, {len(pages)} pages, {shown}first paint after "
            f"{first_paint:,.0f} ms, {image.width()}x{image.height()} with {colours} colours"
            ), window


def _colour_count(image: QImage) -> int:
    small = image.scaled(160, 90, Qt.AspectRatioMode.IgnoreAspectRatio,
                         Qt.TransformationMode.FastTransformation)
    return len({small.pixel(x, y) for x in range(small.width()) for y in range(small.height())})


def _customer_rows(window: QMainWindow) -> int | None:
    for page in getattr(window, "pages", []):
        model = getattr(page, "model", None)
        if page.key == "customers" and model is not None:
            return int(model.rowCount())
    return None


def close_window(window: QMainWindow) -> None:
    ctx = getattr(window, "_self_test_ctx", None)
    window.close()
    if ctx is not None:
        ctx.workers.shutdown()
    window.deleteLater()
    QCoreApplication.processEvents()


def check_light() -> str:
    heavy = core.heavy_modules()
    core.expect(not heavy, f"start-up imported {', '.join(heavy)}")
    return "matplotlib, openpyxl and calamine not loaded until first use"


def draw_chart(db: Any, lang: str, workdir: Path) -> str:
    """One report chart on matplotlib's Qt canvas, rendered offscreen, saved as PNG."""
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    figure, what = _figure(db, lang)
    canvas = FigureCanvasQTAgg(figure)
    canvas.resize(900, 500)
    canvas.draw()
    image = canvas.grab().toImage()
    core.expect(not image.isNull(), "the chart could not be rendered")
    colours = _colour_count(image)
    core.expect(colours >= 4, f"the chart looks blank ({colours} colours)")
    path = workdir / "chart.png"
    figure.savefig(path)
    core.expect(path.stat().st_size > 1000, "the chart PNG is empty")
    canvas.deleteLater()
    return f"{what}: {image.width()}x{image.height()}, {colours} colours, {path.name}"


def _figure(db: Any, lang: str) -> tuple[Any, str]:
    """The report service's visits-and-revenue chart; a plain matplotlib one without it."""
    try:
        from shopcrm.services.reports.charts import build_figure
        from shopcrm.services.reports.series import build_report
    except ImportError:
        pass
    else:
        from shopcrm.config import Settings

        report = build_report(db, settings=Settings(), series=("visits_revenue",))
        return build_figure("visits_revenue", report, lang), "visits_revenue report chart"
    from matplotlib.figure import Figure

    from shopcrm.storage.readers import customers_per_city

    rows = customers_per_city(db)
    figure = Figure(figsize=(9, 5))
    ax = figure.add_subplot()
    ax.bar([str(city or "-") for city, _ in rows], [n for _, n in rows])
    ax.set_title("مشتریان به تفکیک شهر")
    return figure, "customers by city (matplotlib)"


# -- the start-up benchmark's probe ---------------------------------------------------------
def process_age_ms() -> float | None:
    """Milliseconds since this process started (Linux, 10 ms steps), else None."""
    try:
        stat = Path("/proc/self/stat").read_text()
        start_ticks = int(stat.rsplit(")", 1)[1].split()[19])
        boot = time.clock_gettime(time.CLOCK_BOOTTIME)
        return (boot - start_ticks / os.sysconf("SC_CLK_TCK")) * 1000
    except (OSError, ValueError, IndexError, AttributeError):
        return None


class _FirstPaintProbe(QObject):
    """Prints the first paint of the main window (then of its filled pages) and quits."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.window: QMainWindow | None = None
        self.first_paint_ms: float | None = None
        self.armed_ms = process_age_ms()
        self.armed_at = time.perf_counter()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if self.window is None and event.type() == QEvent.Type.Paint and isinstance(
                obj, QWidget):
            top = obj.window()
            if isinstance(top, QMainWindow):
                self.window = top
                # the rest of this paint pass runs first; then the window is on screen
                QTimer.singleShot(0, self._painted)
        return False

    def _elapsed(self) -> float:
        age = process_age_ms()
        if age is not None:
            return age
        return (time.perf_counter() - self.armed_at) * 1000

    def _painted(self) -> None:
        self.first_paint_ms = self._elapsed()
        self.heavy = core.heavy_modules(also=("keyring",))
        self.app.removeEventFilter(self)
        self.deadline = QDeadlineTimer(120_000)
        self._wait_filled()

    def _wait_filled(self) -> None:
        assert self.window is not None
        pages = [p for p in getattr(self.window, "pages", []) if p.isVisible()]
        if all(p.ready() for p in pages) or self.deadline.hasExpired():
            self.window.repaint()
            self._report(filled=all(p.ready() for p in pages))
        else:
            QTimer.singleShot(5, self._wait_filled)

    def _report(self, filled: bool) -> None:
        report = {
            "first_paint_ms": round(self.first_paint_ms or 0, 1),
            "filled_ms": round(self._elapsed(), 1) if filled else None,
            "clock": "process start" if self.armed_ms is not None else "probe armed",
            "heavy_modules_loaded": self.heavy,
            "platform": QGuiApplication.platformName(),
        }
        from shopcrm import env

        shot = env.read(FIRST_PAINT_SCREENSHOT_ENV)
        if shot:
            report["screenshot"] = self._screenshot(Path(shot))
        print("SHOPCRM_FIRST_PAINT " + json.dumps(report), flush=True)
        self.app.exit(0)

    def _screenshot(self, path: Path) -> str | None:
        """The whole screen as the display server shows it (on xcb: the X root window,
        read back from the server), or None when the platform cannot grab it."""
        assert self.window is not None
        screen = self.window.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return None
        pixmap = screen.grabWindow(0)
        if pixmap.isNull():
            return None
        path.parent.mkdir(parents=True, exist_ok=True)
        return str(path) if pixmap.save(str(path), "PNG") else None


_probe: _FirstPaintProbe | None = None


def arm_first_paint_probe() -> None:
    """Create the QApplication ``app.main`` will reuse and watch its first window paint."""
    global _probe
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    _probe = _FirstPaintProbe(app)
    app.installEventFilter(_probe)

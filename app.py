"""ShopCRM desktop app: the composition root.

``python app.py [--db URL] [--lang fa|en] [--screenshots DIR] [--self-test]`` (also the
``shopcrm-app`` gui script, ``app:main``). In order: the QApplication; Vazirmatn as the
application font; the translators and the text direction (once, before any window);
the settings; the database (a damaged or too-new book gets a clear dialog, never a
traceback); the services; the main window, which gets them through its constructor.
When the book is empty, the window offers the demo book.

Start-up stays light: heavy modules (matplotlib, openpyxl, calamine) are imported by the
pages that need them, when they need them.
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:  # ``python /path/to/app.py`` from any folder
    sys.path.insert(0, str(ROOT))

log = logging.getLogger("shopcrm.app")

LANGUAGES = ("fa", "en")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="shopcrm-app", description="ShopCRM customer book")
    parser.add_argument("--db", metavar="URL", default=None,
                        help="database URL (default: the book in the user data dir; "
                             "env SHOPCRM_DB)")
    parser.add_argument("--lang", choices=LANGUAGES, default=None,
                        help="language of the window (default: the ui.language setting)")
    parser.add_argument("--screenshots", metavar="DIR", type=Path, default=None,
                        help="save a PNG of each page at 1366x768 into DIR and exit "
                             "(both languages unless --lang is given)")
    parser.add_argument("--self-test", action="store_true",
                        help="check that the app works on this machine, in a temporary "
                             "folder, and exit (ui/self_test.py; --keep keeps the folder)")
    parser.add_argument("--cli", action="store_true",
                        help="run the shopcrm command instead: app.py --cli COMMAND ...")
    # Qt's own options (-platform, -style...) pass through to QApplication.
    args, qt_args = parser.parse_known_args(argv)
    args.qt_args = qt_args
    return args


def screenshots_all_languages(args: argparse.Namespace) -> int:
    """One process per language: the translator and direction are set once per process."""
    status = 0
    for lang in LANGUAGES:
        command = [sys.executable, str(Path(__file__).resolve()), "--screenshots",
                   str(args.screenshots), "--lang", lang]
        if args.db:
            command += ["--db", args.db]
        status = max(status, subprocess.run(command, check=False).returncode)
    return status


def open_book(url: str | None, settings, lang: str):  # type: ignore[no-untyped-def]
    """Open the database, or explain in a dialog why not (offering a backup when damaged).

    Returns the ``Database``, or None when it cannot be opened.
    """

    from shopcrm.errors import ShopError
    from shopcrm.services.backup.care import open_book

    try:
        # The file's health check runs after the first paint (startup_checks below).
        return open_book(url, check=False, settings=settings)
    except ShopError as exc:
        log.error("cannot open the book: %s", exc)
        return explain_unopenable(exc, url, settings, lang)


def explain_unopenable(exc, url, settings, lang):  # type: ignore[no-untyped-def]
    """Say why the book cannot be used; for a damaged book offer the newest good backup.

    Returns the restored ``Database``, or None.
    """
    from PySide6.QtWidgets import QMessageBox

    from shopcrm.error_text import describe
    from ui.i18n import translate

    box = QMessageBox(QMessageBox.Icon.Critical, translate("App", "ShopCRM"),
                      describe(exc, lang))
    restore = None
    backup = _newest_backup(settings, url) if exc.code == "db_corrupt" else None
    if backup is not None:
        box.setInformativeText(translate(
            "App", "A good backup from {date} exists. Restore it? The damaged book is "
                   "kept beside it.").format(date=backup.taken_at))
        restore = box.addButton(translate("App", "Restore the backup"),
                                QMessageBox.ButtonRole.AcceptRole)
    box.addButton(translate("App", "Close"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if restore is not None and box.clickedButton() is restore:
        return _restore_backup(url, backup, settings, lang)
    return None


def run_startup_checks(ctx, window, url, settings, lang) -> None:  # type: ignore[no-untyped-def]
    """Once the window is up: check the file and take the daily backup on a worker.

    Damage found then closes the window after the same explanation (and restore offer)
    as damage found while opening: the owner reopens ShopCRM on the restored book.
    """
    from shopcrm.errors import ShopError
    from shopcrm.services.backup.startup import startup_checks

    def failed(exc: BaseException) -> None:
        if not isinstance(exc, ShopError):
            log.warning("start-up checks failed: %s", exc)
            return
        log.error("start-up check: %s", exc)
        if exc.code == "db_corrupt":
            ctx.db.close()
            if explain_unopenable(exc, url, settings, lang) is not None:
                from PySide6.QtWidgets import QMessageBox

                from ui.i18n import translate

                QMessageBox.information(window, translate("App", "ShopCRM"), translate(
                    "App", "The backup was restored. Open ShopCRM again to use it."))
            window.close()
        else:  # e.g. the backup folder is full or missing: say so, keep working
            from shopcrm.error_text import describe

            window.statusBar().showMessage(describe(exc, lang), 15_000)

    ctx.workers.run(startup_checks, ctx.db, settings, on_error=failed,
                    name="startup checks")


def _newest_backup(settings, url):  # type: ignore[no-untyped-def]
    """This book's newest good backup (never another book's), when the service is there."""
    try:
        from shopcrm.services.backup.backups import newest_good_backup
        from shopcrm.storage.db import resolve_url
    except ImportError:
        return None
    try:
        return newest_good_backup(settings, book=resolve_url(url))
    except Exception as exc:  # a broken backup folder must not stop the explanation
        log.warning("cannot list backups: %s", exc)
        return None


def _restore_backup(url, backup, settings, lang):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from shopcrm.error_text import describe
    from shopcrm.errors import ShopError
    from shopcrm.services.backup.backups import restore
    from ui.i18n import translate

    try:
        result = restore(url, backup.path, settings, confirm=True)
    except ShopError as exc:
        QMessageBox.critical(None, translate("App", "ShopCRM"), describe(exc, lang))
        return None
    return getattr(result, "db", None)


def early_command(argv: list[str] | None) -> int | None:
    """The paths that need no window (``--cli``, ``--self-test``, the start-up probe).

    They belong to the installer's ``ui/launch.py``; a number is the exit status, None
    means "start the window". Without that module only ``--self-test`` is answered, with
    a sentence saying it is not part of this build.
    """
    try:
        from ui.launch import early_command as installer_commands
    except ImportError:
        args = sys.argv[1:] if argv is None else argv
        if "--self-test" in args:
            print("the self-test is not part of this build (ui/launch.py is missing)",
                  file=sys.stderr)
            return 2
        return None
    return installer_commands(argv)


def main(argv: list[str] | None = None) -> int:
    status = early_command(argv)
    if status is not None:
        return status
    args = parse_args(argv)
    if args.screenshots is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        if args.lang is None:
            return screenshots_all_languages(args)

    from shopcrm.logs import setup_file_logging

    try:
        setup_file_logging()
    except OSError as exc:  # logs are a help, not a reason to refuse to start
        print(f"warning: no log file: {exc}", file=sys.stderr)

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from shopcrm.config import Settings
    from shopcrm.error_text import describe
    from shopcrm.errors import ShopError
    from ui import i18n, theme
    from ui.resources import resources_dir

    running = QApplication.instance()  # a test's; a plain QCoreApplication cannot host us
    app = running if isinstance(running, QApplication) else QApplication(
        [sys.argv[0], *args.qt_args])
    app.setApplicationName("ShopCRM")
    app.setOrganizationName("ShopCRM")
    icon = resources_dir() / "icons" / "shopcrm.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    theme.apply(app)

    try:
        settings = Settings()
        wanted = settings.resolve_language(args.lang)
    except ShopError as exc:
        i18n.install(app, args.lang or "fa")
        QMessageBox.critical(None, "ShopCRM", describe(exc, args.lang or "fa"))
        return 1
    lang = i18n.install(app, wanted)

    from ui.dialogs.error_dialog import install_excepthook

    install_excepthook(lang)

    db = open_book(args.db, settings, lang)
    if db is None:
        return 1

    from ui.app_context import build_context

    ctx = build_context(db, settings, lang)
    try:
        from ui.main_window import MainWindow

        if args.screenshots is None:
            # The pages' first reads and the empty-book offer wait for the first paint:
            # the window's first paint then costs the same on any book.
            ctx.first_paint.hold()
        window = MainWindow(ctx)
        if args.screenshots is not None:
            from ui.screenshots import take_screenshots

            for path in take_screenshots(window, args.screenshots, lang):
                print(path)
            return 0
        window.restore_state()
        ctx.first_paint.watch(window)
        window.show()
        ctx.after_first_paint(window.offer_demo_if_empty)
        ctx.workers.when_idle(lambda: run_startup_checks(ctx, window, args.db, settings,
                                                         lang))
        return app.exec()
    finally:
        ctx.workers.shutdown()
        db.close()


if __name__ == "__main__":
    sys.exit(main())

"""Errors as the owner reads them.

- A ``ShopError`` from a service becomes one sentence (``shopcrm.error_text.describe``) in
  a message box: ``show_error(parent, error, lang)``.
- Anything unexpected (``sys.excepthook``) opens ``ErrorReportDialog``: an apology, and a
  report to copy for whoever helps (versions, the traceback, the last log lines) with every
  known secret masked: values registered with ``shopcrm.logs.register_secret``, the SMS and
  SMTP secrets from the environment, API keys inside Kavenegar URLs and passwords inside
  database URLs.
"""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shopcrm.error_text import describe
from shopcrm.errors import ShopError

log = logging.getLogger("shopcrm.ui")



def mask_secrets(text: str) -> str:
    """``text`` scrubbed of every secret this process knows of (``shopcrm.masking``)."""
    from shopcrm.masking import known_secrets, scrub

    return scrub(text, known_secrets())


def build_report(exc_type: type[BaseException], exc: BaseException,
                 tb: TracebackType | None) -> str:
    import PySide6

    import shopcrm
    from shopcrm.logs import last_lines

    lines = [
        f"ShopCRM {shopcrm.__version__}",
        f"Python {platform.python_version()} on {platform.platform()}",
        f"PySide6 {PySide6.__version__}",
        "",
        "".join(traceback.format_exception(exc_type, exc, tb)).rstrip(),
        "",
        "-- last log lines --",
        *last_lines(40),
    ]
    return mask_secrets("\n".join(lines))


def show_error(parent: QWidget | None, error: BaseException, lang: str,
               title: str | None = None) -> QMessageBox:
    """A message box with the error in one sentence (not blocking: ``open()``)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or QCoreApplication.translate("ErrorDialog", "ShopCRM"))
    box.setText(describe(error, lang))
    box.setObjectName("errorBox")
    box.open()
    return box


class ErrorReportDialog(QDialog):
    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Something went wrong"))
        self.setMinimumSize(620, 420)
        intro = QLabel(self.tr(
            "ShopCRM ran into an unexpected problem. Your customer book is safe: every "
            "change is saved as you make it. If it happens again, copy this report and "
            "send it to whoever helps you with the app; it contains no passwords or keys."))
        intro.setWordWrap(True)
        self.report = QPlainTextEdit(report)
        self.report.setReadOnly(True)
        self.report.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.report.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy report"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.report, 1)
        layout.addWidget(buttons)

    @Slot()
    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.report.toPlainText())
        self.copy_button.setText(self.tr("Copied"))


class ExceptionHook:
    """``sys.excepthook`` for the window: log the error, then show the report dialog."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.dialogs: list[ErrorReportDialog] = []
        self.previous = sys.excepthook

    def __call__(self, exc_type: type[BaseException], exc: BaseException,
                 tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self.previous(exc_type, exc, tb)
            return
        report = build_report(exc_type, exc, tb)
        log.error("unexpected error\n%s", report)
        print(report, file=sys.stderr)
        if QApplication.instance() is None:
            return
        if isinstance(exc, ShopError):
            show_error(QApplication.activeWindow(), exc, self.lang)
            return
        if len(self.dialogs) >= 3:  # a loop of errors: do not bury the screen
            return
        dialog = ErrorReportDialog(report, QApplication.activeWindow())
        dialog.finished.connect(lambda _=0: self.dialogs.remove(dialog))
        self.dialogs.append(dialog)
        dialog.open()


def install_excepthook(lang: str) -> ExceptionHook:
    hook = ExceptionHook(lang)
    sys.excepthook = hook
    return hook

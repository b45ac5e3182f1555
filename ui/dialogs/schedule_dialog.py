"""Run the day's work every day: the window's face of ``shopcrm schedule``.

Shows whether the daily run is registered with the user's scheduler (a systemd user timer
or cron on Linux, Task Scheduler on Windows, launchd on macOS) and at what time, and
installs or removes it (``shopcrm.services.today.schedule``; on a worker thread: the
scheduler's tools are external commands)."""

from __future__ import annotations

import functools
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shopcrm.error_text import describe
from shopcrm.errors import ShopError
from shopcrm.services.today import schedule as sch
from ui.app_context import AppContext
from ui.widgets.notice import Notice


def _db_url(ctx: AppContext) -> str:
    return ctx.db.url


class ScheduleDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 backend: str | None = None, env: dict[str, str] | None = None,
                 activate: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.activate = activate  # False: write the files only (tests)
        self.env = env
        self.backend = backend or sch.default_backend(env=env)
        self.setObjectName("scheduleDialog")
        self.setWindowTitle(self.tr("Run the day's work every day"))
        self.setMinimumWidth(480)
        explain = QLabel(self.tr(
            "Every day at this time the computer resumes unfinished campaigns, checks "
            "deliveries, greets the day's birthdays and backs up the book, even when ShopCRM "
            "is closed."))
        explain.setWordWrap(True)
        self.state_label = QLabel()
        self.state_label.setObjectName("scheduleState")
        self.state_label.setWordWrap(True)
        self.time = QLineEdit(ctx.display.digits(str(ctx.settings.get("daily.time"))), self)
        self.time.setObjectName("scheduleTime")
        self.time.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.birthdays = QCheckBox(self.tr("Greet the day's birthdays by SMS"), self)
        self.birthdays.setObjectName("dailyBirthdays")
        self.birthdays.setChecked(bool(ctx.settings.get("daily.birthdays")))
        self.birthdays.toggled.connect(self._birthdays_toggled)
        self.install_button = QPushButton(self.tr("Install"), self)
        self.install_button.setObjectName("installSchedule")
        self.install_button.clicked.connect(self.install)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setObjectName("removeSchedule")
        self.remove_button.clicked.connect(self.remove)
        self.notice = Notice(self)
        form = QFormLayout()
        form.addRow(self.tr("Time (HH:MM)"), self.time)
        form.addRow("", self.birthdays)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        box.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        box.addButton(self.install_button, QDialogButtonBox.ButtonRole.ActionRole)
        box.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.state_label)
        layout.addLayout(form)
        layout.addWidget(self.notice)
        layout.addWidget(box)
        self.refresh()

    def _names(self) -> dict[str, str]:
        return {"systemd": self.tr("systemd user timer"), "cron": self.tr("cron"),
                "schtasks": self.tr("Windows Task Scheduler"), "launchd": self.tr("launchd")}

    def refresh(self) -> None:
        self.ctx.workers.run(functools.partial(sch.status, self.backend, env=self.env),
                             name="schedule-status",
                             on_done=self._show, on_error=self._failed)

    def _show(self, state: Any) -> None:
        self.state = state
        where = self._names().get(state.backend, state.backend)
        if state.installed:
            text = self.tr("Installed ({where}): every day at {time}.").format(
                where=where, time=self.ctx.display.digits(state.time or "?"))
        else:
            text = self.tr("Not installed ({where}).").format(where=where)
        self.state_label.setText(text)
        self.remove_button.setEnabled(bool(state.installed))

    def install(self) -> None:
        try:
            hour, minute = sch.parse_time(self.time.text())
        except ShopError as exc:
            self._failed(exc)
            return
        time = f"{hour:02d}:{minute:02d}"
        argv = sch.daily_argv(_db_url(self.ctx))
        from shopcrm.paths import log_dir

        log = str(log_dir() / "daily.log")
        self.chosen_time = time
        self.ctx.workers.run(functools.partial(sch.install, self.backend, argv, time, log=log,
                                               env=self.env, activate=self.activate),
                             name="schedule-install",
                             on_done=self._changed, on_error=self._failed)

    def remove(self) -> None:
        self.ctx.workers.run(functools.partial(sch.remove, self.backend, env=self.env),
                             name="schedule-remove",
                             on_done=self._changed, on_error=self._failed)

    def _birthdays_toggled(self, on: bool) -> None:
        self._remember("daily.birthdays", on)

    def _remember(self, name: str, value: Any) -> None:
        try:
            self.ctx.settings.set(name, value)
            self.ctx.settings.save()
        except (OSError, ShopError) as exc:
            self._failed(exc)

    def _changed(self, state: Any) -> None:
        if state.installed and getattr(self, "chosen_time", None):
            self._remember("daily.time", self.chosen_time)  # `schedule install`'s default
        self.notice.show_message(self.tr("Done."), kind="ok", timeout_ms=4000)
        self.refresh()

    def _failed(self, error: BaseException) -> None:
        self.notice.show_message(describe(error, self.ctx.lang), kind="error")

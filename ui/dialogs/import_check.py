"""The wizard's third step: the dry run (nothing written), what it would do, every problem
row by row, and the bad rows saved to an .xlsx copy to fix and import again.

A part of ``ImportWizard`` (a mixin): it uses the wizard's ``ctx``, ``display``, ``state``,
``model`` and ``preview``, and its ``_running``/``_update_buttons``/``_show_step``.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shopcrm.error_text import describe
from shopcrm.errors import Cancelled
from ui.dialogs.import_work import (
    SHOWN_ISSUES,
    WizardParts,
    failure_text,
    run_import,
    save_bad_rows,
    show_unexpected,
)
from ui.display import isolate
from ui.widgets.notice import Notice
from ui.workers import Job


class ImportCheckStep(WizardParts):
    """Step 3 of ``ImportWizard``: the check (a dry run)."""

    def _check_step(self) -> QWidget:
        page = QWidget()
        self.check_summary = QLabel()
        self.check_summary.setObjectName("checkSummary")
        self.check_summary.setWordWrap(True)
        self.check_bar = QProgressBar()
        self.check_bar.hide()
        self.check_notice = Notice(page)
        self.issues_table = self._list_table(
            "issuesTable", [self.tr("Row"), self.tr("Column"), self.tr("Value"),
                            self.tr("Problem")])
        self.matches_table = self._list_table(
            "matchesTable", [self.tr("Row"), self.tr("Customer"), self.tr("What happens")])
        self.check_tabs = QTabWidget()
        self.check_tabs.addTab(self.issues_table, "")
        self.check_tabs.addTab(self.matches_table, "")
        self.save_bad_button = QPushButton(self.tr("Save the bad rows to .xlsx…"))
        self.save_bad_button.setObjectName("saveBadRows")
        self.save_bad_button.clicked.connect(self.choose_bad_rows_file)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_bad_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.check_summary)
        layout.addWidget(self.check_bar)
        layout.addWidget(self.check_notice)
        layout.addWidget(self.check_tabs, 1)
        layout.addLayout(row)
        return page

    def _list_table(self, name: str, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        for column in range(len(headers) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return table

    def start_check(self) -> Job | None:
        """The dry run: what the import would do, nothing written (a reader thread)."""
        if self.state.loaded is None:
            return None
        options = self.options()
        self.state.options = options
        self.state.report = None
        self.check_summary.setText(self.tr("Checking every row…"))
        self.check_notice.hide()
        self.check_bar.setRange(0, 0)
        self.check_bar.show()
        self.issues_table.setRowCount(0)
        self.matches_table.setRowCount(0)
        self._update_buttons()
        db, settings, lang = self.ctx.db, self.ctx.settings, self.ctx.lang
        self.job = self.ctx.workers.run_generator(
            lambda cancel: run_import(db, settings, options, dry_run=True, lang=lang,
                                      cancel=cancel),
            on_progress=self._check_progress, on_done=self._checked,
            on_error=self._check_failed, writer=False, name="import-dry-run")
        return self._running(self.job)

    def _check_progress(self, done: int, total: int) -> None:
        self.check_bar.setRange(0, total)
        self.check_bar.setValue(done)

    def _checked(self, report: Any) -> None:
        self.job = None
        self.check_bar.hide()
        self.state.report = report
        self.check_summary.setText(self.summary_text(report, dry_run=True))
        self._fill_issues(report)
        self._fill_matches(report)
        self._mark_preview(report)
        if report.same_file_batches:
            self.check_notice.show_message(self.tr(
                "This file was imported before (import {batches}); importing it again "
                "adds only what is new.").format(batches="، ".join(
                    self.display.number(b) for b in report.same_file_batches)
                    if self.ctx.lang == "fa" else ", ".join(
                    str(b) for b in report.same_file_batches)))
        self._update_buttons()

    def _check_failed(self, error: BaseException) -> None:
        self.job = None
        self.check_bar.hide()
        self.check_summary.setText("")
        if isinstance(error, Cancelled):
            self.check_notice.show_message(self.tr("The check was stopped."))
        else:
            text = failure_text(error, self.ctx.lang)
            if text is None:
                show_unexpected(self, error)
                text = describe(error, self.ctx.lang)
            self.check_notice.show_message(text, kind="error")
        self._update_buttons()

    def summary_text(self, report: Any, *, dry_run: bool) -> str:
        n = self.display.number
        if report.kind == "visits":
            text = (self.tr("Rows read: {rows} · visits to add: {visits} · new customers: "
                            "{created} · rows skipped: {skipped} · rows with errors: {errors}")
                    if dry_run else
                    self.tr("Rows read: {rows} · visits added: {visits} · new customers: "
                            "{created} · rows skipped: {skipped} · rows with errors: {errors}"))
            text = text.format(rows=n(report.total_rows), visits=n(report.inserted),
                               created=n(report.customers_created), skipped=n(report.skipped),
                               errors=n(report.error_rows))
            if report.summary_customers:
                took = (self.tr("{visits} visits would take the place of the customer list's "
                                "summary of {customers} customers: {replaced} imported last "
                                "visits replaced, visits before the book {fewer} fewer, "
                                "spending before the book {amount} less") if dry_run else
                        self.tr("{visits} visits took the place of the customer list's "
                                "summary of {customers} customers: {replaced} imported last "
                                "visits replaced, visits before the book {fewer} fewer, "
                                "spending before the book {amount} less"))
                text += "\n" + took.format(
                    visits=n(report.summary_visits), customers=n(report.summary_customers),
                    replaced=n(report.placeholders_replaced), fewer=n(report.prior_visits_less),
                    amount=self.display.money(report.prior_spent_less, with_unit=True))
            return text
        text = (self.tr("Rows read: {rows} · new customers: {inserted} · customers updated: "
                        "{updated} · repeated rows merged: {merged} · rows skipped: {skipped} · "
                        "rows with errors: {errors} · warnings: {warnings}") if dry_run else
                self.tr("Rows read: {rows} · new customers: {inserted} · customers updated: "
                        "{updated} · repeated rows merged: {merged} · rows skipped: {skipped} · "
                        "rows with errors: {errors}"))
        text = text.format(rows=n(report.total_rows), inserted=n(report.inserted),
                           updated=n(report.updated), merged=n(report.merged),
                           skipped=n(report.skipped), errors=n(report.error_rows),
                           warnings=n(len(report.warnings)))
        if report.spent_customers:
            spent = (self.tr("Spending before the book to bring from the spending column: "
                             "{customers} customers, {amount} in all") if dry_run else
                     self.tr("Spending before the book brought from the spending column: "
                             "{customers} customers, {amount} in all"))
            text += "\n" + spent.format(customers=n(report.spent_customers),
                                         amount=self.display.money(report.spent_amount,
                                                                   with_unit=True))
        return text

    def _fill_issues(self, report: Any) -> None:
        issues = sorted(report.issues, key=lambda i: (not i.is_error, i.row))
        shown = issues[:SHOWN_ISSUES]
        table = self.issues_table
        table.setRowCount(len(shown))
        for r, issue in enumerate(shown):
            cells = (self.display.number(issue.row), isolate(issue.column),
                     isolate(issue.value), describe(issue, self.ctx.lang))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text if c else "")
                if issue.is_error:
                    item.setForeground(Qt.GlobalColor.darkRed)
                table.setItem(r, c, item)
        errors = sum(1 for i in issues if i.is_error)
        label = self.tr("Problems (errors: {errors}, warnings: {warnings})").format(
            errors=self.display.number(errors),
            warnings=self.display.number(len(issues) - errors))
        self.check_tabs.setTabText(0, label)
        if len(issues) > SHOWN_ISSUES:
            self.check_notice.show_message(self.tr(
                "The first {shown} of {count} problems are listed; save the bad rows to see "
                "all of them.").format(shown=self.display.number(SHOWN_ISSUES),
                                       count=self.display.number(len(issues))))

    def _fill_matches(self, report: Any) -> None:
        merges = report.merges[:SHOWN_ISSUES]
        table = self.matches_table
        table.setRowCount(len(merges))
        for r, outcome in enumerate(merges):
            cells = (self.display.number(outcome.row),
                     isolate(outcome.name) + (" " + self.display.mobile(outcome.mobile)
                                              if outcome.mobile else ""),
                     outcome.message(self.ctx.lang))
            for c, text in enumerate(cells):
                table.setItem(r, c, QTableWidgetItem(text))
        self.check_tabs.setTabText(1, self.tr("Already in the book or repeated ({count})"
                                              ).format(count=self.display.number(
                                                  len(report.merges))))

    def _mark_preview(self, report: Any) -> None:
        self.model.set_issues([(i.row, i.column_index, describe(i, self.ctx.lang), i.is_error)
                               for i in report.issues])

    def bad_rows(self) -> int:
        report = self.state.report
        if report is None:
            return 0
        from shopcrm.services.excel.importer import error_rows

        return len(error_rows(report))

    @Slot()
    def choose_bad_rows_file(self) -> None:
        loaded = self.state.loaded
        if loaded is None or self.state.report is None:
            return
        from shopcrm.services.excel.file_names import EXPORT_STEMS

        stem_fa = EXPORT_STEMS["bad_rows"][0]
        tail = f" - {stem_fa}.xlsx" if self.ctx.lang == "fa" else "-bad-rows.xlsx"
        suggested = Path(loaded.path).with_name(Path(loaded.path).stem + tail)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the bad rows"),
                                              str(suggested),
                                              self.tr("Excel workbook (*.xlsx)"))
        if path:
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
            self.save_bad_rows_to(path)

    def save_bad_rows_to(self, path: str) -> Job | None:
        loaded, report = self.state.loaded, self.state.report
        if loaded is None or report is None or loaded.table is None:
            return None
        return self.ctx.workers.run(
            save_bad_rows, report, loaded.table, path, self.ctx.lang, name="import-bad-rows",
            on_done=functools.partial(self._bad_rows_saved, path), on_error=self._check_failed)

    def _bad_rows_saved(self, path: str, count: int) -> None:
        self.check_notice.show_message(self.tr(
            "Rows saved to {file}: {count}, each with the reason; fix them there and import "
            "that file.").format(count=self.display.number(count),
                                 file=isolate(Path(path).name)), kind="ok")

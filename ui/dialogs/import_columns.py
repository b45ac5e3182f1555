"""The wizard's second step: the first rows of the sheet with each column's field in a combo
box above its values, the duplicate policy, and the options the runs take.

A part of ``ImportWizard`` (a mixin): it uses the wizard's ``ctx``, ``display``, ``state``
and ``combos``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shopcrm.error_text import describe
from ui.dialogs.import_work import (
    IGNORE,
    KEEP,
    ImportOptions,
    LoadedSheet,
    WizardParts,
    field_labels,
)
from ui.models.preview_table import COMBO_ROW, PreviewTableModel


class ImportColumnsStep(WizardParts):
    """Step 2 of ``ImportWizard``: the columns."""

    def _columns_step(self) -> QWidget:
        page = QWidget()
        self.columns_intro = QLabel()
        self.columns_intro.setWordWrap(True)
        self.model = PreviewTableModel(self.display, self)
        self.model.combo_row_title = self.tr("Field")
        self.preview = QTableView()
        self.preview.setObjectName("importPreview")
        self.preview.setModel(self.model)
        self.preview.setWordWrap(False)
        self.preview.setAlternatingRowColors(True)
        self.preview.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.preview.verticalHeader().setDefaultSectionSize(28)
        self.preview.verticalHeader().setMinimumWidth(52)
        self.preview.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.horizontalHeader().setDefaultSectionSize(140)
        self.preview.horizontalHeader().setMinimumSectionSize(90)
        self.policy_combo = QComboBox()
        self.policy_combo.setObjectName("policyCombo")
        for policy, text in (
                ("skip", self.tr("Leave the customer as it is (skip)")),
                ("fill", self.tr("Fill only the customer's empty fields")),
                ("overwrite", self.tr("Replace the customer's fields with the file's"))):
            self.policy_combo.addItem(text, policy)
        self.policy_combo.currentIndexChanged.connect(lambda _i: self._options_changed())
        self.create_check = QCheckBox(self.tr("Create a customer for a mobile not in the book"))
        self.create_check.toggled.connect(lambda _on: self._options_changed())
        self.policy_label = QLabel(self.tr("When a row's customer is already in the book:"))
        options = QHBoxLayout()
        options.addWidget(self.policy_label)
        options.addWidget(self.policy_combo)
        options.addWidget(self.create_check)
        options.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.columns_intro)
        layout.addWidget(self.preview, 1)
        layout.addLayout(options)
        return page

    def _fill_columns(self, loaded: LoadedSheet) -> None:
        self.model.set_sheet(loaded.headers, loaded.preview)
        for combo in self.combos.values():
            combo.deleteLater()
        self.combos = {}
        labels = field_labels(loaded.kind)
        for column in range(self.model.columnCount()):
            choice = (loaded.fields.get(column)
                      or (IGNORE if column in loaded.ignored else KEEP))
            self.state.choices[column] = choice
            combo = QComboBox()
            combo.setObjectName(f"fieldCombo{column}")
            for key, text in labels.items():
                combo.addItem(text, key)
            combo.insertSeparator(combo.count())
            if choice == KEEP:
                combo.addItem(self.tr("Keep in the notes"), KEEP)
            combo.addItem(self.tr("Leave out"), IGNORE)
            combo.setCurrentIndex(max(combo.findData(choice), 0))
            maybe = loaded.suggested.get(column)
            if maybe is not None and choice == KEEP:  # offered, never taken by itself
                combo.setProperty("suggested", True)
                combo.setToolTip(self.tr("Maybe {field}? Choose it if it is.").format(
                    field=labels.get(maybe, maybe)))
            combo.currentIndexChanged.connect(
                lambda _i, c=column, box=combo: self._field_chosen(c, box.currentData()))
            self.preview.setIndexWidget(self.model.index(COMBO_ROW, column), combo)
            self.combos[column] = combo
        self.preview.verticalHeader().resizeSection(COMBO_ROW, 34)
        header = self.preview.horizontalHeader()
        for column, combo in self.combos.items():  # room for the field and the values
            wanted = max(self.preview.sizeHintForColumn(column), combo.sizeHint().width(),
                         header.sectionSizeFromContents(column).width())
            header.resizeSection(column, min(max(wanted + 8, 110), 260))
        self._update_field_labels()
        self._update_columns_intro()
        visits = loaded.kind == "visits"
        self.policy_label.setVisible(not visits)
        self.policy_combo.setVisible(not visits)
        self.create_check.setVisible(visits)

    def field_combo(self, column: int) -> QComboBox:
        return self.combos[column]

    def _field_chosen(self, column: int, choice: str) -> None:
        if self.state.choices.get(column) == choice:
            return
        self.state.choices[column] = choice
        box = self.combos.get(column)
        loaded = self.state.loaded
        if box is not None and loaded is not None and column in loaded.suggested:
            box.setProperty("suggested", choice == KEEP)  # flagged while not decided
            box.style().unpolish(box)
            box.style().polish(box)
        self.state.changed = True
        self._options_changed()
        self._update_field_labels()
        self._update_columns_intro()

    def _options_changed(self) -> None:
        self.state.report = None
        self.model.set_issues([])

    def _update_field_labels(self) -> None:
        loaded = self.state.loaded
        labels = field_labels(loaded.kind if loaded else "customers")
        self.model.set_field_labels({c: labels.get(f, self.tr("Leave out") if f == IGNORE
                                                   else self.tr("Keep in the notes"))
                                     for c, f in self.state.choices.items()})

    def _update_columns_intro(self) -> None:
        loaded = self.state.loaded
        if loaded is None:
            return
        if self.state.changed:
            how = self.tr("You changed the fields; your choice is remembered for the next "
                          "file with these headers.")
        elif loaded.mapping_source == "remembered":
            how = self.tr("The fields you chose last time for these headers are applied.")
        elif loaded.mapping_source == "none":
            how = self.tr("No header was recognised: choose the field of each column.")
        else:
            how = self.tr("The fields were recognised from the headers; change any that "
                          "is wrong.")
        lines = [self.tr("Check the field of each column above its first rows. {how}")
                 .format(how=how)]
        lines += [describe(notice, self.ctx.lang) for notice in loaded.notices]
        labels = field_labels(loaded.kind)
        for column, maybe in sorted(loaded.suggested.items()):
            if self.state.choices.get(column) == KEEP:
                lines.append(self.tr(
                    "Column «{column}» may be the {field}, but it is not taken as such "
                    "unless you choose it above; until then its values go to the notes.")
                    .format(column=self.model.column_title(column),
                            field=labels.get(maybe, maybe)))
        self.columns_intro.setText("\n".join(lines))

    def options(self) -> ImportOptions:
        loaded = self.state.loaded
        assert loaded is not None
        mapping = None
        if self.state.changed or loaded.mapping_source == "none":
            mapping = {c: f for c, f in self.state.choices.items() if f != KEEP}
        header = self.header_spin.value() or None
        return ImportOptions(loaded.path, loaded.kind, loaded.sheet, header, mapping,
                             self.policy_combo.currentData() or "skip",
                             self.create_check.isChecked())

"""Log a call with its outcome (no answer, will come, booked, not interested, wrong number)
and a note. The caller writes it (``FollowUpService.log(..., outcome=...)``) on the writer
thread; the dialog only collects the answer."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from shopcrm.services.absence.followup import CALL_OUTCOMES
from ui.display import isolate


class CallOutcomeDialog(QDialog):
    """``outcome()`` and ``note()`` once accepted; OK waits for an outcome."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callOutcomeDialog")
        self.setWindowTitle(self.tr("Log a call"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Call with {name}: what came of it?").format(
            name=isolate(name))))
        self.group = QButtonGroup(self)
        labels = self.labels()
        self.buttons_by_outcome: dict[str, QRadioButton] = {}
        for outcome in CALL_OUTCOMES:
            button = QRadioButton(labels[outcome], self)
            button.setObjectName(f"outcome-{outcome}")
            self.group.addButton(button)
            self.buttons_by_outcome[outcome] = button
            layout.addWidget(button)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setObjectName("callNote")
        self.note_edit.setPlaceholderText(self.tr("What was said (optional)"))
        self.note_edit.setFixedHeight(80)
        layout.addWidget(self.note_edit)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = box.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Log the call"))
        self.ok.setEnabled(False)
        box.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        self.group.buttonClicked.connect(lambda _b: self.ok.setEnabled(True))
        layout.addWidget(box)

    def labels(self) -> dict[str, str]:
        """The call outcomes in the window's language."""
        return {"no_answer": self.tr("No answer"), "will_come": self.tr("Will come"),
                "booked": self.tr("Booked an appointment"),
                "not_interested": self.tr("Not interested"),
                "wrong_number": self.tr("Wrong number")}

    def outcome(self) -> str | None:
        return next((o for o, b in self.buttons_by_outcome.items() if b.isChecked()), None)

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

"""A message as one real customer will get it: the text, its characters and SMS parts.

The composer hands it a ``Preview`` (``CampaignService.preview``, computed on a worker)
and the customers it may preview for; picking another one emits ``customer_changed(id)``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from shopcrm.services.messaging.campaigns import Preview
from shopcrm.services.messaging.names import placeholder_word
from ui.display import Display, isolate

BUBBLE_STYLE = ("QLabel#previewBubble { background: #eef2fb; border: 1px solid #c9d5f0;"
                " border-radius: 10px; padding: 8px 10px; }")


class TemplatePreview(QFrame):
    customer_changed = Signal(int)

    def __init__(self, display: Display, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.display = display
        self.setObjectName("templatePreview")
        self.customer = QComboBox(self)
        self.customer.setObjectName("previewCustomer")
        self.customer.setMinimumContentsLength(14)
        self.customer.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.customer.activated.connect(self._picked)
        self.bubble = QLabel(self)
        self.bubble.setObjectName("previewBubble")
        self.bubble.setStyleSheet(BUBBLE_STYLE)
        self.bubble.setWordWrap(True)
        self.bubble.setTextFormat(Qt.TextFormat.PlainText)
        self.bubble.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bubble.setMinimumHeight(60)
        self.bubble.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        self.length_label = QLabel(self)
        self.length_label.setObjectName("previewLength")
        self.missing_label = QLabel(self)
        self.missing_label.setObjectName("fieldError")
        self.missing_label.setWordWrap(True)
        self.missing_label.hide()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Preview for:")))
        top.addWidget(self.customer, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.bubble)
        layout.addWidget(self.length_label)
        layout.addWidget(self.missing_label)
        self.preview: Preview | None = None

    def set_candidates(self, people: list[tuple[int, str]], current: int | None) -> None:
        """The customers to choose from (id, name); ``current`` stays picked if listed."""
        self.customer.blockSignals(True)
        self.customer.clear()
        for cid, name in people:
            self.customer.addItem(name, cid)
        index = self.customer.findData(current) if current is not None else 0
        self.customer.setCurrentIndex(max(index, 0))
        self.customer.setEnabled(bool(people))
        self.customer.blockSignals(False)

    def current_customer(self) -> int | None:
        value = self.customer.currentData()
        return int(value) if value is not None else None

    @Slot(int)
    def _picked(self, index: int) -> None:
        value = self.customer.itemData(index)
        if value is not None:
            self.customer_changed.emit(int(value))

    def set_preview(self, preview: Preview | None, note: str = "") -> None:
        self.preview = preview
        d = self.display
        if preview is None:
            self.bubble.setText(note)
            self.length_label.setText("")
            self.missing_label.hide()
            return
        self.bubble.setText(preview.text)
        if preview.channel == "sms":
            per = (self.tr("Persian: 70 characters in one part, 67 per part beyond")
                   if preview.unicode else
                   self.tr("Latin: 160 characters in one part, 153 per part beyond"))
            self.length_label.setText(self.tr("{chars} characters · {parts} SMS parts ({rule})")
                                      .format(chars=d.number(preview.chars),
                                              parts=d.number(preview.parts), rule=per))
        else:
            self.length_label.setText(self.tr("{chars} characters (email)").format(
                chars=d.number(len(preview.text))))
        if preview.missing:
            sep = "، " if d.rtl else ", "
            fields = sep.join(isolate(placeholder_word(f, d.lang)) for f in preview.missing)
            self.missing_label.setText(
                self.tr("Empty for this customer: {fields}").format(fields=fields))
            self.missing_label.show()
        else:
            self.missing_label.hide()

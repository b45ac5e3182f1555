"""Input fields that check what is typed, as it is typed.

Each field parses its text with the same core function the service uses (so the window
never accepts what the service would refuse) and says what is wrong in one sentence from
``shopcrm.error_text``. Persian digits are welcome everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCalendar, QDate, QLocale, Qt, Signal, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from shopcrm.domain.dates import parse_date, parse_datetime
from shopcrm.domain.money import parse_money
from shopcrm.domain.phones import normalize_mobile
from shopcrm.domain.text import fold_digits, to_persian_digits
from shopcrm.error_text import describe
from shopcrm.errors import ShopError
from shopcrm.services.customers.fields import normalise_email
from ui.display import Display
from ui.resources import icon_path

Parser = Callable[[str], Any]
_GROUPING = ",٬، "


class CheckedLineEdit(QLineEdit):
    """A line edit with a parser: ``value()`` is the parsed value, ``error()`` the sentence.

    ``checked(ok)`` is emitted after every change; the field is marked red while invalid,
    and an optional ``error_label`` shows the sentence.
    """

    checked = Signal(bool)

    def __init__(self, parser: Parser, lang: str, parent: QWidget | None = None, *,
                 required: bool = False, required_text: str = "") -> None:
        super().__init__(parent)
        self.parser = parser
        self.lang = lang
        self.required = required
        self.required_text = required_text
        self.error_label: QLabel | None = None
        self._value: Any = None
        self._error = ""
        self.textChanged.connect(self._check)

    def attach_error_label(self, label: QLabel) -> None:
        self.error_label = label
        label.setObjectName("fieldError")
        label.setWordWrap(True)
        label.setVisible(bool(self._error))
        label.setText(self._error)

    def value(self) -> Any:
        return self._value

    def error(self) -> str:
        return self._error

    def is_valid(self) -> bool:
        return not self._error

    def revalidate(self) -> bool:
        self._check(self.text())
        return self.is_valid()

    @Slot(str)
    def _check(self, _emitted: str = "") -> None:
        # Always the text as it is now: a slot of textEdited (AmountEdit's grouping) may
        # have changed it while textChanged was still delivering the typed, older text.
        text = self.text()
        self._error = ""
        self._value = None
        if not text.strip():
            if self.required:
                self._error = self.required_text
        else:
            try:
                self._value = self.parser(text)
            except ShopError as exc:
                self._error = describe(exc, self.lang)
        self.setProperty("invalid", bool(self._error))
        self.style().unpolish(self)
        self.style().polish(self)
        self.setToolTip(self._error)
        if self.error_label is not None:
            self.error_label.setText(self._error)
            self.error_label.setVisible(bool(self._error))
        self.checked.emit(not self._error)


def _ltr(edit: QLineEdit) -> None:
    """Numbers, mobiles and emails are typed left to right, even in a Persian window."""
    edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    edit.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


class MobileEdit(CheckedLineEdit):
    """``۰۹۱۲ ۳۴۵ ۶۷۸۹``, ``+98 912...``: the value is the canonical ``09XXXXXXXXX``."""

    def __init__(self, lang: str, parent: QWidget | None = None, *, required: bool = False,
                 required_text: str = "") -> None:
        super().__init__(normalize_mobile, lang, parent, required=required,
                         required_text=required_text)
        _ltr(self)
        self.setPlaceholderText(to_persian_digits("0912 345 6789") if lang == "fa"
                                else "0912 345 6789")


class EmailEdit(CheckedLineEdit):
    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(normalise_email, lang, parent)
        _ltr(self)
        self.setPlaceholderText("name@example.com")


class AmountEdit(CheckedLineEdit):
    """Money as typed in the display unit, grouped by thousands while typing.

    ``value()`` is whole Rials (a Toman is ten Rials), or None when empty.
    """

    def __init__(self, display: Display, parent: QWidget | None = None) -> None:
        self.display = display
        super().__init__(self._parse, display.lang, parent)
        _ltr(self)
        self.textEdited.connect(self._regroup)
        self.setPlaceholderText(display.digits("0"))

    def _parse(self, text: str) -> int | None:
        return parse_money(text, self.display.currency)

    @Slot(str)
    def _regroup(self, text: str) -> None:
        folded = fold_digits(text)
        if any(not (c.isascii() and c.isdigit()) and c not in _GROUPING for c in folded):
            return  # something other than digits and separators: the check says what
        digits = "".join(c for c in folded if c.isdigit())
        if not digits:
            return
        grouped = f"{int(digits):,}"
        if self.display.persian_digits:
            grouped = to_persian_digits(grouped.replace(",", "٬"))
        if grouped == text:
            return
        # Keep the cursor before the same number of digits as before.
        digits_after = sum(1 for c in folded[self.cursorPosition():] if c.isdigit())
        self.setText(grouped)
        position = len(grouped)
        while digits_after > 0 and position > 0:
            position -= 1
            if fold_digits(grouped[position]).isdigit():
                digits_after -= 1
        self.setCursorPosition(position)

    def set_rials(self, rials: int | None) -> None:
        self.setText("" if rials is None else self.display.money(rials))


class DateEdit(QWidget):
    """A date typed as text (Jalali or ISO, Persian digits fine) with a calendar button.

    The calendar pops up in the Jalali calendar (``QCalendar.System.Jalali``) unless the
    settings ask for Gregorian. ``value()`` is a ``datetime.date`` or None. ``check(text)``
    adds a rule of the field's own (raising a ``ShopError``), shown as it is typed.
    """

    checked = Signal(bool)

    def __init__(self, display: Display, parent: QWidget | None = None, *,
                 with_time: bool = False, check: Callable[[str], Any] | None = None) -> None:
        super().__init__(parent)
        self.display = display
        read = parse_datetime if with_time else parse_date

        def parse(text: str) -> Any:
            value = read(text)
            if check is not None:
                check(text)  # e.g. no visit in the future: its ShopError is the sentence
            return value

        self.edit = CheckedLineEdit(parse, display.lang, self)
        _ltr(self.edit)
        self.edit.checked.connect(self.checked)
        self.edit.setPlaceholderText(self._example(with_time))
        self.button = QToolButton(self)
        self.button.setObjectName("calendarButton")
        self.button.setIcon(QIcon(str(icon_path("calendar"))))
        self.button.setToolTip(self.tr("Pick from the calendar"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar_widget = QCalendarWidget()
        if display.calendar == "jalali":
            self.calendar_widget.setCalendar(QCalendar(QCalendar.System.Jalali))
        self.calendar_widget.setLocale(QLocale())
        self.calendar_widget.setGridVisible(False)
        self.calendar_widget.clicked.connect(self._picked)
        menu = QMenu(self.button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar_widget)
        menu.addAction(action)
        menu.aboutToShow.connect(self._sync_calendar)
        self.button.setMenu(menu)
        self._menu = menu
        self.with_time = with_time
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)

    def _example(self, with_time: bool) -> str:
        if self.display.calendar == "gregorian":
            text = "2024-08-07" + (" 14:30" if with_time else "")
        else:
            text = "1403/05/17" + (" 14:30" if with_time else "")
        return self.display.digits(text)

    def value(self):  # type: ignore[no-untyped-def]
        return self.edit.value()

    def is_valid(self) -> bool:
        return self.edit.is_valid()

    def error(self) -> str:
        return self.edit.error()

    def text(self) -> str:
        return self.edit.text()

    def set_date(self, value: date | None) -> None:
        self.edit.setText(self.display.date_input(value) if value else "")

    def setText(self, text: str) -> None:  # Qt naming: used like a line edit
        self.edit.setText(text)

    @Slot()
    def _sync_calendar(self) -> None:
        current = self.value()
        if current is not None:
            day = current.date() if hasattr(current, "date") else current
            self.calendar_widget.setSelectedDate(QDate(day.year, day.month, day.day))

    @Slot(QDate)
    def _picked(self, qdate: QDate) -> None:
        day = date(qdate.year(), qdate.month(), qdate.day())
        if self.with_time:
            current = self.value()
            time_text = f" {current:%H:%M}" if current is not None else ""
            self.edit.setText(self.display.date_input(day) + self.display.digits(time_text))
        else:
            self.set_date(day)
        self._menu.hide()

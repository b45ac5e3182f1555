"""The look: Vazirmatn as the application font, a light palette and a few styles.

Vazirmatn (SIL OFL 1.1, ``resources/fonts``) carries both Persian and Latin, so both
languages read the same and no glyph falls back to tofu.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from ui.resources import resources_dir

log = logging.getLogger("shopcrm.ui.theme")

FONT_FILES = ("Vazirmatn-Regular.ttf", "Vazirmatn-Bold.ttf")
FONT_FAMILY = "Vazirmatn"
BASE_POINT_SIZE = 10

# Badge colours: (background, text).
BADGE_COLOURS = {
    "absent": ("#fde2e1", "#a61b1b"),
    "overdue": ("#fff1d6", "#8a5300"),
    "vip": ("#efe3ff", "#5b2aa8"),
    "opted_out": ("#e8eaed", "#4a4f55"),
    "new": ("#dcf5e7", "#17663a"),
    "complaint": ("#ffe4ec", "#b0123f"),
}

STYLE_SHEET = """
QListWidget#navigation { border: none; background: #f3f4f7; padding: 6px 0; outline: 0; }
QToolButton#calendarButton::menu-indicator { image: none; width: 0; }
QListWidget#navigation::item { padding: 9px 14px; border-radius: 6px; margin: 1px 6px; }
QListWidget#navigation::item:selected { background: #dfe7fb; color: #1a3f9c; }
QToolButton[chip="true"] {
    border: 1px solid #c9ced6; border-radius: 13px; padding: 3px 12px; background: #ffffff;
}
QToolButton[chip="true"]:checked { background: #1a56db; color: white; border-color: #1a56db; }
QToolButton[chip="true"]:hover:!checked { background: #eef2fb; }
QToolButton[chip="true"]::menu-indicator { image: none; width: 0; }
QToolButton#insertField::menu-indicator { image: none; width: 0; }
QLabel#pageTitle { font-size: 15pt; font-weight: bold; }
QLabel#cardName { font-size: 16pt; font-weight: bold; }
QLabel#fieldError { color: #b42318; }
QLabel#hint { color: #5f6670; }
QLabel#complaintBadge { background: #ffe4ec; color: #b0123f; border-radius: 6px; padding: 4px 8px; }
QFrame#notice { background: #fff7e0; border: 1px solid #f0d48a; border-radius: 6px; }
QFrame#notice[kind="error"] { background: #fdecec; border-color: #f1b0b0; }
QFrame#notice[kind="ok"] { background: #e7f6ec; border-color: #a6dcb8; }
QLineEdit[invalid="true"] { border: 1px solid #d92d20; border-radius: 3px; padding: 1px; }
QComboBox[suggested="true"] { background: #fff7e0; border: 1px solid #e0b44a; border-radius: 3px; }
QTableView { gridline-color: #e6e8ec; selection-background-color: #cfdcfb;
             selection-color: #111; alternate-background-color: #f8f9fb; }
"""


def load_fonts() -> str | None:
    """Register the bundled Vazirmatn files; the family name, or None when missing."""
    family = None
    for name in FONT_FILES:
        path = resources_dir() / "fonts" / name
        if not path.is_file():
            log.warning("font file missing: %s", path)
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            family = families[0]
        else:
            log.warning("font file not loaded: %s", path)
    return family


def apply(app: QGuiApplication) -> str | None:
    """Load the fonts, make Vazirmatn the application font and set the style sheet."""
    family = load_fonts()
    if family:
        font = QFont(family, BASE_POINT_SIZE)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        app.setFont(font)
    if hasattr(app, "setStyleSheet"):
        app.setStyleSheet(STYLE_SHEET)
    return family

"""The bundled Vazirmatn font, registered with matplotlib's font manager.

matplotlib 3.11 shapes Persian itself (HarfBuzz through libraqm: joined letters, right to
left runs, mirrored brackets), so the text of a chart is given as it is typed; nothing
reshapes or reorders it beforehand (arabic-reshaper and python-bidi would reverse it).
It only needs a font with the glyphs: Vazirmatn (SIL OFL 1.1), shipped in
``resources/fonts/`` of the checkout and of the PyInstaller folder (``sys._MEIPASS``).
"""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

log = logging.getLogger(__name__)

FAMILY = "Vazirmatn"
FALLBACK_FAMILY = "DejaVu Sans"  # ships with matplotlib: Latin only, Persian becomes boxes
FONT_FILES = ("Vazirmatn-Regular.ttf", "Vazirmatn-Bold.ttf")

_lock = threading.Lock()
_registered: str | None = None


def fonts_dir() -> Path:
    """``resources/fonts`` inside the PyInstaller folder, else in the checkout."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources" / "fonts"
    return Path(__file__).resolve().parents[3] / "resources" / "fonts"


def font_paths() -> list[Path]:
    """The bundled font files that exist."""
    folder = fonts_dir()
    return [folder / name for name in FONT_FILES if (folder / name).is_file()]


def register_fonts() -> str:
    """Add Vazirmatn to matplotlib's font manager (once, thread-safe); returns the family
    name to give text artists: ``"Vazirmatn"``, or matplotlib's own font if the files are
    missing (a broken install: the charts still draw, Persian letters do not)."""
    global _registered
    if _registered is not None:
        return _registered
    with _lock:
        if _registered is None:
            from matplotlib import font_manager

            paths = font_paths()
            for path in paths:
                font_manager.fontManager.addfont(str(path))
            if paths:
                _registered = FAMILY
            else:
                log.warning("Vazirmatn not found in %s; charts use %s", fonts_dir(),
                            FALLBACK_FAMILY)
                _registered = FALLBACK_FAMILY
    return _registered

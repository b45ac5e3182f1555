"""Translations and text direction, installed once at start-up.

Source strings are English, written with ``self.tr("...")`` in widgets (the context is the
class name) or ``QCoreApplication.translate("Context", "...")`` elsewhere. Persian lives in
``resources/translations/shopcrm_fa.ts`` (edited with Qt Linguist or by hand, refreshed from
the sources by ``scripts/build_translations.py --update``); the ``.qm`` files are built from
it, never committed. When a ``.qm`` is missing the app builds it with ``lrelease`` into the
user's data folder; if even that fails, the window runs in English, left to right.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QGuiApplication

from ui.resources import resources_dir

log = logging.getLogger("shopcrm.ui.i18n")

LANGUAGES = ("fa", "en")
RTL_LANGUAGES = frozenset({"fa"})


def translations_dir() -> Path:
    return resources_dir() / "translations"


def ts_path(lang: str) -> Path:
    return translations_dir() / f"shopcrm_{lang}.ts"


def lrelease_command() -> list[str] | None:
    """``lrelease`` from the venv's bin, PySide6's package folder, or the PATH."""
    candidates = [Path(sys.executable).with_name("pyside6-lrelease")]
    try:
        import PySide6

        candidates.append(Path(PySide6.__file__).with_name("lrelease"))
    except ImportError:  # pragma: no cover - PySide6 is here whenever ui is
        pass
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return [str(candidate)]
    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    return [found] if found else None


def build_qm(ts: Path, qm: Path) -> bool:
    command = lrelease_command()
    if command is None or not ts.is_file():
        return False
    qm.parent.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run([*command, "-silent", str(ts), "-qm", str(qm)],
                          capture_output=True, text=True, timeout=120, check=False)
    if proc.returncode != 0 or not qm.is_file():
        log.warning("lrelease failed for %s: %s", ts, proc.stderr.strip()[:500])
        return False
    return True


def qm_path(lang: str) -> Path | None:
    """A current ``.qm`` for ``lang``: next to the ``.ts``, or built into the data folder."""
    ts = ts_path(lang)
    beside = ts.with_suffix(".qm")
    if beside.is_file() and (not ts.is_file() or beside.stat().st_mtime >= ts.stat().st_mtime):
        return beside
    if not ts.is_file():
        return None
    from shopcrm.paths import data_dir

    cached = data_dir() / "translations" / beside.name
    if cached.is_file() and cached.stat().st_mtime >= ts.stat().st_mtime:
        return cached
    for target in (beside, cached):
        try:
            if build_qm(ts, target):
                return target
        except (OSError, subprocess.SubprocessError) as exc:
            log.warning("cannot build %s: %s", target, exc)
    return None


def install(app: QGuiApplication, lang: str) -> str:
    """Install our translator and Qt's own for ``lang``, and the text direction.

    Call once, before any window is built. Returns the language actually in use ("en"
    when the Persian translation cannot be loaded). Translators are parented to ``app``.
    """
    if lang not in LANGUAGES:
        lang = "fa"
    if lang != "en":
        path = qm_path(lang)
        ours = QTranslator(app)
        if path is None or not ours.load(str(path)):
            log.warning("no %s translation found; the window runs in English", lang)
            lang = "en"
        else:
            app.installTranslator(ours)
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            for name in ("qtbase", "qt"):
                qt_own = QTranslator(app)
                if qt_own.load(f"{name}_{lang}", qt_dir):
                    app.installTranslator(qt_own)
                    break
    QLocale.setDefault(QLocale(QLocale.Language.Persian, QLocale.Country.Iran)
                       if lang == "fa" else QLocale(QLocale.Language.English,
                                                    QLocale.Country.UnitedStates))
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if lang in RTL_LANGUAGES
                           else Qt.LayoutDirection.LeftToRight)
    return lang


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)

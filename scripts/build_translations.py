#!/usr/bin/env python3
"""Build the window's translations: ``resources/translations/*.ts`` -> ``*.qm``.

    python scripts/build_translations.py            # lrelease every .ts (the setup runs this)
    python scripts/build_translations.py --update   # first refresh the .ts from the sources
                                                    # (pyside6-lupdate over app.py and ui/)

Source strings are English (``self.tr("...")``); ``shopcrm_fa.ts`` holds the Persian. The
``.qm`` files are build output, ignored by git. ``lupdate`` and ``lrelease`` come from the
venv's bin (``pyside6-lupdate``), PySide6's package folder, or the PATH.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"


def tool(name: str) -> list[str]:
    candidates = [Path(sys.executable).with_name(f"pyside6-{name}")]
    try:
        import PySide6

        candidates.append(Path(PySide6.__file__).with_name(name))
    except ImportError:
        pass
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return [str(candidate)]
    found = shutil.which(f"pyside6-{name}") or shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6-Essentials into this Python")
    return [found]


def sources() -> list[Path]:
    files = [ROOT / "app.py", *sorted((ROOT / "ui").rglob("*.py"))]
    return [f for f in files if "__pycache__" not in f.parts]


def update(ts_files: list[Path]) -> None:
    files = [str(f.relative_to(ROOT)) for f in sources()]
    for ts in ts_files:
        subprocess.run([*tool("lupdate"), "-no-obsolete", "-locations", "none",
                        "-source-language", "en", "-target-language", ts.stem.split("_")[-1],
                        *files, "-ts", str(ts.relative_to(ROOT))], cwd=ROOT, check=True)


def release(ts_files: list[Path]) -> list[Path]:
    built = []
    for ts in ts_files:
        qm = ts.with_suffix(".qm")
        subprocess.run([*tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        built.append(qm)
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true",
                        help="refresh the .ts files from the sources first (pyside6-lupdate)")
    args = parser.parse_args(argv)
    ts_files = sorted(TRANSLATIONS.glob("*.ts"))
    if args.update:
        if not ts_files:
            ts_files = [TRANSLATIONS / "shopcrm_fa.ts"]
        update(ts_files)
    for qm in release(ts_files):
        print(f"built {qm.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

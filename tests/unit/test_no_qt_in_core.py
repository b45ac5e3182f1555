"""Imports flow one way, ui -> shopcrm: the core and the CLI never load PySide6 or ui/.

Each check runs in a fresh interpreter, since pytest-qt has already loaded Qt in this one.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORE = REPO / "shopcrm"
FORBIDDEN = ("PySide6", "shiboken6", "ui")

# Prints the modules of FORBIDDEN that are loaded, as JSON, into the file named by argv[1].
REPORT = f"""
def _report(path, **extra):
    import json, sys
    forbidden = {FORBIDDEN!r}
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in forbidden)
    with open(path, "w", encoding="utf-8") as out:
        json.dump(dict(extra, loaded=loaded), out)
"""

IMPORT_ALL = (
    REPORT
    + """
import importlib, sys, traceback
failed = {}
for name in sys.argv[2:]:
    try:
        importlib.import_module(name)
    except BaseException:
        failed[name] = traceback.format_exc(limit=-3)
_report(sys.argv[1], failed=failed)
"""
)

RUN_CLI = (
    REPORT
    + """
import json, sys, traceback
from shopcrm.cli import main
codes, crashed = [], {}
for argv in json.loads(sys.argv[2]):
    try:
        code = main(argv)
    except SystemExit as exit:
        code = exit.code
    except BaseException:
        code = None
        crashed[" ".join(argv)] = traceback.format_exc(limit=-5)
    codes.append(code)
_report(sys.argv[1], codes=codes, crashed=crashed)
"""
)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env.pop("QT_QPA_PLATFORM", None)
    return env


def _run_python(args: list[str], tmp_path: Path) -> dict:
    report = tmp_path / "report.json"
    proc = subprocess.run(
        [sys.executable, "-c", args[0], str(report), *args[1:]],
        cwd=tmp_path,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    result = json.loads(report.read_text(encoding="utf-8"))
    result["output"] = f"{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
    return result


def _core_modules() -> list[str]:
    """Every importable module under shopcrm/, found on disk (namespace dirs included).

    Left out: ``__main__`` (importing it runs the CLI; the CLI test covers it) and Alembic's
    migration scripts, which only run inside Alembic (the static check still reads them).
    """
    names = []
    for path in sorted(CORE.rglob("*.py")):
        parts = list(path.relative_to(REPO).with_suffix("").parts)
        if "__pycache__" in parts or "migrations" in parts or parts[-1] == "__main__":
            continue
        if parts[-1] == "__init__":
            parts.pop()
        if all(part.isidentifier() for part in parts):
            names.append(".".join(parts))
    return names


def test_importing_every_core_module_loads_no_qt(tmp_path):
    modules = _core_modules()
    assert "shopcrm" in modules
    report = _run_python([IMPORT_ALL, *modules], tmp_path)
    failures = "\n".join(f"--- {name}\n{tb}" for name, tb in report["failed"].items())
    assert not report["failed"], f"core modules that do not import:\n{failures}"
    assert report["loaded"] == [], f"importing shopcrm loaded {report['loaded']}"


def test_running_the_cli_loads_no_qt(tmp_path):
    db = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    commands = [["--help"], ["--db", db, "init"], ["--db", db, "customers", "--json"]]
    report = _run_python([RUN_CLI, json.dumps(commands)], tmp_path)
    assert not report["crashed"], "the CLI crashed:\n" + "\n".join(report["crashed"].values())
    codes, output = report["codes"], report["output"]
    assert codes[0] in (0, None), f"shopcrm --help exited {codes[0]}:\n{output}"
    assert codes[1] == 0, f"shopcrm init exited {codes[1]}:\n{output}"
    assert codes[2] == 0, f"shopcrm customers --json exited {codes[2]}:\n{output}"
    assert report["loaded"] == [], f"running the CLI loaded {report['loaded']}"


def test_python_m_shopcrm_help_loads_no_qt(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "shopcrm", "--help"],
        cwd=tmp_path,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    errors = "\n".join(x for x in proc.stderr.splitlines() if not x.startswith("import time:"))
    assert proc.returncode == 0, f"exit {proc.returncode}:\n{errors[-3000:]}"
    assert "usage" in proc.stdout.lower()
    imported = [
        line.rsplit("|", 1)[1].strip()
        for line in proc.stderr.splitlines()
        if line.startswith("import time:") and line.count("|") == 2
    ]
    assert "shopcrm" in imported
    bad = [name for name in imported if name.split(".")[0] in FORBIDDEN]
    assert bad == [], f"python -m shopcrm --help imported {bad}"


def _forbidden_imports(source: str, label: str) -> list[str]:
    """``label:line: module`` for each import of PySide6, shiboken6 or ui in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source, filename=label)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and (
                (isinstance(node.func, ast.Name) and node.func.id == "__import__")
                or (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
            )
        ):
            names = [node.args[0].value]
        found += [f"{label}:{node.lineno}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    return sorted(found, key=lambda hit: int(hit.split(":")[1]))


def test_no_core_file_imports_qt_or_ui():
    files = sorted(p for p in CORE.rglob("*.py") if "__pycache__" not in p.parts)
    assert files
    found = [
        hit
        for path in files
        for hit in _forbidden_imports(path.read_text(encoding="utf-8"), str(path.relative_to(REPO)))
    ]
    assert found == [], "shopcrm/ must not import PySide6 or ui:\n" + "\n".join(found)


def test_static_check_catches_qt_imports():
    source = (
        "import os\nimport PySide6.QtCore\nfrom ui.pages import x\n"
        "from PySide6 import QtGui\nfrom . import ui\nfrom .ui import y\n"
        "import uikit\nimportlib.import_module('shiboken6')\n"
    )
    hits = _forbidden_imports(source, "sample.py")
    assert [hit.split(": ", 1)[1] for hit in hits] == [
        "PySide6.QtCore",
        "ui.pages",
        "PySide6",
        "shiboken6",
    ]


# The layers below services: they import nothing from services/, cli/ or ui/ (not even
# lazily inside a function), so storage can be read and tested alone.
FOUNDATION = ("shopcrm/storage", "shopcrm/paths.py", "shopcrm/errors.py", "shopcrm/domain")
ABOVE = ("shopcrm.services", "shopcrm.cli", "shopcrm.self_test_core", "ui")


def _imported_modules(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


def test_storage_and_paths_import_nothing_above_them():
    files = []
    for part in FOUNDATION:
        target = REPO / part
        files += [target] if target.is_file() else sorted(target.rglob("*.py"))
    found = [
        f"{path.relative_to(REPO)}:{line}: {module}"
        for path in files if "__pycache__" not in path.parts
        for line, module in _imported_modules(path)
        if any(module == top or module.startswith(top + ".") for top in ABOVE)
    ]
    assert found == [], "storage/, paths, errors and domain import a layer above:\n" + (
        "\n".join(found))

"""Regression test for PySide6-Essentials 6.12.0 on Python 3.11 (see DESIGN.md, "Qt").

That build drops a reference to None on every binding call that returns None, and after a few
thousand calls the process aborts with "Fatal Python error: none_dealloc". The calls run in a
subprocess so that an abort fails this test instead of killing pytest.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

CALLS = 20_000

SCRIPT = r"""
import sys
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject
from PySide6.QtWidgets import QApplication, QLabel, QWidget

CALLS = int(sys.argv[1])


class Model(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()):
        return 0

    def columnCount(self, parent=QModelIndex()):
        return 0

    def data(self, index, role=0):
        return None


app = QApplication([])
obj, label, widget, model = QObject(), QLabel(), QWidget(), Model()

def reset():
    model.beginResetModel()
    model.endResetModel()

calls = {
    "QObject.setObjectName": lambda: obj.setObjectName("customer"),
    "QLabel.setText": lambda: label.setText("مریم"),
    "QWidget.resize": lambda: widget.resize(120, 40),
    "QWidget.setToolTip": lambda: widget.setToolTip("tip"),
    "QAbstractTableModel.begin/endResetModel": reset,
}
per_kind = CALLS // len(calls) + 1
drift = {}
for name, call in calls.items():
    before = sys.getrefcount(None)
    for _ in range(per_kind):
        call()
    drift[name] = sys.getrefcount(None) - before

# A healthy build leaves None's count alone (to within a little noise); the broken one loses
# one reference per call. On 3.12+ None is immortal and the count never moves.
bad = {name: d for name, d in drift.items() if d < -per_kind // 2}
if bad:
    print("None lost references:", bad)
    sys.exit(3)
app.processEvents()
print("ok", per_kind * len(calls), "calls")
"""


def _version_tuple(text: str) -> tuple[int, ...]:
    parts = []
    for part in text.split(".")[:3]:
        digits = "".join(ch for ch in part if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def test_binding_calls_returning_none_do_not_break_none():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(CALLS)],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    output = f"{proc.stdout}\n{proc.stderr}"
    assert proc.returncode == 0, f"exit {proc.returncode}:\n{output[-3000:]}"
    assert proc.stdout.startswith("ok"), output[-3000:]


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal on Python 3.12+")
def test_pyside_is_not_the_broken_6_12_0_on_python_3_11():
    import PySide6

    assert _version_tuple(PySide6.__version__) != (6, 12, 0), (
        "PySide6 6.12.0 aborts the process on Python < 3.12 (none_dealloc); "
        "pyproject.toml pins PySide6-Essentials<6.12 there"
    )

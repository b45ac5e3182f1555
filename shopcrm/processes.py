"""Is another process still running? One answer for every platform.

Used where a file or a lease names the process that owns it (a backup's ``.partial`` file,
the campaign sender's lease): a dead owner's leftovers may be taken over, a live one's
never. On Windows ``os.kill(pid, 0)`` does not probe: it *terminates* the process, so
there the answer comes from OpenProcess + GetExitCodeProcess.
"""

from __future__ import annotations

import os
from typing import Any

_STILL_ACTIVE = 259
_ACCESS_DENIED = 5
_PROCESS_QUERY_LIMITED_INFORMATION = 0x1000


def pid_alive(pid: Any) -> bool:
    """True while the process ``pid`` runs (this process included); False for a pid that
    is not a positive number or names no process."""
    try:
        pid = int(pid)
    except (TypeError, ValueError):
        return False
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if os.name == "nt":  # pragma: no cover - Windows
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)  # signal 0: a probe on POSIX, nothing is sent
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: it exists
        return True
    return True


def _windows_pid_alive(pid: int) -> bool:  # pragma: no cover - Windows
    """OpenProcess + GetExitCodeProcess (``os.kill`` would terminate the process)."""
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(_PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
    if not handle:
        return bool(ctypes.get_last_error() == _ACCESS_DENIED)  # type: ignore[attr-defined]
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == _STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)

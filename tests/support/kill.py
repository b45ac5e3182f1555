"""SIGKILL a Python subprocess at a chosen point: the helper of the crash-safety tests.

A crash test runs the work (a backup, an import, a bulk send, ``shopcrm demo``...) in a
child process, waits until the child reaches a *kill point*, kills it with SIGKILL (no
``finally``, no ``atexit``, no flush: what a power cut or the task manager does), then
checks what is left on disk. Repeat it at several kill points.

Ways to reach a kill point, from the most to the least precise:

1. **A marker line.** The child prints ``KILLPOINT <name>`` (use ``marker(name)`` from
   this module) and usually parks there (``park()`` sleeps until killed). The parent calls
   ``victim.wait_for_marker(name)`` and then ``victim.kill()``. To put markers inside
   product code without touching it, the child wraps a function before running the work::

       from support.kill import marker, park
       import shopcrm.services.backup.take as backup  # patch where the step runs
       real_verify = backup._verify
       def verify(path):
           marker("verifying")   # the parent kills here: copy written, not yet verified
           park()
       backup._verify = verify

2. **Any stdout line** matching a regular expression: ``victim.wait_for_line(r"...")``.
3. **A file appearing** (or any condition the parent can poll, such as a row count in
   the book read from another connection): ``victim.wait_for_file(path)`` or
   ``victim.wait_for(lambda: count_rows(db) >= 1000)``.
4. **A delay** after one of the above (``victim.kill(after=0.05)``) to land in the
   middle of the next step rather than on its edge.

Example (complete)::

    from support.kill import Victim, python_code

    code = '''
        import sys
        from support.kill import marker, park
        from shopcrm.cli import main
        marker("start")
        sys.exit(main(["--db", sys.argv[1], "demo", "--customers", "20000"]))
    '''
    with Victim(python_code(code, db_url), env=env) as victim:
        victim.wait_for_marker("start")
        victim.wait_for(lambda: customers_in(book) >= 5000, timeout=60)
        status = victim.kill(after=0.1)
    assert victim.killed            # it really died by SIGKILL, not by finishing first
    # ...now check the book...

Notes:
- The child runs in its own process group; ``kill()`` kills the whole group, so helper
  processes the child started die too. Leaving the ``with`` block kills a child that is
  still running, so a failing test never leaves one behind.
- The child's ``PYTHONPATH`` gets the ``tests`` directory (so ``support.kill`` imports)
  and the repository root; ``PYTHONUNBUFFERED=1`` so every line arrives at once.
- ``VictimExited`` is raised by the ``wait_*`` methods when the child ends before the kill
  point; its message holds the child's stdout and stderr (a crash in the child shows up
  there rather than as a timeout).
- Stdout is read on a thread (lines are kept in ``victim.lines``); stderr goes to a file
  (``victim.stderr_text()``), so a chatty child can never block on a full pipe.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

MARKER_PREFIX = "KILLPOINT "
TESTS_DIR = Path(__file__).resolve().parents[1]
REPO_ROOT = TESTS_DIR.parent


class VictimExited(RuntimeError):
    """The child ended (or the wait timed out) before reaching the kill point."""


def marker(name: str) -> None:
    """In the child: announce the kill point ``name`` to the parent (one stdout line)."""
    sys.stdout.write(f"{MARKER_PREFIX}{name}\n")
    sys.stdout.flush()


def park(seconds: float = 600.0) -> None:
    """In the child: wait here to be killed (returns after ``seconds`` if never killed)."""
    time.sleep(seconds)


def python_code(code: str, *args: str) -> list[str]:
    """The argv running ``code`` (dedented) with this interpreter, ``args`` in sys.argv[1:]."""
    return [sys.executable, "-c", textwrap.dedent(code), *map(str, args)]


def shopcrm_argv(*args: str) -> list[str]:
    """The argv of the ``shopcrm`` command (``python -m shopcrm``) with ``args``."""
    return [sys.executable, "-m", "shopcrm", *map(str, args)]


class Victim:
    """A child process to be killed at a kill point (see the module docstring)."""

    def __init__(self, argv: Sequence[str], *, env: Mapping[str, str] | None = None,
                 cwd: str | os.PathLike[str] | None = None) -> None:
        full_env = dict(os.environ if env is None else env)
        paths = [str(TESTS_DIR), str(REPO_ROOT)]
        if full_env.get("PYTHONPATH"):
            paths.append(full_env["PYTHONPATH"])
        full_env["PYTHONPATH"] = os.pathsep.join(paths)
        full_env["PYTHONUNBUFFERED"] = "1"
        self.argv = list(argv)
        self.lines: list[str] = []
        self.killed = False
        self._stderr = tempfile.TemporaryFile(mode="w+b")  # noqa: SIM115 - closed in __exit__
        self._cond = threading.Condition()
        self._eof = False
        self.proc = subprocess.Popen(
            self.argv, env=full_env, cwd=cwd, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=self._stderr, start_new_session=True)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    # -- reading -----------------------------------------------------------------------
    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            with self._cond:
                self.lines.append(line)
                self._cond.notify_all()
        with self._cond:
            self._eof = True
            self._cond.notify_all()

    def stderr_text(self) -> str:
        self._stderr.seek(0)
        return self._stderr.read().decode("utf-8", "replace")

    def describe(self) -> str:
        tail = "\n".join(self.lines[-30:])
        return (f"child {self.argv[:3]}... exit {self.proc.poll()}\n--- stdout\n{tail}\n"
                f"--- stderr\n{self.stderr_text()[-3000:]}")

    # -- waiting -----------------------------------------------------------------------
    def wait_for_line(self, pattern: str, timeout: float = 60.0) -> str:
        """Wait for a stdout line matching the regex ``pattern``; returns the line."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        seen = 0
        with self._cond:
            while True:
                for line in self.lines[seen:]:
                    if regex.search(line):
                        return line
                seen = len(self.lines)
                if self._eof:
                    break
                left = deadline - time.monotonic()
                if left <= 0:
                    raise VictimExited(f"timeout waiting for {pattern!r}\n{self.describe()}")
                self._cond.wait(min(left, 0.5))
        self.proc.wait(timeout=10)
        raise VictimExited(f"the child ended before {pattern!r}\n{self.describe()}")

    def wait_for_marker(self, name: str, timeout: float = 60.0) -> None:
        """Wait for ``marker(name)`` in the child."""
        self.wait_for_line(f"^{re.escape(MARKER_PREFIX + name)}$", timeout)

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 60.0,
                 interval: float = 0.01, *, what: str = "condition") -> None:
        """Poll ``predicate`` (exceptions count as False) until it holds."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                if predicate():
                    return
            except Exception:
                pass
            if self.proc.poll() is not None:
                raise VictimExited(f"the child ended before the {what}\n{self.describe()}")
            if time.monotonic() > deadline:
                raise VictimExited(f"timeout waiting for the {what}\n{self.describe()}")
            time.sleep(interval)

    def wait_for_file(self, path: str | os.PathLike[str], timeout: float = 60.0) -> None:
        target = Path(path)
        self.wait_for(target.exists, timeout, what=f"file {target}")

    # -- ending ------------------------------------------------------------------------
    def kill(self, after: float = 0.0) -> int:
        """SIGKILL the child's process group (after ``after`` seconds); its exit status.

        ``self.killed`` tells whether it was still running (a child that finished
        before the kill keeps its own exit status).
        """
        if after > 0:
            time.sleep(after)
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.killed = True
            except ProcessLookupError:
                pass
        status = self.proc.wait(timeout=30)
        self._reader.join(timeout=10)
        return status

    def finish(self, timeout: float = 120.0) -> int:
        """Wait for the child to end by itself; its exit status."""
        status = self.proc.wait(timeout=timeout)
        self._reader.join(timeout=10)
        return status

    def __enter__(self) -> Victim:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc.poll() is None:
            self.kill()
        self._stderr.close()

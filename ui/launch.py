"""What ``app.py`` does before it builds a window: the commands that need no window.

``app.main`` calls :func:`early_command` first; a number means "exit with it", None means
"go on and start the window". This module imports no Qt, so the command-line paths stay
as light as the ``shopcrm`` command itself:

- ``ShopCRM --cli COMMAND ...``: the ``shopcrm`` command (``ShopCRM --cli absent``), no
  QApplication, output on stdout;
- the ``shopcrm-cli`` executable of the installed folder (a console twin of ``ShopCRM``,
  see installer.spec) is the ``shopcrm`` command without ``--cli``;
- ``--self-test`` (either executable, or ``python app.py --self-test``): the installation
  check of :mod:`ui.self_test` on a temporary book;
- env ``SHOPCRM_EXIT_AFTER_FIRST_PAINT=1``: start the window as usual, then print the time
  to its first paint as one JSON line and quit (the start-up benchmark).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

CLI_EXECUTABLE = "shopcrm-cli"
FIRST_PAINT_ENV = "SHOPCRM_EXIT_AFTER_FIRST_PAINT"


def is_cli_executable(executable: str | None = None) -> bool:
    """True in the installed folder's ``shopcrm-cli`` (``shopcrm-cli.exe``) executable."""
    if executable is None:
        if not getattr(sys, "frozen", False):
            return False
        executable = sys.executable
    name = executable.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return name.removesuffix(".exe") == CLI_EXECUTABLE


def early_command(argv: Sequence[str] | None = None) -> int | None:
    """Run ``--cli``/``--self-test`` (exit status), or None to start the window."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--cli"]:
        return _cli(args[1:])
    if "--self-test" in args:
        from ui.self_test import main as self_test

        return self_test(args)
    if is_cli_executable():
        return _cli(args)
    if os.environ.get(FIRST_PAINT_ENV, "") not in ("", "0"):
        from ui.self_test import arm_first_paint_probe

        arm_first_paint_probe()
    return None


def _cli(args: list[str]) -> int:
    from shopcrm.cli import main as cli

    return cli(args)

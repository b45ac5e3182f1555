"""The ``shopcrm`` command: the product's automation surface, with no GUI.

Every command takes ``--db URL`` and ``--json`` before or after the command word.
Exit status: 0 success, 1 a user error (one line on stderr, never a traceback),
2 an unexpected failure (one line on stderr; the traceback goes to the log file),
130 interrupted.

Each area keeps its commands in its own module with a ``register(commands, common)``
function; ``COMMAND_MODULES`` lists them.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from shopcrm.cli.context import CommandError, Context, common_options
from shopcrm.cli.numbers import guard_numbers
from shopcrm.error_text import describe
from shopcrm.errors import ShopError

COMMAND_MODULES = (
    "shopcrm.cli.book",
    "shopcrm.cli.customers",
    "shopcrm.cli.visits",
    "shopcrm.cli.absence",
    "shopcrm.cli.excel",
    "shopcrm.cli.messaging",
    "shopcrm.cli.reports",
    "shopcrm.cli.backup",
)

log = logging.getLogger("shopcrm.cli")


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as exit 1 with one line, like other errors."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise CommandError(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    common = common_options()
    parser = _Parser(prog="shopcrm", description="ShopCRM: the customer book from the "
                     "command line.", parents=[common(top=True)])
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # an area not built yet
                continue
            raise
        module.register(commands, common)
    guard_numbers(parser)  # --limit 99999999999999999999: one sentence, not an overflow
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    ctx: Context | None = None
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if not getattr(args, "handler", None):
            parser.print_help()
            return 0 if not argv else 1
        ctx = Context.from_args(args)
        result = args.handler(ctx, args)
        return int(result or 0)
    except CommandError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except ShopError as exc:
        lang = ctx.lang if ctx else _lang_before_parsing(argv)
        print(describe(exc, lang), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: one line here, the traceback in the log
        where = _log_crash()
        print(f"shopcrm: unexpected error ({type(exc).__name__}); details in {where}",
              file=sys.stderr)
        return 2
    finally:
        if ctx is not None:
            ctx.close()


def _lang_before_parsing(argv: Sequence[str]) -> str:
    """The language of an error found while the arguments were read (``--id 1e30``): the
    ``--lang`` given, else what a command's context would choose."""
    wanted = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            wanted = argv[i + 1]
        elif arg.startswith("--lang="):
            wanted = arg.split("=", 1)[1]
    if wanted not in ("fa", "en"):
        wanted = None
    try:
        return Context.from_args(argparse.Namespace(lang=wanted, db=None, json=False)).lang
    except Exception:  # e.g. an unreadable settings file: its own error comes later
        return wanted or "en"


def _log_crash() -> str:
    from shopcrm.logs import setup_file_logging

    path = setup_file_logging()
    log.exception("unexpected error in the shopcrm command")
    return str(path)

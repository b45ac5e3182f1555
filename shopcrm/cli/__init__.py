"""The ``shopcrm`` command: the product's automation surface, with no GUI.

Every command takes ``--db URL`` and ``--json`` before or after the command word.
Exit status: 0 success, 1 a user error (one line on stderr, never a traceback),
2 an unexpected failure (one line on stderr; the traceback goes to the log file),
130 interrupted.

Words are printed in the command's language (``shopcrm.i18n.resolve_language``: ``--lang``,
env SHOPCRM_LANG, the ``ui.language`` setting, else Persian) through ``shopcrm.cli.words``:
write ``ctx.t("English source {n:,}", n=...)`` and put the Persian in ``words_fa.py``.

Each area keeps its commands in its own module with a ``register(commands, common)``
function; ``COMMANDS`` names the module of every command word, so running a command
imports only its own module (and what that imports): ``shopcrm customers`` never loads
the messaging or report code. ``shopcrm --help`` (or a word not in the table) builds the
whole parser from every module in ``COMMAND_MODULES``. A test checks that the table and
the modules agree.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from shopcrm.cli.context import CommandError, Context, common_options
from shopcrm.cli.numbers import guard_numbers
from shopcrm.cli.words import argparse_language, persian_commas, t, translate_help
from shopcrm.errors import ShopError
from shopcrm.i18n import given_language, resolve_language

COMMAND_MODULES = (
    "shopcrm.cli.book",
    "shopcrm.cli.customers",
    "shopcrm.cli.customer_list",
    "shopcrm.cli.visits",
    "shopcrm.cli.absence",
    "shopcrm.cli.excel",
    "shopcrm.cli.messaging",
    "shopcrm.cli.campaigns",
    "shopcrm.cli.reports",
    "shopcrm.cli.backup",
    "shopcrm.cli.today",
    "shopcrm.cli.daily",
    "shopcrm.cli.loyalty",
    "shopcrm.cli.retention",
    "shopcrm.cli.settings",
)


def _words(module: str, *words: str) -> dict[str, tuple[str, ...]]:
    return {word: (f"shopcrm.cli.{module}",) for word in words}


# Every command word -> the modules whose ``register`` build it (``birthdays`` is listed
# by absence; messaging adds its ``--send``).
COMMANDS: dict[str, tuple[str, ...]] = {
    **_words("book", "init", "check", "demo"),
    **_words("customers", "customer"),
    **_words("customer_list", "customers", "duplicates"),
    **_words("visits", "visit", "visits"),
    **_words("absence", "absent", "overdue", "followup", "segments", "retention"),
    "birthdays": ("shopcrm.cli.absence", "shopcrm.cli.messaging"),
    **_words("excel", "import", "import-visits", "imports", "export"),
    **_words("messaging", "send", "relocation", "resume"),
    **_words("campaigns", "campaigns", "outbox", "cancel", "sync-status", "credit", "template",
             "unknown"),
    **_words("reports", "report", "chart", "charts"),
    **_words("backup", "backup", "backups", "restore", "diagnostics"),
    **_words("today", "today", "winback"),
    **_words("daily", "daily", "schedule"),
    **_words("loyalty", "points", "loyalty", "referrals"),
    **_words("retention", "complaint", "complaints", "inbox", "survey", "call-list"),
    **_words("settings", "settings"),
}
# Options of the top-level parser that take a value (to find the command word).
_VALUE_OPTIONS = ("--db", "--lang")

log = logging.getLogger("shopcrm.cli")


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as exit 1 with one line, like other errors."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise CommandError("{prog}: {message}", prog=self.prog,
                           message=persian_commas(message))


def command_word(argv: Sequence[str]) -> str | None:
    """The command word of ``argv`` (the first argument that is not a global option)."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg == "--":
            return None
        if arg in _VALUE_OPTIONS:
            skip = True
            continue
        if arg.startswith("-"):
            continue
        return arg
    return None


def build_parser(argv: Sequence[str] | None = None, lang: str = "en") -> argparse.ArgumentParser:
    """The parser for ``argv``, its help texts in ``lang``: only its command's module when
    the table knows the word, else every command (``--help``, no command, an unknown
    word)."""
    with argparse_language(lang):
        parser = _build_parser(argv)
    translate_help(parser, lang)
    return parser


def _build_parser(argv: Sequence[str] | None) -> argparse.ArgumentParser:
    common = common_options()
    parser = _Parser(prog="shopcrm", description="ShopCRM: the customer book from the "
                     "command line.", parents=[common(top=True)])
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    word = command_word(argv) if argv is not None else None
    wanted = COMMANDS.get(word or "", COMMAND_MODULES)
    for name in wanted:
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
    lang = resolve_language(given_language(argv))
    try:
        parser = build_parser(argv, lang)
        with argparse_language(lang):
            args = parser.parse_args(argv)
            if not getattr(args, "handler", None):
                parser.print_help()
                return 0 if not argv else 1
        ctx = Context.from_args(args)
        lang = ctx.lang
        result = args.handler(ctx, args)
        return int(result or 0)
    except CommandError as exc:
        print(exc.text(lang), file=sys.stderr)
        return 1
    except ShopError as exc:
        from shopcrm.error_text import describe  # words for errors: loaded when one happens

        if exc.code == "db_corrupt" and not exc.data.get("backup") and ctx is not None:
            exc.data["backup"] = _newest_good_backup(ctx)
        print(describe(exc, lang, surface="cli"), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(t(lang, "interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: one line here, the traceback in the log
        where = _log_crash()
        print(t(lang, "shopcrm: unexpected error ({kind}); details in {where}",
                kind=type(exc).__name__, where=where), file=sys.stderr)
        return 2
    finally:
        if ctx is not None:
            ctx.close()


def _log_crash() -> str:
    from shopcrm.logs import setup_file_logging

    path = setup_file_logging()
    log.exception("unexpected error in the shopcrm command")
    return str(path)


def _newest_good_backup(ctx: Context) -> str:
    """The newest good backup of the command's book, to offer with db_corrupt ("" if none
    or it cannot be told)."""
    try:
        from pathlib import Path

        from sqlalchemy.engine import make_url

        from shopcrm.services.backup.care import book_care

        database = make_url(ctx.db_url_resolved).database
        return book_care(ctx.settings).newest_good_backup(Path(database) if database else None)
    except Exception:  # never hide the damage behind a second failure
        return ""

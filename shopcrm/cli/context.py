"""What every command shares: global options, the open book, settings and output."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from shopcrm import i18n
from shopcrm.config import Settings
from shopcrm.i18n import resolve_language
from shopcrm.storage.db import Database


class CommandError(Exception):
    """A usage error: printed as one line, exit status 1.

    ``message`` is an English source of :mod:`shopcrm.cli.words` with ``{fields}``; the
    command prints it in its language (``text(lang)``).
    """

    def __init__(self, message: str, /, **values: Any) -> None:
        super().__init__(message.format(**values) if values else message)
        self.source = message
        self.values = values

    def text(self, lang: str) -> str:
        from shopcrm.cli.words import t

        return t(lang, self.source, **self.values) if self.values else t(lang, self.source)


def common_options() -> Callable[..., argparse.ArgumentParser]:
    """A factory of the parent parser holding ``--db``, ``--json`` and ``--lang``.

    On subcommands the defaults are SUPPRESS, so an option given before the command word
    is not overwritten by the subcommand's default.
    """

    def make(top: bool = False) -> argparse.ArgumentParser:
        default = None if top else argparse.SUPPRESS
        parent = argparse.ArgumentParser(add_help=False)
        parent.add_argument("--db", metavar="URL", default=default,
                            help="database URL (default: the book in the user data dir; "
                                 "env SHOPCRM_DB)")
        parent.add_argument("--json", action="store_true",
                            default=False if top else argparse.SUPPRESS,
                            help="print one JSON document on stdout")
        parent.add_argument("--lang", choices=("fa", "en"), default=default,
                            help="language of messages (default: env SHOPCRM_LANG, else the "
                                 "ui.language setting, else fa)")
        return parent

    return make


def json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "as_dict"):
        return value.as_dict()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


@dataclass
class Context:
    db_url: str | None
    as_json: bool
    lang: str
    settings: Settings = field(default_factory=Settings)
    _db: Database | None = None
    # May opening the book create it? Only for the commands marked with ``creates_book``
    # (init, demo, import, customer add, restore): one that reads never makes a book at a
    # mistyped path, it says there is none (db_missing_book).
    create_book: bool = False

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Context:
        settings = Settings()
        lang = resolve_language(args.lang, settings=settings)
        return cls(db_url=args.db, as_json=bool(args.json), lang=lang, settings=settings,
                   create_book=bool(getattr(args, "creates_book", False)))

    @property
    def db(self) -> Database:
        if self._db is None:
            from shopcrm.services.backup.care import open_book

            # No quick_check on every command (seconds on a large book): the window runs
            # it after start-up, and ``shopcrm check`` on demand. SQLite still reports
            # damage on any page a command touches (db_corrupt).
            self._db = open_book(self.db_url, check=False, create=self.create_book,
                                 settings=self.settings)
        return self._db

    @property
    def db_url_resolved(self) -> str:
        """The book's URL (``--db``, ``SHOPCRM_DB``, the owner's choice or the default),
        checked but not opened."""
        from shopcrm.storage.db import resolve_url

        return resolve_url(self.db_url)

    def money(self, rials: int | None, *, with_unit: bool = True) -> str:
        """An amount in the owner's currency (``ui.currency``), with its unit word."""
        from shopcrm.domain.money import format_money

        return format_money(rials, self.settings.currency, self.lang, with_unit=with_unit)

    def money_header(self, source: str) -> str:
        """A column header naming the owner's currency, from the word catalogue:
        ``money_header("amount ({unit})")`` is «مبلغ (تومان)», ``amount (tomans)``."""
        from shopcrm.domain.money import unit_word

        return self.t(source, unit=unit_word(self.settings.currency, self.lang))

    def parse_money(self, text: str | None, option: str = "--amount") -> int | None:
        """Rials from an amount typed in the owner's currency (``--amount``); an amount
        that cannot be read names its option (``cli_bad_amount``)."""
        from shopcrm.cli.numbers import naming_option
        from shopcrm.domain.money import parse_money

        with naming_option(option, text, bad_number="cli_bad_amount"):
            return parse_money(text, self.settings.currency)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()

    def emit(self, data: Any, text: str | Iterable[str] | None = None) -> None:
        """Print ``data`` as JSON with ``--json``, else ``text`` (or a plain rendering)."""
        if self.as_json:
            json.dump(data, sys.stdout, ensure_ascii=False, default=json_default, indent=2)
            sys.stdout.write("\n")
            return
        if text is None:
            text = json.dumps(data, ensure_ascii=False, default=json_default, indent=2)
        if isinstance(text, str):
            print(text)
        else:
            for line in text:
                print(line)

    def note(self, message: str) -> None:
        """Progress and remarks: stderr, so stdout stays clean for JSON."""
        print(message, file=sys.stderr)

    # -- words in the command's language (shopcrm.cli.words) ------------------------------
    def t(self, source: str, /, **values: Any) -> str:
        """``source`` (English) in the command's language, numbers and dates included."""
        from shopcrm.cli.words import t

        return t(self.lang, source, **values)

    def num(self, value: int | float | None, spec: str = ",") -> str:
        return i18n.number(value, self.lang, spec)

    def day(self, value: date | datetime | None, *, with_time: bool = False) -> str:
        return i18n.day(value, self.lang, with_time=with_time)

    def digits(self, value: Any) -> str:
        """Data such as a mobile or an id, with Persian digits in Persian."""
        return "" if value is None else i18n.digits(str(value), self.lang)

    def table(self, rows: Sequence[Sequence[Any]], headers: Sequence[str]) -> list[str]:
        """Rows under English ``headers``, in the command's language: an aligned table in
        English, one record a line in Persian (see ``words.record_lines``)."""
        from shopcrm.cli.words import record_lines

        if self.lang != "fa":
            return table(rows, headers)
        return record_lines(rows, [self.t(h) for h in headers])


def add_command(commands: argparse._SubParsersAction, common: Callable[..., Any], name: str,
                handler: Callable[[Context, argparse.Namespace], int | None],
                help_text: str, aliases: Sequence[str] = ()) -> argparse.ArgumentParser:
    parser = commands.add_parser(name, help=help_text, description=help_text,
                                 parents=[common()], aliases=list(aliases))
    parser.set_defaults(handler=handler)
    return parser


def creates_book(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Mark a command that may create the book when it does not exist yet."""
    parser.set_defaults(creates_book=True)
    return parser


def table(rows: Sequence[Sequence[Any]], headers: Sequence[str]) -> list[str]:
    """A plain text table for the terminal."""
    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in r]
                                           for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)).rstrip()
             for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines

"""What every command shares: global options, the open book, settings and output."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from shopcrm.config import Settings
from shopcrm.storage.db import Database


class CommandError(Exception):
    """A usage error: printed as one line, exit status 1."""


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
                            help="language of messages (default: env SHOPCRM_LANG or en)")
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
        lang = args.lang or os.environ.get("SHOPCRM_LANG") or (
            "fa" if os.environ.get("LANG", "").startswith("fa") else "en")
        return cls(db_url=args.db, as_json=bool(args.json), lang=lang,
                   create_book=bool(getattr(args, "creates_book", False)))

    @property
    def db(self) -> Database:
        if self._db is None:
            from shopcrm.storage.db import open_database

            # No quick_check on every command (seconds on a large book): the window runs
            # it after start-up, and ``shopcrm check`` on demand. SQLite still reports
            # damage on any page a command touches (db_corrupt).
            self._db = open_database(self.db_url, check=False, create=self.create_book)
        return self._db

    @property
    def db_url_resolved(self) -> str:
        """The book's URL (``--db``, ``SHOPCRM_DB``, the owner's choice or the default),
        checked but not opened."""
        from shopcrm.storage.db import resolve_url

        return resolve_url(self.db_url)

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

"""Numbers typed on the command line: read as the owner means them, refused in one sentence.

Every option declared with ``type=int`` or ``type=float`` is switched, after all commands
are registered, to a reader that raises ``InvalidInput`` (exit 1, worded by
``shopcrm.error_text``) instead of argparse's own English error or, worse, an overflow deep
in the database (exit 2): ``--limit 99999999999999999999`` is out of range (a database
integer has 64 bits), ``--id 1e30`` is not a whole number, ``--factor inf`` is not a plain
number, ``--limit -5`` is negative (a count of rows is 0 or more). ``--limit 0`` means
no limit on every command (read as None: every row; each ``--limit``'s help says so,
``0 = all``). Persian and
Arabic-Indic digits are read as digits. The ranges that matter for one
option (days 0-366...) stay the services' own checks.
"""

from __future__ import annotations

import argparse
import contextlib
import math
from collections.abc import Callable, Iterator
from typing import TypeVar

from shopcrm.errors import InvalidInput

INT_LOW = -(2**63)
INT_HIGH = 2**63 - 1
N = TypeVar("N", int, float)


def _name(action: argparse.Action) -> str:
    longest = max(action.option_strings, key=len) if action.option_strings else None
    return longest or (action.metavar if isinstance(action.metavar, str) else action.dest)


def _reader(option: str, convert: Callable[[str], N], not_read: str,
            problem: Callable[[N], str | None], name: str) -> Callable[[str], N]:
    """argparse's ``type`` for ``option``: the text with Persian digits folded, converted,
    checked; ``InvalidInput`` (``not_read``, or the code ``problem`` names) otherwise."""
    def read(text: str) -> N:
        from shopcrm.domain.text import fold_digits

        try:
            value = convert(fold_digits(str(text)).strip())
        except ValueError:
            raise InvalidInput(not_read, option=option, value=text) from None
        code = problem(value)
        if code is not None:
            raise InvalidInput(code, option=option, value=text)
        return value

    read.__name__ = name  # argparse names the type in its own messages
    return read


def whole_number(option: str) -> Callable[[str], int]:
    return _reader(option, lambda text: int(text.replace("_", "")), "cli_not_a_whole_number",
                   lambda value: None if INT_LOW <= value <= INT_HIGH
                   else "cli_number_out_of_range", "int")


def count_number(option: str) -> Callable[[str], int]:
    """A whole number that counts (``--limit``, ``--offset``, demo's ``--customers``): not
    negative."""
    return _reader(option, lambda text: int(text.replace("_", "")), "cli_not_a_whole_number",
                   lambda value: "cli_number_negative" if value < 0
                   else None if value <= INT_HIGH else "cli_number_out_of_range", "int")


def limit_number(option: str) -> Callable[[str], int | None]:
    """``--limit``: a count as above, 0 read as None (no limit: every row), the one
    meaning of 0 on every command."""
    count = count_number(option)

    def read(text: str) -> int | None:
        value = count(text)
        return None if value == 0 else value

    read.__name__ = "int"
    return read


#: options that count: a negative value is refused, not read as "all" or passed on
COUNT_OPTIONS = frozenset({"--limit", "--offset", "--customers"})


def plain_number(option: str) -> Callable[[str], float]:
    return _reader(option, lambda text: float(text.replace("٫", ".")), "cli_not_a_number",
                   lambda value: None if math.isfinite(value) else "cli_not_a_number",
                   "float")


@contextlib.contextmanager
def naming_option(option: str, value: object, *, bad_number: str = "cli_not_a_whole_number"
                  ) -> Iterator[None]:
    """A value of ``option`` read by the domain (``parse_money``, ``parse_int``): its
    ``bad_number`` / ``negative_amount`` errors name the option, as argparse's readers do
    (was: «عدد «۱۵۰ هزار» خوانده نشد.» with no word of ``--amount``)."""
    try:
        yield
    except InvalidInput as exc:
        codes = {"bad_number": bad_number, "negative_amount": "cli_number_negative"}
        if exc.code not in codes:
            raise
        raise InvalidInput(codes[exc.code], option=option, value=str(value)) from exc


def _actions(parser: argparse.ArgumentParser) -> Iterator[argparse.Action]:
    seen: set[int] = set()
    todo = [parser]
    while todo:
        current = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        for action in current._actions:
            if isinstance(action, argparse._SubParsersAction):
                todo.extend(action.choices.values())
            else:
                yield action


def guard_numbers(parser: argparse.ArgumentParser) -> None:
    """Give every ``int``/``float`` option of ``parser`` and its subcommands the readers
    above."""
    for action in _actions(parser):
        if action.type is int:
            name = _name(action)
            action.type = (limit_number(name) if name == "--limit" else count_number(name)
                           if name in COUNT_OPTIONS else whole_number(name))
        elif action.type is float:
            action.type = plain_number(_name(action))

"""Numbers typed on the command line: read as the owner means them, refused in one sentence.

Every option declared with ``type=int`` or ``type=float`` is switched, after all commands
are registered, to a reader that raises ``InvalidInput`` (exit 1, worded by
``shopcrm.error_text``) instead of argparse's own English error or, worse, an overflow deep
in the database (exit 2): ``--limit 99999999999999999999`` is out of range (a database
integer has 64 bits), ``--id 1e30`` is not a whole number, ``--factor inf`` is not a plain
number. Persian and Arabic-Indic digits are read as digits. The ranges that matter for one
option (days 0-366...) stay the services' own checks.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable, Iterator

from shopcrm.errors import InvalidInput

INT_LOW = -(2**63)
INT_HIGH = 2**63 - 1


def _name(action: argparse.Action) -> str:
    longest = max(action.option_strings, key=len) if action.option_strings else None
    return longest or (action.metavar if isinstance(action.metavar, str) else action.dest)


def whole_number(option: str) -> Callable[[str], int]:
    def read(text: str) -> int:
        from shopcrm.domain.text import fold_digits

        cleaned = fold_digits(str(text)).strip().replace("_", "")
        try:
            value = int(cleaned)
        except ValueError:
            raise InvalidInput("cli_not_a_whole_number", option=option, value=text) from None
        if not INT_LOW <= value <= INT_HIGH:
            raise InvalidInput("cli_number_out_of_range", option=option, value=text)
        return value

    read.__name__ = "int"  # argparse names the type in its own messages
    return read


def plain_number(option: str) -> Callable[[str], float]:
    def read(text: str) -> float:
        from shopcrm.domain.text import fold_digits

        cleaned = fold_digits(str(text)).strip().replace("٫", ".")
        try:
            value = float(cleaned)
        except ValueError:
            raise InvalidInput("cli_not_a_number", option=option, value=text) from None
        if not math.isfinite(value):
            raise InvalidInput("cli_not_a_number", option=option, value=text)
        return value

    read.__name__ = "float"
    return read


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
            action.type = whole_number(_name(action))
        elif action.type is float:
            action.type = plain_number(_name(action))

"""The words the ``shopcrm`` command prints: one mechanism for every module of the CLI.

Source strings are English, written where they are used: ``ctx.t("sent {n:,}", n=3)``
(or ``t(lang, ...)``); their Persian lives in :mod:`shopcrm.cli.words_fa` (messages,
labels) and :mod:`shopcrm.cli.help_fa` (help texts), keyed by the English text. Fields
are formatted in the language (:class:`shopcrm.i18n.Formatter`: Persian digits, Jalali
dates); text fields are data and stay as they are. A source with no Persian entry is
printed in English: ``tests/integration/test_cli_language.py`` fails on that.

argparse's own words (``usage:``, ``options``, its error messages) are translated too,
through the ``gettext`` hook argparse calls (``argparse_language``).
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

from shopcrm.cli.help_fa import HELP_FA, METAVARS_FA
from shopcrm.cli.words_fa import ARGPARSE_FA, WORDS_FA
from shopcrm.i18n import Formatter


def t(lang: str, source: str, /, **values: Any) -> str:
    """``source`` in ``lang``, its fields filled in (numbers and dates in that language)."""
    template = WORDS_FA.get(source, source) if lang == "fa" else source
    return Formatter(lang).format(template, **values)


def record_lines(rows: Sequence[Sequence[Any]], headers: Sequence[str]) -> list[str]:
    """A table as one record a line, ``label: value``, separated by Persian commas.

    A terminal shows a Persian line right to left as a whole; columns padded with spaces
    do not survive that, one record a line does. Empty values are left out.
    """
    lines = []
    for row in rows:
        parts = [f"{h}: {v}" for h, v in zip(headers, row, strict=False)
                 if v is not None and str(v) != ""]
        lines.append("• " + "، ".join(parts))
    return lines


def translate_help(parser: argparse.ArgumentParser, lang: str) -> None:
    """Help texts and descriptions of ``parser`` and its subcommands, in ``lang``."""
    if lang != "fa":
        return
    seen: set[int] = set()

    def walk(p: argparse.ArgumentParser) -> None:
        if id(p) in seen:
            return
        seen.add(id(p))
        if p.description:
            p.description = HELP_FA.get(p.description, p.description)
        for group in p._action_groups:
            if group.title:
                group.title = HELP_FA.get(group.title, ARGPARSE_FA.get(group.title,
                                                                       group.title))
        for action in p._actions:
            if isinstance(action.help, str) and action.help != argparse.SUPPRESS:
                action.help = _help(action.help)
            if isinstance(action.metavar, str):
                action.metavar = METAVARS_FA.get(action.metavar, action.metavar)
            elif action.metavar is None and action.nargs != 0 and not action.choices:
                # argparse would show the dest (``--limit LIMIT``, ``restore file``)
                shown = action.dest.upper() if action.option_strings else action.dest
                action.metavar = METAVARS_FA.get(shown)
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    if isinstance(choice.help, str):
                        choice.help = _help(choice.help)
                for sub in action.choices.values():
                    walk(sub)

    walk(parser)


def _help(text: str) -> str:
    if text in HELP_FA:
        return HELP_FA[text]
    if text.startswith("one of: "):  # a list of names to type
        return "یکی از: " + text[len("one of: "):]
    return text


# argparse joins lists of names with a Latin ", " after translating the sentence around
# them: in these Persian sentences (ARGPARSE_FA) the list between the two marks is
# joined again with the Persian comma.
_PERSIAN_LISTS = (("این ورودی‌ها لازم‌اند: ", ""), ("می‌تواند هر یک از ", " باشد"),
                  ("(یکی از ", ")"))


def persian_commas(message: str) -> str:
    """argparse's lists of option names and choices in a Persian message joined with «،»
    («لازم‌اند: نگه‌داشتنی، دیگری»; was «نگه‌داشتنی, دیگری»)."""
    for start, end in _PERSIAN_LISTS:
        first = message.find(start)
        if first < 0:
            continue
        begin = first + len(start)
        stop = message.rfind(end) if end else len(message)
        if stop >= begin:
            message = message[:begin] + message[begin:stop].replace(", ", "، ") + message[stop:]
    return message


@contextlib.contextmanager
def argparse_language(lang: str) -> Iterator[None]:
    """argparse's own words (``usage:``, its errors) in ``lang`` while parsing."""
    if lang != "fa":
        yield
        return
    previous = argparse._  # type: ignore[attr-defined]  # gettext alias, not in typeshed

    def gettext(message: str) -> str:
        return ARGPARSE_FA.get(message, message)

    argparse._ = gettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = previous  # type: ignore[attr-defined]

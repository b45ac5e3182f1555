"""Every English word the ``shopcrm`` command can print has its Persian.

The sources are read from the code itself: the first argument of ``ctx.t(...)``,
``t(lang, ...)`` and ``CommandError(...)``, and the headers given to ``ctx.table``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from shopcrm.cli.words import t
from shopcrm.cli.words_fa import WORDS_FA

CLI = Path(__file__).resolve().parents[2] / "shopcrm" / "cli"
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _strings(node: ast.AST, names: dict[str, ast.AST] | None = None) -> list[str]:
    """The string constants an argument can evaluate to (literals, ``a if c else b``,
    ``"..." + "..."``, lists of them, a module-level name bound to one of those)."""
    names = names or {}
    if isinstance(node, ast.Name) and node.id in names:
        return _strings(names[node.id])
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _strings(node.body) + _strings(node.orelse)
    if isinstance(node, ast.List | ast.Tuple):
        return [s for e in node.elts for s in _strings(e)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _strings(node.left), _strings(node.right)
        return [a + b for a in left for b in right]
    if isinstance(node, ast.Dict):
        return [s for v in node.values if v is not None for s in _strings(v)]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr == "get":  # {...}.get(key, "default")
        return _strings(node.func.value) + [s for a in node.args[1:] for s in _strings(a)]
    return []


def sources() -> dict[str, str]:
    """English source -> where it is used."""
    found: dict[str, str] = {}
    for path in sorted(CLI.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {t.id: n.value for n in tree.body if isinstance(n, ast.Assign)
                 for t in n.targets if isinstance(t, ast.Name)}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name == "t" and isinstance(func, ast.Attribute):
                args = node.args[:1]
            elif name == "t":
                args = node.args[1:2]
            elif name == "CommandError":
                args = node.args[:1]
            elif name == "table" and isinstance(func, ast.Attribute) and len(node.args) > 1:
                args = node.args[1:2]
            else:
                continue
            for arg in args:
                for text in _strings(arg, names):
                    found.setdefault(text, f"{path.name}:{node.lineno}")
    return found


def test_sources_are_found():
    found = sources()
    assert len(found) > 150
    assert "name the customer with --phone P or --id N" in found
    assert "last visit" in found  # a table header


def test_every_source_has_persian():
    missing = {s: where for s, where in sources().items()
               if _LATIN_WORD.search(re.sub(r"\{[^}]*\}", "", s)) and s not in WORDS_FA}
    assert not missing, "\n".join(f"{w}: {s!r}" for s, w in sorted(missing.items(),
                                                                    key=lambda i: i[1]))


@pytest.mark.parametrize("source", sorted(WORDS_FA))
def test_persian_keeps_the_fields(source):
    fields = set(re.findall(r"\{(\w*)", source))
    assert set(re.findall(r"\{(\w*)", WORDS_FA[source])) == fields


def test_numbers_and_dates_in_persian():
    from datetime import date

    assert t("fa", "visits: {total:,} (in the book {book:,}, before it {prior:,}); spent "
             "{spent}", total=1234, book=4, prior=1230, spent="x") == (
        "مراجعه‌ها: ۱٬۲۳۴ (در دفتر ۴، پیش از آن ۱٬۲۳۰)؛ خرج‌شده: x")
    assert t("fa", "last visit: {day}", day=date(2026, 1, 1)) == "آخرین مراجعه: ۱۴۰۴/۱۰/۱۱"
    assert t("en", "last visit: {day}", day=date(2026, 1, 1)) == "last visit: 1404/10/11"


def test_month_names():
    from shopcrm import i18n

    assert i18n.month(1404, 10, "fa") == "دی ۱۴۰۴"
    assert i18n.month(1404, 10, "en") == "1404/10 Dey"


def test_words_chosen_at_run_time_have_persian():
    """Texts the command passes to ``t`` from a table the source reader cannot see: the
    SHOPCRM_* variables of ``settings list --env``, the daily steps' codes."""
    from shopcrm.env import VARIABLES

    missing = [what for what in VARIABLES.values() if what not in WORDS_FA]
    assert not missing, missing


def test_the_days_work_and_the_sending_sentences_in_both_languages():
    from datetime import date
    from types import SimpleNamespace

    from shopcrm.cli import sending_words as sw
    from shopcrm.cli.daily import step_line

    step = SimpleNamespace(name="birthdays", status="skipped", reason="greeted_already",
                           detail={})
    assert step_line(step, "fa") == "- تبریک تولدهای امروز: رد شد، همه پیش‌تر تبریک گرفته‌اند"
    assert step_line(step, "en") == ("- today's birthday greetings: skipped, everyone was "
                                     "greeted already")
    done = SimpleNamespace(name="surveys", status="done", reason=None, detail={"sent": 1200})
    assert step_line(done, "fa") == "- نظرسنجی پس از مراجعه: انجام شد، ۱٬۲۰۰ پیامک فرستاده شد"
    plan = SimpleNamespace(audience_total=None, excluded={"already_sent": 30},
                           repeat_last=date(2026, 1, 1), repeat_days=30, repeats=0)
    assert sw.exclusion_lines(plan, "fa") == [
        "  کنار گذاشته، همین پیام را گرفته: ۳۰ (آخرین بار ۱۴۰۴/۱۰/۱۱، در ۳۰ روز گذشته)"]
    assert sw.exclusion_lines(plan, "en") == [
        "  excluded, already got this message: 30 (last on 1404/10/11, within 30 days)"]
    assert sw.finished_words("incomplete", 2, "fa") == "پایان با ۲ ناموفق"


def test_each_persian_word_is_defined_in_one_part_of_the_catalogue() -> None:
    """words_fa.py, words_fa_sending.py and words_fa_care.py are one table: a key is
    defined once (read from the sources, so a repeat inside one part counts too)."""
    import ast
    from pathlib import Path

    cli = Path(__file__).resolve().parents[2] / "shopcrm" / "cli"
    seen: dict[str, str] = {}
    for name in ("words_fa.py", "words_fa_sending.py", "words_fa_care.py"):
        tree = ast.parse((cli / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.AnnAssign) and isinstance(node.value, ast.Dict)
                    and getattr(node.target, "id", "") in ("WORDS", "WORDS_FA")):
                for key in node.value.keys:
                    assert isinstance(key, ast.Constant), name
                    where = seen.get(key.value)
                    assert where is None, f"{key.value!r} in {where} and {name}"
                    seen[key.value] = name
    assert set(seen) == set(WORDS_FA) and len(seen) > 400

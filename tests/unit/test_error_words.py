"""The error words, one module per area (shopcrm/error_words/): every code is worded once,
in both languages, and ``MESSAGES`` is exactly the areas joined."""

from __future__ import annotations

import ast
import pkgutil
from importlib import import_module
from pathlib import Path

import shopcrm.error_words as areas
from shopcrm.error_text import MESSAGES


def _area_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(areas.__path__))


def test_every_code_is_worded_in_one_area_only() -> None:
    seen: dict[str, str] = {}
    for name in _area_modules():
        source = Path(areas.__path__[0], f"{name}.py").read_text(encoding="utf-8")
        table = next(node.value for node in ast.walk(ast.parse(source))
                     if isinstance(node, ast.AnnAssign) and isinstance(node.value, ast.Dict))
        for key in table.keys:  # read from the source: a repeated key inside one dict counts
            assert isinstance(key, ast.Constant), name
            assert key.value not in seen, f"{key.value} worded in {seen.get(key.value)} and {name}"
            seen[key.value] = name
    assert set(seen) == set(MESSAGES)


def test_the_joined_table_is_the_areas_words() -> None:
    joined: dict[str, tuple[str, str]] = {}
    for name in _area_modules():
        joined.update(import_module(f"shopcrm.error_words.{name}").WORDS)
    assert joined == MESSAGES and len(_area_modules()) >= 7


def test_each_code_has_a_persian_and_an_english_sentence() -> None:
    for code, (fa, en) in MESSAGES.items():
        assert fa.strip() and en.strip(), code
        if fa.replace("{field}", "").replace("{detail}", "").strip(": "):  # not a bare frame
            assert any("\u0600" <= ch <= "\u06ff" for ch in fa), f"{code}: no Persian: {fa!r}"

"""One Persian word for one thing, everywhere the owner reads Persian.

The window (resources/translations/shopcrm_fa.ts), the command line (cli/words_fa.py,
cli/help_fa.py), the error words (shopcrm/error_words/) and every other Persian text in shopcrm/
use the same word for the same thing:

- campaign: «کمپین» (what salon owners say), never «کارزار»;
- file: «فایل», never «پرونده» — «پرونده» is kept for the customer's card only
  (the window's "Customer card", "Open card");
- overdue: «دیرکرده», never «عقب‌افتاده» (which also reads as an insult about a person);
- the ezafe after a silent h: «فاصله‌ی», never «فاصلهٔ» (the codebase's spelling).
"""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "shopcrm_fa.ts"

REJECTED = {
    "کارزار": "کمپین",
    "پرونده": "فایل",
    "عقب‌افتاده": "دیرکرده",
    "عقب افتاده": "دیرکرده",
    "\u0647\u0654": "ه\u200cی",  # heh + hamza above (فاصلهٔ) -> heh, ZWNJ, yeh (فاصله‌ی)
}
CARD = re.compile(r"\bcard\b", re.IGNORECASE)


def _window_words() -> list[tuple[str, str]]:
    """(where, Persian text) of every translation in the window's catalogue."""
    found = []
    for message in ET.parse(TS).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        texts = [translation.text or ""] if translation is not None else []
        if translation is not None:
            texts += [n.text or "" for n in translation.iter("numerusform")]
        found += [(f"shopcrm_fa.ts «{source}»", t) for t in texts if t]
    return found


def _python_words(path: Path) -> list[tuple[str, str]]:
    """(where, text) of every string constant in a module (its Persian side included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(f"{path.relative_to(ROOT)}:{node.lineno}", node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)]


def _rejected_in(words: list[tuple[str, str]], card_ok: bool = False) -> list[str]:
    bad = []
    for where, text in words:
        for wrong, right in REJECTED.items():
            if wrong not in text:
                continue
            if wrong == "پرونده" and card_ok and CARD.search(where):
                continue  # the customer's card, not a file
            bad.append(f"{where}: «{wrong}» (use «{right}») in {text!r}")
    return bad


def test_the_window_catalogue_uses_the_chosen_words() -> None:
    words = _window_words()
    assert len(words) > 500  # the catalogue was read, not an empty file
    assert _rejected_in(words, card_ok=True) == []


def test_the_command_line_and_error_words_use_the_chosen_words() -> None:
    catalogues = [ROOT / "shopcrm" / "cli" / "words_fa.py", ROOT / "shopcrm" / "cli" / "help_fa.py",
                  *sorted((ROOT / "shopcrm" / "error_words").glob("*.py"))]
    words = [w for path in catalogues for w in _python_words(path)]
    assert any("کمپین" in text for _, text in words)  # Persian strings were found
    assert _rejected_in(words) == []


def test_no_persian_text_in_the_core_uses_a_rejected_word() -> None:
    modules = sorted((ROOT / "shopcrm").rglob("*.py"))
    words = [w for path in modules for w in _python_words(path)]
    assert _rejected_in(words) == []


def test_the_scan_finds_a_rejected_word() -> None:
    """The checks above can fail: each rejected spelling is caught where it is planted."""
    for wrong in REJECTED:
        assert _rejected_in([("words_fa.py:1", f"متن {wrong} نمونه")]) != []
    assert _rejected_in([("shopcrm_fa.ts «Open card»", "باز کردن پرونده")], card_ok=True) == []
    assert _rejected_in([("shopcrm_fa.ts «Open file»", "باز کردن پرونده")], card_ok=True) != []

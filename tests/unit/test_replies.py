"""What a customer's SMS reply means (no database)."""

from __future__ import annotations

import pytest

from shopcrm.services.retention.replies import read_reply


@pytest.mark.parametrize("text", [
    "11", "۱۱", "١١", " 11 ", "1 1", "لغو", "لغو ۱۱", "لغو۱۱", "لغو\u200c۱۱", "۱۱ لغو", "لغو 11",
    "لغو.", "STOP", "stop", "Stop!", "\u200f۱۱\u200f", "لغو۱۱\n",
])
def test_opt_out_words(text):
    assert read_reply(text).kind == "optout"


@pytest.mark.parametrize("text", ["12", "۱۲", " ١٢ ", "start"])
def test_opt_in_words(text):
    assert read_reply(text).kind == "optin"


@pytest.mark.parametrize("text, score", [("1", 1), ("۲", 2), ("٣", 3), (" ۴ ", 4), ("5.", 5)])
def test_scores(text, score):
    assert (read_reply(text).kind, read_reply(text).score) == ("score", score)


@pytest.mark.parametrize("text", [
    "0", "6", "10", "111", "۵۵", "نوبت فردا لغو شد؟", "لغو نوبت", "سلام", "", "stopping by",
    "ممنون ۵ ستاره",
])
def test_anything_else_is_for_the_owner(text):
    assert read_reply(text).kind == "other"

"""What a customer's SMS reply means: opt out, opt back in, a survey score, or words.

Replies are short and typed every which way on a phone: ``11``, ``۱۱``, ``١١``, `` 11 ``,
``لغو``, ``لغو ۱۱``, ``لغو۱۱``, ``۱۱ لغو``, ``STOP``, ``stop.``. The text is folded first
(Persian and Arabic-Indic digits to ASCII, Arabic ي/ك to Persian, invisible marks, spaces
and trailing punctuation dropped, lower case), then compared with whole words: a reply
that merely *contains* «لغو» (“the appointment was cancelled”) is not an opt-out.

- ``optout``: 11, لغو, لغو11, 11لغو, stop (the law's opt-out reply to a service line);
- ``optin``: 12 (Kavenegar's re-subscribe counterpart of 11), start;
- ``score``: one digit 1 to 5 (what a survey asks for; the inbox decides whether a
  survey is waiting for it, else it is listed as ``other``);
- ``other``: anything else, for the owner to read and answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shopcrm.domain.text import fold_digits, strip_invisible

OPTOUT = "optout"
OPTIN = "optin"
SCORE = "score"
OTHER = "other"
KINDS = (OPTOUT, OPTIN, SCORE, OTHER)

_OPTOUT_WORDS = frozenset({"11", "لغو", "لغو11", "11لغو", "stop", "stopall", "unsubscribe",
                           "cancel"})
_OPTIN_WORDS = frozenset({"12", "start", "عضویت"})
_ARABIC = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})
_DROP = re.compile(r"[\s\u200c\u200d.,،؛;:!?؟'\"()\[\]«»\-_/]+")


@dataclass(frozen=True)
class Reading:
    kind: str  # optout|optin|score|other
    score: int | None = None


def fold_reply(text: str) -> str:
    """The reply as compared: digits ASCII, Persian letters, no spaces or punctuation."""
    folded = fold_digits(strip_invisible(text or "")).translate(_ARABIC).lower()
    return _DROP.sub("", folded)


def read_reply(text: str) -> Reading:
    key = fold_reply(text)
    if key in _OPTOUT_WORDS:
        return Reading(OPTOUT)
    if key in _OPTIN_WORDS:
        return Reading(OPTIN)
    if len(key) == 1 and key in "12345":
        return Reading(SCORE, int(key))
    return Reading(OTHER)

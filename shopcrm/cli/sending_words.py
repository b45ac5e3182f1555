"""The sentences ``send``, ``resume``, ``campaigns`` and ``credit`` print about what
happened: exclusions with their dates, repeats, the cost in money, test mode, a campaign
finished with failures, emails whose fate is unknown.

The words go through :func:`shopcrm.cli.words.t` like every other line of the command:
English sources here, their Persian in :mod:`shopcrm.cli.words_fa`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shopcrm.cli.words import t
from shopcrm.domain.text import fold_digits
from shopcrm.services.messaging.cost import money_text

if TYPE_CHECKING:
    from shopcrm.config import SettingsView

#: Exclusion reasons in words (English sources; Persian in words_fa).
REASONS: dict[str, str] = {
    "opted_out": "opted out",
    "no_mobile": "no mobile",
    "invalid_mobile": "invalid mobile",
    "no_email": "no email",
    "duplicate_mobile": "duplicate mobile",
    "duplicate_email": "duplicate email",
    "already_in_campaign": "already in this campaign",
    "not_in_book": "not in the book",
    "in_trash": "in the trash",
    "not_found": "not found",
    "snoozed": "snoozed",
    "contacted": "contacted recently",
    "open_complaint": "has an open complaint",
    "already_sent": "already got this message",
    "waiting_in_campaign": "waiting in an unfinished campaign",
}

#: A campaign's status in words.
STATUSES: dict[str, str] = {"done": "done", "sending": "sending", "paused": "paused",
                            "cancelled": "cancelled", "draft": "draft"}


def reason(lang: str, key: str) -> str:
    return t(lang, REASONS.get(key, key.replace("_", " ")))


def exclusion_lines(plan: Any, lang: str) -> list[str]:
    lines = []
    if plan.audience_total is not None and (plan.excluded.get("snoozed") or
                                            plan.excluded.get("contacted")):
        lines.append(t(lang, "audience: {n:,} customers (as in Reports); the snoozed and the "
                             "recently contacted are left out, as on the Win-back list",
                       n=plan.audience_total))
    for key, n in sorted(plan.excluded.items()):
        line = "  " + t(lang, "excluded, {reason}: {n:,}", reason=reason(lang, key), n=n)
        if key == "already_sent" and plan.repeat_last is not None:
            line += t(lang, " (last on {day}, within {days:,} days)", day=plan.repeat_last,
                      days=plan.repeat_days)
        lines.append(line)
    if plan.repeats:
        lines.append(t(lang, "with --again: {n:,} will get this message a second time",
                       n=plan.repeats))
    return lines


def cost_line(plan: Any, settings: SettingsView, lang: str) -> str | None:
    if not plan.by_channel.get("sms"):
        return None
    if plan.test_file:
        return t(lang, "cost: nothing (test mode)")
    source = (t(lang, "learned from earlier sends") if plan.price_source == "gateway"
              else t(lang, "from the settings"))
    return t(lang, "estimated cost: {money} ({parts:,} parts x {price} a part, {src})",
             money=money_text(plan.cost_estimate, settings, lang), parts=plan.parts,
             price=money_text(plan.price_per_part, settings, lang), src=source)


def test_mode_line(path: str | None, lang: str) -> str | None:
    if not path:
        return None
    return t(lang, "test mode: nothing left this machine; the messages were written to "
                   "{path}", path=path)


def finished_words(status: str, failed: int, lang: str) -> str:
    """A campaign's status in words: "finished with N failed" for ``incomplete``."""
    if status == "incomplete":
        return t(lang, "finished with {n:,} failed", n=failed)
    return t(lang, STATUSES.get(status, status))


def unknown_risk(n: int, lang: str) -> str:
    return t(lang, "{n:,} emails have an unknown outcome: the connection to the mail server "
                   "was cut while they were handed over. Resending may give some of them the "
                   "email twice; dropping may leave some without it.", n=n)


# -- shared by the sending commands (messaging.py, campaigns.py) -----------------------------
_SPLIT = str.maketrans({"،": ",", ";": ",", "\n": ","})


def items(text: str) -> list[str]:
    """A list typed on the command line (mobiles, ids): commas, Persian commas, semicolons
    or new lines between the items; Persian digits read as digits."""
    return [p.strip() for p in fold_digits(text).translate(_SPLIT).split(",") if p.strip()]


class ProblemCode:
    """An error code as a plan or an outbox row carries it, for ``describe``."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.data: dict[str, Any] = {}

"""RFM: recency, frequency and monetary scores 1-5 and the named segments they map to.

Over a window of ``absence.rfm_window_months`` Jalali months ending on the reference date
(12 by default), for every customer not in the trash with at least one visit in it:

- **R**ecency: the local day of the last visit in the window (later is better);
- **F**requency: the number of visits in the window;
- **M**onetary: the Rials spent in the window (visits without an amount count 0).

Each is scored by quintile among the scored customers: ``1 + 5 x (customers with a
strictly smaller value) // customers`` -- SQL's ``rank()``. Ties share the score of the
tie's lowest position, so equal values never land in different quintiles (and when a third
of the customers came once, they all get F = 1).

Customers with dated visits before the window but none in it are not scored: they are
counted as ``lost`` (further gone than anyone scored). Customers without any dated visit
(new cards, imported prior visits only) have no RFM segment.

The segments are the first rule that matches, in the order of ``RULES`` (every (R, F, M)
matches exactly one): champions (R>=4, F>=4, M>=4), cannot_lose (R<=2, F>=4, M>=4),
at_risk (R<=2, F>=3), loyal (R>=3, F>=3), new (R>=4, F=1), potential (R>=3, F<=2),
hibernating (R=2, F<=2), lost (R=1, F<=2).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from shopcrm.domain.dates import add_jalali_months, from_jalali, jalali_month_length, to_jalali
from shopcrm.errors import InvalidInput


@dataclass(frozen=True)
class Rule:
    """A segment: R, F within ranges and M at least ``m_min``."""

    name: str
    r: tuple[int, int]
    f: tuple[int, int]
    m_min: int = 1

    def matches(self, r: int, f: int, m: int) -> bool:
        return self.r[0] <= r <= self.r[1] and self.f[0] <= f <= self.f[1] and m >= self.m_min


RULES: tuple[Rule, ...] = (
    Rule("champions", (4, 5), (4, 5), 4),
    Rule("cannot_lose", (1, 2), (4, 5), 4),
    Rule("at_risk", (1, 2), (3, 5)),
    Rule("loyal", (3, 5), (3, 5)),
    Rule("new", (4, 5), (1, 1)),
    Rule("potential", (3, 5), (1, 2)),
    Rule("hibernating", (2, 2), (1, 2)),
    Rule("lost", (1, 1), (1, 2)),
)

SEGMENTS: tuple[str, ...] = ("champions", "loyal", "potential", "new", "at_risk",
                             "cannot_lose", "hibernating", "lost")

LABELS: dict[str, tuple[str, str]] = {
    "champions": ("قهرمانان", "Champions"),
    "loyal": ("وفادار", "Loyal"),
    "potential": ("وفادار آینده", "Potential loyalists"),
    "new": ("تازه‌وارد", "New"),
    "at_risk": ("در خطر ریزش", "At risk"),
    "cannot_lose": ("نباید از دست برود", "Cannot lose them"),
    "hibernating": ("در خواب", "Hibernating"),
    "lost": ("از دست رفته", "Lost"),
}


def window_start(as_of: date, months: int) -> date:
    """The first day of the window of ``months`` Jalali months ending on ``as_of``
    (inclusive): the day after the same Jalali day ``months`` months earlier (clamped to
    the month's length), e.g. 1403/09/01 and 12 months -> 1402/09/02."""
    if months < 1:
        raise InvalidInput("bad_rule", name="rfm_window_months", value=months, rule=">= 1")
    y, m, d = to_jalali(as_of)
    py, pm = add_jalali_months(y, m, -months)
    return from_jalali(py, pm, min(d, jalali_month_length(py, pm))) + timedelta(days=1)


def label(segment: str, lang: str = "fa") -> str:
    fa, en = LABELS[segment]
    return fa if lang == "fa" else en


def segment_of(r: int, f: int, m: int) -> str:
    """The named segment of scores (R, F, M), each 1-5."""
    for rule in RULES:
        if rule.matches(r, f, m):
            return rule.name
    raise ValueError(f"scores out of range: {(r, f, m)}")


def quintile_scores(values: list[int] | list[float]) -> list[int]:
    """Scores 1-5 by quintile, ties sharing the lowest (see the module docstring)."""
    n = len(values)
    below: dict[float, int] = {}  # value -> how many values are strictly smaller
    for i, v in enumerate(sorted(values)):
        if v not in below:
            below[v] = i
    return [1 + 5 * below[v] // n for v in values]


class RfmScore(NamedTuple):
    """One scored customer (plain data)."""

    customer_id: int
    last_day: int  # local day number (days since 1970-01-01) of the last visit in the window
    frequency: int
    monetary: int
    r: int
    f: int
    m: int
    segment: str


_SEGMENT_OF = {(r, f, m): segment_of(r, f, m)
               for r in range(1, 6) for f in range(1, 6) for m in range(1, 6)}


def score_all(rows: list[tuple[int, int, int, int]]) -> list[RfmScore]:
    """Score ``(customer_id, last_day, frequency, monetary)`` rows (the SQL scoring in
    ``services.segments.rfm_scored`` does the same; tests hold them together)."""
    if not rows:
        return []
    rs = quintile_scores([r[1] for r in rows])
    fs = quintile_scores([r[2] for r in rows])
    ms = quintile_scores([r[3] for r in rows])
    return [RfmScore(cid, last, freq, money, r, f, m, _SEGMENT_OF[r, f, m])
            for (cid, last, freq, money), r, f, m in zip(rows, rs, fs, ms, strict=True)]

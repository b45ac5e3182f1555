"""Segments: one name -> one WHERE clause over ``Customer``, and RFM for the whole book.

``segment_filter`` is the single place that turns a segment name into a query, so the
window, the command line, exports and campaigns all use the same definitions:

=================  ====================================================================
``all``            every customer
``regular``        at least ``absence.min_visits`` visits (prior visits included)
``absent``         absent regulars (see ``shopcrm.domain.absence``)
``overdue``        overdue by their own rhythm
``vip``            the VIP flag, or the top ``absence.vip_top_percent``% by 12-month spend
``new``            first visit in the last 30 days (``new:<days>``), no prior visits
``opted-out``      opted out of SMS or email (``opted-out:sms``, ``opted-out:email``)
``rfm:<name>``     an RFM segment (champions, loyal, potential, new, at_risk,
                   cannot_lose, hibernating, lost)
``birthday:<N>``   Jalali birthday within N days (0 = today)
``tag:<name>``     carries the tag
=================  ====================================================================

The clause never filters the trash (the list functions do). The reference date
``as_of`` defaults to today. ``regular``, ``absent`` and ``overdue`` read the summary
columns unless visits exist after ``as_of`` (asked through ``session`` when given; without
one, any past date is treated so); then they are computed from the visits up to it, and
``overdue`` (median gaps) then needs ``session``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    exists,
    func,
    not_,
    or_,
    select,
    true,
)
from sqlalchemy.orm import Session

from shopcrm.domain import rfm
from shopcrm.domain.absence import AbsenceRules, day_end_utc, day_start_utc
from shopcrm.domain.dates import local_today
from shopcrm.domain.text import clean_text, fold_digits
from shopcrm.errors import InvalidInput
from shopcrm.services.absence.birthdays import birthday_clause
from shopcrm.services.absence.lists import (
    absent_clause,
    local_day_number,
    overdue_clause,
    regular_clause,
    summary_is_current,
)
from shopcrm.services.absence.vip import vip_clause
from shopcrm.storage.customer_list import count_customers
from shopcrm.storage.db import Database
from shopcrm.storage.models import Customer, Tag, Visit, customer_tag

if TYPE_CHECKING:
    from shopcrm.config import SettingsView

NEW_DAYS = 30
SIMPLE = ("all", "regular", "absent", "overdue", "vip", "new", "opted-out")
PARAMETRIC = ("rfm:<name>", "birthday:<days>", "tag:<name>", "new:<days>",
              "opted-out:sms", "opted-out:email")
SEGMENT_NAMES = SIMPLE + PARAMETRIC


def _unknown(name: str) -> InvalidInput:
    return InvalidInput("unknown_segment", name=name, valid=", ".join(SEGMENT_NAMES))


def _whole(name: str, text: str, lowest: int = 0) -> int:
    value = fold_digits(text).strip()
    if not value.isdigit() or int(value) < lowest:
        raise InvalidInput("bad_segment_value", name=name, detail="a whole number of days")
    return int(value)


# -- RFM in SQL ----------------------------------------------------------------------------


def rfm_window(as_of: date, months: int) -> tuple[Any, Any]:
    """The window's UTC bounds ``[lo, hi)`` for ``months`` Jalali months up to ``as_of``."""
    return day_start_utc(rfm.window_start(as_of, months)), day_end_utc(as_of)


def rfm_aggregates(as_of: date, months: int) -> Select[int, int, int, int]:
    """``customer_id, last_day, frequency, monetary`` of every customer (not in the
    trash) with a visit in the window."""
    lo, hi = rfm_window(as_of, months)
    # Grouped by the customer's id: SQLite then walks the customers in id order and their
    # visits through (customer_id, at), with no sort for the GROUP BY.
    return (select(Customer.id.label("customer_id"),
                   local_day_number(func.max(Visit.at)).label("last_day"),
                   func.count(Visit.id).label("frequency"),
                   func.sum(func.coalesce(Visit.amount, 0)).label("monetary"))
            .select_from(Customer).join(Visit, Visit.customer_id == Customer.id)
            .where(Customer.deleted_at.is_(None), Visit.at >= lo, Visit.at < hi)
            .group_by(Customer.id))


def rfm_scored(as_of: date, months: int) -> Select[Any]:
    """``customer_id, last_day, frequency, monetary, r, f, m, segment`` for every customer
    (not in the trash) with a visit in the window, scored in SQL with ``rank()`` exactly
    as ``domain.rfm`` does (the segment filters use it)."""
    agg = rfm_aggregates(as_of, months).subquery()
    n = func.count().over()

    def score(column: Any) -> Any:
        return (5 * (func.rank().over(order_by=column) - 1)) // n + 1

    scored = select(agg, score(agg.c.last_day).label("r"), score(agg.c.frequency).label("f"),
                    score(agg.c.monetary).label("m")).subquery()
    segment = case(*[(and_(scored.c.r.between(*rule.r), scored.c.f.between(*rule.f),
                           scored.c.m >= rule.m_min), rule.name) for rule in rfm.RULES])
    return select(scored, segment.label("segment"))


def _lost_before_window(as_of: date, months: int) -> ColumnElement[bool]:
    """Dated visits before the window, none in it (counted as ``lost``, not scored)."""
    lo, hi = rfm_window(as_of, months)
    return and_(Customer.first_visit_at < lo,
                not_(exists().where(Visit.customer_id == Customer.id, Visit.at >= lo,
                                    Visit.at < hi)))


def rfm_clause(segment: str, as_of: date, months: int) -> ColumnElement[bool]:
    if segment not in rfm.SEGMENTS:
        raise _unknown(f"rfm:{segment}")
    scored = rfm_scored(as_of, months).subquery()
    members = Customer.id.in_(select(scored.c.customer_id)
                              .where(scored.c.segment == segment))
    if segment == "lost":
        return or_(members, _lost_before_window(as_of, months))
    return members


# -- the one function ----------------------------------------------------------------------


def segment_filter(name: str, *, settings: SettingsView, session: Session | None = None,
                   as_of: date | None = None) -> ColumnElement[bool]:
    """The WHERE clause of segment ``name`` (see the module docstring for the names)."""
    text = (name or "").strip()
    kind, _, arg = text.partition(":")
    kind = kind.strip().lower()
    arg = arg.strip()
    day = as_of or local_today()
    if kind in ("regular", "absent", "overdue") and not arg:
        rules = AbsenceRules.from_settings(settings)
        if session is not None:
            exact = not summary_is_current(session, day)
        else:
            exact = as_of is not None and as_of < local_today()
        if kind == "regular":
            return regular_clause(rules, day, exact=exact)
        if kind == "absent":
            return absent_clause(rules, day, exact=exact)
        return overdue_clause(rules, day, session, exact=exact)
    if kind == "all" and not arg:
        return true()
    if kind == "vip" and not arg:
        return vip_clause(settings, day)
    if kind == "new":
        days = _whole(text, arg, 1) if arg else NEW_DAYS
        return and_(Customer.prior_visits == 0,
                    Customer.first_visit_at >= day_start_utc(day - timedelta(days=days - 1)),
                    Customer.first_visit_at < day_end_utc(day))
    if kind == "opted-out":
        channels = {"": or_(Customer.sms_opt_out.is_(True), Customer.email_opt_out.is_(True)),
                    "sms": Customer.sms_opt_out.is_(True),
                    "email": Customer.email_opt_out.is_(True)}
        if arg.lower() not in channels:
            raise _unknown(text)
        return channels[arg.lower()]
    if kind == "rfm" and arg:
        return rfm_clause(arg.lower(), day, int(settings.get("absence.rfm_window_months")))
    if kind == "birthday" and arg:
        return birthday_clause(_whole(text, arg), day)
    if kind == "tag" and arg:
        tagged = (select(customer_tag.c.customer_id)
                  .join(Tag, Tag.id == customer_tag.c.tag_id)
                  .where(Tag.name == clean_text(arg)))
        return Customer.id.in_(tagged)
    raise _unknown(text)


# -- RFM and segment counts ----------------------------------------------------------------


@dataclass(frozen=True)
class RfmSummary:
    as_of: date
    window_months: int
    window_start: date
    scored: int  # customers with a visit in the window
    counts: dict[str, int]  # per segment; ``lost`` includes those gone before the window
    lost_before_window: int
    no_visits: int  # customers without a dated visit up to the reference date

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["segments"] = [{"name": name, "label_fa": rfm.label(name, "fa"),
                             "label_en": rfm.label(name, "en"), "count": self.counts[name]}
                            for name in rfm.SEGMENTS]
        del data["counts"]
        return data


class RfmService:
    def __init__(self, db: Database, settings: SettingsView | None = None) -> None:
        self.db = db
        self.settings = settings

    def months(self) -> int:
        return int(self.settings.get("absence.rfm_window_months")) if self.settings else 12

    def scores(self, as_of: date | None = None) -> list[rfm.RfmScore]:
        """Every scored customer's R, F, M and segment, by id. The aggregates come from
        SQL; the quintiles are computed here (faster than three window sorts in SQLite,
        and the same answer as ``rfm_scored``)."""
        day = as_of or local_today()
        with self.db.reading() as s:
            rows = s.execute(rfm_aggregates(day, self.months()).order_by(Customer.id)).all()
        # PostgreSQL sums to a Decimal: the money becomes an int here
        return rfm.score_all([(c, d, f, int(m)) for c, d, f, m in rows])

    def summary(self, as_of: date | None = None) -> RfmSummary:
        """Customers per segment (``lost`` including those gone before the window)."""
        day = as_of or local_today()
        months = self.months()
        counts = dict.fromkeys(rfm.SEGMENTS, 0)
        for score in self.scores(day):
            counts[score.segment] += 1
        with self.db.reading() as s:
            before = count_customers(s, where=[_lost_before_window(day, months)])
            none = count_customers(s, where=[or_(Customer.first_visit_at.is_(None),
                                                 Customer.first_visit_at >= day_end_utc(day))])
        scored = sum(counts.values())
        counts["lost"] += before
        return RfmSummary(day, months, rfm.window_start(day, months), scored, counts, before,
                          none)


@dataclass(frozen=True)
class SegmentCount:
    name: str
    label_fa: str
    label_en: str
    count: int


LABELS: dict[str, tuple[str, str]] = {
    "all": ("همه", "All customers"),
    "regular": ("مشتریان ثابت", "Regulars"),
    "absent": ("ثابت‌های غایب", "Absent regulars"),
    "overdue": ("دیرکرده نسبت به روال خود", "Overdue by their own rhythm"),
    "vip": ("ویژه", "VIP"),
    "new": ("تازه (۳۰ روز)", "New (30 days)"),
    "opted-out": ("انصراف از پیام", "Opted out of messages"),
    "birthday:7": ("تولد در ۷ روز آینده", "Birthday within 7 days"),
}


def segment_counts(session: Session, settings: SettingsView, as_of: date | None = None
                   ) -> list[SegmentCount]:
    """How many customers (not in the trash) each simple segment holds."""
    out = []
    for name, (fa, en) in LABELS.items():
        where = [segment_filter(name, settings=settings, session=session, as_of=as_of)]
        out.append(SegmentCount(name, fa, en, count_customers(session, where=where)))
    return out

"""The absent and overdue follow-up lists, exactly and fast.

Definitions are in ``shopcrm.domain.absence``. Two ways to the same answer:

- **Summary path** (the usual case): when no visit in the book is after the reference
  date -- one indexed ``MAX(visit.at)`` decides -- the customer's summary columns *are*
  the as-of figures, so the list is one query over the customer table (served by the
  covering index ``ix_customer_followup``, migration 0003), ordered by the priority
  computed in SQL, one page at a time.
- **History path** (a reference date in the past): per-customer aggregates are
  recomputed from the visits up to that date (``GROUP BY``), distinct local visit days
  of the candidates are read (local dates computed in SQL), and the usual gaps, the rules
  and the order are applied in Python.

Both give identical rows; ``path=`` forces one (tests hold them together). Local dates in
SQL come from ``local_day_number``: the Tehran date of a UTC timestamp, exact across the
historical daylight-saving periods, the same on SQLite and PostgreSQL.

The follow-up lists (not the segments) also hide customers snoozed past the reference
date (``snoozed_until > as_of``), and, unless ``include_contacted``, those contacted
(``last_contact_at``) in the ``contacted_days`` local days up to and including it. That
follow-up state is read as it is now, even for a past reference date.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    Float,
    Integer,
    and_,
    bindparam,
    cast,
    false,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from shopcrm.domain.absence import (
    LATENESS_CAP,
    MILLION,
    AbsenceRules,
    day_end_utc,
    day_number,
    day_start_utc,
    from_day_number,
    is_absent,
    is_overdue,
    priority,
    reason,
    utc_offset_ranges,
)
from shopcrm.domain.dates import local_date_of, local_today
from shopcrm.domain.priority_words import ValueMarks
from shopcrm.domain.visit_summary import usual_gap
from shopcrm.errors import InvalidInput
from shopcrm.storage.db import Database
from shopcrm.storage.models import Customer, Visit

if TYPE_CHECKING:
    from shopcrm.config import SettingsView

KINDS = ("absent", "overdue")
_SHIFT_DAYS = 25_567  # 1900-01-01 to 1970-01-01
HISTORY_CHUNK = 5_000  # customer ids per query of the history path
PATHS = ("summary", "history")

# -- SQL: local days ---------------------------------------------------------------------


class local_day_number(FunctionElement[int]):
    """The Tehran local date of a UTC timestamp, as days since 1970-01-01 (an integer).

    Built from ``utc_offset_ranges()``: ``CASE`` picks the offset in force at the instant.
    The argument must be a column or an aggregate of columns (it is repeated in the SQL).
    """

    type = Integer()
    name = "local_day_number"
    inherit_cache = True


def _offset_cases(col: str, stamp: str, offset_sql: Callable[[int], str]) -> str:
    """``CASE`` giving ``offset_sql(minutes)`` of the offset in force at ``col``."""
    steps = utc_offset_ranges()
    base = steps[-1][1]
    whens = [f"WHEN {col} >= {stamp.format(steps[-1][0])} THEN {offset_sql(base)}"]
    for i in range(len(steps) - 2, -1, -1):
        start, offset = steps[i]
        if offset != base:
            end = steps[i + 1][0]
            whens.append(f"WHEN {col} >= {stamp.format(start)} AND {col} < "
                         f"{stamp.format(end)} THEN {offset_sql(offset)}")
    return f"CASE {' '.join(whens)} ELSE {offset_sql(base)} END"


@compiles(local_day_number, "sqlite")
def _local_day_sqlite(element: local_day_number, compiler: Any, **kw: Any) -> str:
    (arg,) = list(element.clauses)
    col = compiler.process(arg, **kw)
    stamp = "'{:%Y-%m-%d %H:%M:%S}'"
    if sqlite3.sqlite_version_info >= (3, 38, 0):
        # Whole seconds, integer arithmetic (a quarter cheaper than julianday + modifier);
        # shifted by 25567 days (1900-01-01) so that the division never meets a negative.
        seconds = _offset_cases(col, stamp, lambda minutes: str(minutes * 60))
        return (f"((unixepoch({col}) + {seconds} + {_SHIFT_DAYS * 86400}) / 86400 "
                f"- {_SHIFT_DAYS})")
    modifier = _offset_cases(col, stamp, lambda minutes: f"'+{minutes} minutes'")
    # julianday() is exact to the millisecond; + 0.5 turns the noon-based Julian day into
    # the civil day; 2440588 is the Julian day number of 1970-01-01.
    return f"(CAST(julianday({col}, {modifier}) + 0.5 AS INTEGER) - 2440588)"


@compiles(local_day_number)
def _local_day_ansi(element: local_day_number, compiler: Any, **kw: Any) -> str:
    (arg,) = list(element.clauses)
    col = compiler.process(arg, **kw)
    offset = _offset_cases(col, "TIMESTAMP '{:%Y-%m-%d %H:%M:%S}'",
                           lambda minutes: f"INTERVAL '{minutes} minutes'")
    return f"(CAST({col} + {offset} AS DATE) - DATE '1970-01-01')"


class least(FunctionElement[float]):
    """The smaller of two numbers: ``min(a, b)`` on SQLite, ``LEAST(a, b)`` elsewhere."""

    type = Float()
    name = "least"
    inherit_cache = True


@compiles(least, "sqlite")
def _least_sqlite(element: least, compiler: Any, **kw: Any) -> str:
    return f"min({compiler.process(element.clauses, **kw)})"


@compiles(least)
def _least_ansi(element: least, compiler: Any, **kw: Any) -> str:
    return f"LEAST({compiler.process(element.clauses, **kw)})"


def days_since_sql(column: Any, as_of: date) -> ColumnElement[int]:
    """``as_of`` minus the local date of ``column``, in days (SQL)."""
    return literal(day_number(as_of), Integer) - local_day_number(column)


def priority_sql(days: ColumnElement[int], gap: Any) -> ColumnElement[float]:
    """``domain.absence.priority`` in SQL, operation for operation (same IEEE result)."""
    value = literal(1.0, Float) + cast(Customer.total_spent, Float) / literal(MILLION, Float)
    lateness = cast(days, Float) / gap
    return value * least(lateness, literal(LATENESS_CAP, Float))


# -- SQL: the definitions as WHERE clauses -----------------------------------------------


def summary_is_current(session: Session, as_of: date) -> bool:
    """True when no visit is after ``as_of`` (the summary columns are then as of it)."""
    latest = session.scalar(select(func.max(Visit.at)))
    return latest is None or latest < day_end_utc(as_of)


def _total_visits() -> ColumnElement[int]:
    return Customer.visit_count + Customer.prior_visits


def regular_clause(rules: AbsenceRules, as_of: date | None = None,
                   exact: bool = False) -> ColumnElement[bool]:
    """Regulars; ``exact`` counts only the visits up to ``as_of`` (a correlated count)."""
    if not exact or as_of is None:
        return _total_visits() >= rules.min_visits
    dated = (select(func.count()).where(Visit.customer_id == Customer.id,
                                        Visit.at < day_end_utc(as_of))
             .scalar_subquery())
    return Customer.prior_visits + dated >= rules.min_visits


def absent_clause(rules: AbsenceRules, as_of: date, exact: bool = False) -> ColumnElement[bool]:
    """Absent regulars on ``as_of`` (``exact``: from the visits, for a past date)."""
    cutoff = day_end_utc(as_of - timedelta(days=rules.absent_days))
    if not exact:
        return and_(Customer.last_visit_at < cutoff, regular_clause(rules))
    last = (select(func.max(Visit.at)).where(Visit.customer_id == Customer.id,
                                             Visit.at < day_end_utc(as_of))
            .scalar_subquery())
    return and_(regular_clause(rules, as_of, exact=True), last < cutoff)


def overdue_summary_clause(rules: AbsenceRules, as_of: date) -> ColumnElement[bool]:
    """Overdue on ``as_of`` from the summary columns (valid when no visit is after it)."""
    days = days_since_sql(Customer.last_visit_at, as_of)
    floor = day_end_utc(as_of - timedelta(days=rules.overdue_days_floor()))
    return and_(Customer.visit_days >= rules.min_visit_days,
                Customer.usual_gap_days.is_not(None),
                Customer.last_visit_at < floor,
                days > literal(rules.overdue_factor, Float) * Customer.usual_gap_days)


def overdue_clause(rules: AbsenceRules, as_of: date, session: Session | None,
                   exact: bool = False) -> ColumnElement[bool]:
    """Overdue on ``as_of``; the exact form (a past date) needs ``session`` to compute the
    median gaps and becomes an id list."""
    if not exact:
        return overdue_summary_clause(rules, as_of)
    if session is None:
        raise InvalidInput("segment_needs_book", segment="overdue")
    ids = [c.customer_id for c in _history(session, "overdue", rules, as_of, [])]
    if not ids:
        return false()
    return Customer.id.in_(bindparam("overdue_ids", ids, expanding=True, literal_execute=True,
                                     unique=True))


def follow_up_hides(rules: AbsenceRules, as_of: date, *, include_contacted: bool = False,
                    include_snoozed: bool = False) -> list[ColumnElement[bool]]:
    """The follow-up list's extra conditions: not snoozed, not contacted recently."""
    hides: list[ColumnElement[bool]] = []
    if not include_snoozed:
        hides.append(or_(Customer.snoozed_until.is_(None), Customer.snoozed_until <= as_of))
    if not include_contacted and rules.contacted_days > 0:
        since = day_start_utc(as_of - timedelta(days=rules.contacted_days - 1))
        hides.append(or_(Customer.last_contact_at.is_(None),
                         Customer.last_contact_at < since,
                         Customer.last_contact_at >= day_end_utc(as_of)))
    return hides


# -- the rows ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FollowUpRow:
    """One line of the absent or overdue list (plain data, safe between threads)."""

    id: int
    name: str
    mobile: str | None
    visits: int  # dated visits up to the reference date + prior visits
    prior_visits: int
    visit_days: int
    first_visit_at: datetime | None  # UTC
    last_visit_at: datetime  # UTC
    last_visit_date: date  # Tehran local date
    days_since: int
    usual_gap_days: float | None
    total_spent: int
    last_contact_at: datetime | None
    snoozed_until: date | None
    priority: float
    reason_fa: str
    reason_en: str
    # the priority in words (``domain.priority_words``), when the list was asked ``words``
    priority_fa: str = ""
    priority_en: str = ""

    def reason(self, lang: str = "fa") -> str:
        return self.reason_fa if lang == "fa" else self.reason_en

    def priority_words(self, lang: str = "fa") -> str:
        return self.priority_fa if lang == "fa" else self.priority_en

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["priority"] = round(self.priority, 2)
        return data


@dataclass(frozen=True)
class FollowUpPage:
    kind: str  # absent | overdue
    as_of: date
    rules: AbsenceRules
    rows: list[FollowUpRow]
    total: int | None
    offset: int
    limit: int | None  # None: every row from offset on
    path: str  # summary | history

    def as_dict(self) -> dict[str, Any]:
        return {"list": self.kind, "as_of": self.as_of, "rules": asdict(self.rules),
                "total": self.total, "offset": self.offset, "limit": self.limit,
                "path": self.path, "rows": [r.as_dict() for r in self.rows]}


@dataclass(frozen=True)
class _Figures:
    """A customer's visit figures as of the reference date."""

    customer_id: int
    dated_visits: int
    prior_visits: int
    visit_days: int
    first_visit_at: datetime | None
    last_visit_at: datetime
    total_spent: int
    usual_gap_days: float | None
    days_since: int
    priority: float

    def sort_key(self) -> tuple[float, datetime, int]:
        return (-self.priority, self.last_visit_at, self.customer_id)


def _figures(rules: AbsenceRules, as_of: date, cid: int, dated: int, prior: int,
             days: int, first: datetime | None, last: datetime, spent: int,
             gap: float | None) -> _Figures:
    since = (as_of - local_date_of(last)).days
    return _Figures(cid, dated, prior, days, first, last, spent, gap, since,
                    priority(spent, since, gap, rules))


_DETAILS = (Customer.id, Customer.name, Customer.mobile, Customer.last_contact_at,
            Customer.snoozed_until)


def _rows(session: Session, figures: list[_Figures]) -> list[FollowUpRow]:
    if not figures:
        return []
    details = {r.id: r for r in session.execute(
        select(*_DETAILS).where(Customer.id.in_([f.customer_id for f in figures])))}
    rows = []
    for f in figures:
        d = details[f.customer_id]
        total = f.dated_visits + f.prior_visits
        rows.append(FollowUpRow(
            id=f.customer_id, name=d.name, mobile=d.mobile, visits=total,
            prior_visits=f.prior_visits, visit_days=f.visit_days,
            first_visit_at=f.first_visit_at, last_visit_at=f.last_visit_at,
            last_visit_date=local_date_of(f.last_visit_at), days_since=f.days_since,
            usual_gap_days=f.usual_gap_days, total_spent=f.total_spent,
            last_contact_at=d.last_contact_at, snoozed_until=d.snoozed_until,
            priority=f.priority,
            reason_fa=reason(total, f.days_since, f.usual_gap_days, "fa"),
            reason_en=reason(total, f.days_since, f.usual_gap_days, "en")))
    return rows


# -- summary path --------------------------------------------------------------------------


def _summary_page(session: Session, kind: str, rules: AbsenceRules, as_of: date,
                  hides: list[ColumnElement[bool]], offset: int, limit: int | None,
                  with_total: bool) -> tuple[list[_Figures], int | None]:
    days = days_since_sql(Customer.last_visit_at, as_of)
    if kind == "absent":
        clause = absent_clause(rules, as_of)
        gap: Any = func.coalesce(Customer.usual_gap_days,
                                 literal(float(rules.absent_days), Float))
    else:
        clause = overdue_summary_clause(rules, as_of)
        gap = Customer.usual_gap_days
    where = [Customer.deleted_at.is_(None), clause, *hides]
    ids = list(session.scalars(
        select(Customer.id).where(*where)
        .order_by(priority_sql(days, gap).desc(), Customer.last_visit_at.asc(),
                  Customer.id.asc())
        .offset(offset).limit(limit)))
    total = (int(session.scalar(select(func.count()).select_from(Customer).where(*where))
                 or 0) if with_total else None)
    if not ids:
        return [], total
    found = {r.id: r for r in session.execute(
        select(Customer.id, Customer.visit_count, Customer.prior_visits, Customer.visit_days,
               Customer.first_visit_at, Customer.last_visit_at, Customer.total_spent,
               Customer.usual_gap_days).where(Customer.id.in_(ids)))}
    figures = []
    for cid in ids:
        r = found[cid]
        figures.append(_figures(rules, as_of, cid, r.visit_count, r.prior_visits,
                                r.visit_days, r.first_visit_at, r.last_visit_at,
                                r.total_spent, r.usual_gap_days))
    return figures, total


# -- history path --------------------------------------------------------------------------


def _history(session: Session, kind: str, rules: AbsenceRules, as_of: date,
             hides: list[ColumnElement[bool]]) -> list[_Figures]:
    """Every customer on the ``kind`` list on ``as_of``, from the visits up to it, in
    list order."""
    end = day_end_utc(as_of)
    count, last = func.count(Visit.id), func.max(Visit.at)
    prior = func.max(Customer.prior_visits)
    # Grouped by the customer's id: SQLite walks the customers in id order and reads their
    # visits through (customer_id, at), with no sort for the GROUP BY.
    agg = (select(Customer.id, count.label("n"), func.min(Visit.at).label("first"),
                  last.label("last"), func.sum(func.coalesce(Visit.amount, 0)).label("spent"),
                  prior.label("prior"))
           .select_from(Customer).join(Visit, Visit.customer_id == Customer.id)
           .where(Customer.deleted_at.is_(None), Visit.at < end, *hides)
           .group_by(Customer.id))
    if kind == "absent":
        agg = agg.having(count + prior >= rules.min_visits,
                         last < day_end_utc(as_of - timedelta(days=rules.absent_days)))
    else:  # necessary conditions; the rest needs the visit days
        floor = day_end_utc(as_of - timedelta(days=rules.overdue_days_floor()))
        agg = agg.having(count >= rules.min_visit_days, last < floor)
    candidates = session.execute(agg).all()
    days_of: dict[int, set[int]] = defaultdict(set)
    day = local_day_number(Visit.at)
    ids = [r.id for r in candidates]
    for start in range(0, len(ids), HISTORY_CHUNK):
        chunk = ids[start:start + HISTORY_CHUNK]
        for cid, number in session.execute(
                select(Visit.customer_id, day).where(Visit.customer_id.in_(chunk),
                                                     Visit.at < end)):
            days_of[cid].add(number)
    result = []
    for r in candidates:
        days = [from_day_number(n) for n in sorted(days_of[r.id])]
        figures = _figures(rules, as_of, r.id, int(r.n), int(r.prior or 0), len(days),
                           r.first, r.last, int(r.spent or 0), usual_gap(days))
        total = figures.dated_visits + figures.prior_visits
        keep = (is_absent(total, figures.days_since, rules) if kind == "absent" else
                is_overdue(figures.visit_days, figures.usual_gap_days, figures.days_since,
                           rules))
        if keep:
            result.append(figures)
    result.sort(key=_Figures.sort_key)
    return result


# -- the service ---------------------------------------------------------------------------


def follow_up_page(session: Session, kind: str, rules: AbsenceRules, as_of: date, *,
                   include_contacted: bool = False, include_snoozed: bool = False,
                   offset: int = 0, limit: int | None = 50, with_total: bool = True,
                   path: str | None = None, words: bool = False,
                   marks: ValueMarks | None = None) -> FollowUpPage:
    """One page of the ``absent`` or ``overdue`` follow-up list in ``session``;
    ``words`` adds the priority in words to each row (a few more queries, or none when
    the caller passes the book's ``marks`` it read for another list in this session)."""
    if kind not in KINDS:
        raise InvalidInput("bad_field", field="list", detail=kind)
    if path not in (None, *PATHS):
        raise InvalidInput("bad_field", field="path", detail=str(path))
    if offset < 0 or (limit is not None and limit < 0):
        raise InvalidInput("bad_field", field="offset/limit", detail=f"{offset}/{limit}")
    hides = follow_up_hides(rules, as_of, include_contacted=include_contacted,
                            include_snoozed=include_snoozed)
    if path is None:
        path = "summary" if summary_is_current(session, as_of) else "history"
    if path == "summary":
        figures, total = _summary_page(session, kind, rules, as_of, hides, offset, limit,
                                       with_total)
    else:
        everyone = _history(session, kind, rules, as_of, hides)
        end = None if limit is None else offset + limit  # None: to the end
        figures, total = everyone[offset:end], len(everyone)
    rows = _rows(session, figures)
    if words and rows:
        from dataclasses import replace

        from shopcrm.domain.priority_words import priority_words
        from shopcrm.services.absence.priority_marks import value_marks

        if marks is None:
            marks = value_marks(session)
        rows = [replace(r, priority_fa=priority_words(r.total_spent, r.days_since,
                                                      r.usual_gap_days, marks, "fa"),
                        priority_en=priority_words(r.total_spent, r.days_since,
                                                   r.usual_gap_days, marks, "en"))
                for r in rows]
    return FollowUpPage(kind, as_of, rules, rows, total, offset, limit, path)


class AbsenceService:
    """The absent and overdue lists of a book, with the settings' thresholds."""

    def __init__(self, db: Database, settings: SettingsView | None = None) -> None:
        self.db = db
        self.settings = settings

    def rules(self, **overrides: Any) -> AbsenceRules:
        """Thresholds from the settings (defaults without settings), ``overrides`` win."""
        if self.settings is None:
            base = AbsenceRules()
            values = {k: v for k, v in overrides.items() if v is not None}
            return AbsenceRules(**{**asdict(base), **values})
        return AbsenceRules.from_settings(self.settings, **overrides)

    def absent(self, *, as_of: date | None = None, rules: AbsenceRules | None = None,
               **options: Any) -> FollowUpPage:
        """Absent regulars, highest priority first. ``options``: include_contacted,
        include_snoozed, offset, limit, with_total, path, words."""
        return self._page("absent", as_of, rules, options)

    def overdue(self, *, as_of: date | None = None, rules: AbsenceRules | None = None,
                **options: Any) -> FollowUpPage:
        """Customers overdue by their own rhythm, highest priority first."""
        return self._page("overdue", as_of, rules, options)

    def _page(self, kind: str, as_of: date | None, rules: AbsenceRules | None,
              options: dict[str, Any]) -> FollowUpPage:
        with self.db.reading() as s:
            return follow_up_page(s, kind, rules or self.rules(), as_of or local_today(),
                                  **options)

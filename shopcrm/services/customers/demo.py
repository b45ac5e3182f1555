"""A realistic demo book: Persian names, mobiles, cities, services and two years of visits.

Customers follow their own rhythm: weekly and monthly regulars, regulars who stopped
coming, occasional and one-off customers, newcomers; some have birthdays, emails, tags,
notes, and a few opted out. Generation is deterministic for a given seed and fast
(bulk inserts with precomputed summary columns): 100k customers in well under 30 s.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, insert, select

from shopcrm.domain.dates import local_to_utc, local_today, utc_now
from shopcrm.domain.text import search_key, sort_key
from shopcrm.domain.visit_summary import summarize
from shopcrm.errors import Conflict, InvalidInput
from shopcrm.longwork import Cancel, Progress, is_cancelled
from shopcrm.services.customers import demo_data as words
from shopcrm.services.customers.fields import build_search_text
from shopcrm.storage.db import Database
from shopcrm.storage.fts import FtsPaused, add_to_index
from shopcrm.storage.models import Customer, Interaction, Tag, Visit, customer_tag

CHUNK = 5_000
MAX_DEMO_CUSTOMERS = 1_000_000  # ten times the benchmark's book; more is a typo
# satisfaction scores weighted as customers give them (most are happy)
_SATISFACTION = (5,) * 50 + (4,) * 30 + (3,) * 12 + (2,) * 5 + (1,) * 3


DemoProgress = Progress  # customers written of customers asked for


@dataclass(frozen=True)
class DemoResult:
    customers: int
    visits: int


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


class _Generator:
    def __init__(self, seed: int, today: date, taken_mobiles: set[str]) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.start = today - timedelta(days=730)
        self.mobiles = taken_mobiles
        self._offsets: dict[date, timedelta] = {}

    def utc_offset(self, day: date) -> timedelta:
        """Tehran's offset from UTC on ``day`` (cached: one zone lookup per day)."""
        offset = self._offsets.get(day)
        if offset is None:
            noon = datetime(day.year, day.month, day.day, 12)
            offset = self._offsets[day] = noon - local_to_utc(noon)
        return offset

    def mobile(self) -> str:
        while True:
            prefix = self.rng.choice(("0912", "0912", "0935", "0919", "0901", "0938", "0921"))
            number = f"{prefix}{self.rng.randrange(10**7):07d}"
            if number not in self.mobiles:
                self.mobiles.add(number)
                return number

    def visit_times(self) -> list[datetime]:
        """Local visit times following one customer's rhythm.

        Besides steady, occasional, one-off, new and lapsed customers there are
        *slipping* regulars (a weekly or fortnightly client gone for a few of their gaps,
        overdue well before the 90 days that make them absent: so the overdue list is not
        just the absent list again) and *won back* ones (lapsed for months, called, and
        back in the last weeks: ``self.contact_day`` holds the day of that call).
        """
        rng = self.rng
        self.contact_day: date | None = None
        kind = rng.choices(("weekly", "regular", "occasional", "oneoff", "new", "lapsed",
                            "slipping", "wonback"),
                           weights=(3, 30, 22, 25, 8, 12, 6, 3))[0]
        if kind == "oneoff":
            days = [self.start + timedelta(days=rng.randrange(730))]
        else:
            gap = {"weekly": 7, "regular": rng.randint(21, 60), "occasional": rng.randint(60, 150),
                   "new": rng.randint(10, 30), "lapsed": rng.randint(14, 40),
                   "slipping": rng.randint(7, 18), "wonback": rng.randint(20, 40)}[kind]
            first = (self.today - timedelta(days=rng.randint(20, 100)) if kind == "new"
                     else self.start + timedelta(days=rng.randrange(200)))
            end = self.today
            if kind == "lapsed":
                end = self.today - timedelta(days=rng.randint(95, 400))
            elif kind == "slipping":
                low = max(21, int(2.6 * gap))
                end = self.today - timedelta(days=rng.randint(low, max(low, 85 - 3 * gap // 2)))
            elif kind == "wonback":
                end = self.today - timedelta(days=rng.randint(200, 350))
            days = []
            day = first
            while day <= end and len(days) < 120:
                days.append(day)
                day += timedelta(days=max(1, round(rng.gauss(gap, gap * 0.25))))
            if not days:
                days = [first]
            if kind == "wonback":
                back = self.today - timedelta(days=rng.randint(1, 40))
                self.contact_day = back - timedelta(days=rng.randint(2, 20))
                days.append(back)
        r = rng.random
        return [datetime(d.year, d.month, d.day, 10 + int(r() * 11), 15 * int(r() * 4))
                for d in days]

    def contact_at(self) -> datetime | None:
        """The won-back customer's call (UTC, 11:00 local), or None."""
        day = self.contact_day
        if day is None:
            return None
        return datetime(day.year, day.month, day.day, 11) - self.utc_offset(day)

    def customer(self, cid: int, now: datetime) -> tuple[dict, list[dict]]:
        rng = self.rng
        female = rng.random() < 0.8
        first = rng.choice(words.FEMALE_NAMES if female else words.MALE_NAMES)
        name = f"{first} {rng.choice(words.LAST_NAMES)}"
        mobile = self.mobile()
        email = (f"user{cid}@example.com" if rng.random() < 0.3 else None)
        city = _weighted(rng, words.CITIES)
        notes = rng.choice((None, None, None, "حساسیت به رنگ", "فقط صبح‌ها", "مشتری خوش‌قول"))
        birthday = (date(rng.randint(1965, 2005), rng.randint(1, 12), rng.randint(1, 28))
                    if rng.random() < 0.6 else None)
        visits = []
        paid: list[tuple[datetime, int | None]] = []  # (utc time, amount) for the summary
        r = rng.random
        services = words.SERVICES
        preferred = services[int(r() * len(services))]
        times = self.visit_times()
        for local in times:
            service, low, high = preferred if r() < 0.6 else services[int(r() * len(services))]
            amount = low + int(r() * (high - low) / 50_000) * 50_000 if r() > 0.03 else None
            at = local - self.utc_offset(local.date())
            paid.append((at, amount))
            visits.append({
                "customer_id": cid, "at": at,
                "amount": amount, "service": service,
                "staff": words.STAFF[int(r() * len(words.STAFF))],
                "payment_method": words.PAYMENTS[int(r() * len(words.PAYMENTS))],
                "satisfaction": _SATISFACTION[int(r() * len(_SATISFACTION))]
                if r() < 0.4 else None,
                "note": None, "source": "demo", "created_at": now, "updated_at": now,
            })
        summary = summarize(paid, local_days=(t.date() for t in times))
        sms_out = rng.random() < 0.03
        row = {
            "id": cid, "name": name, "name_key": search_key(name), "name_sort": sort_key(name),
            "mobile": mobile, "mobile_raw": None,
            "phone2": f"021{rng.randrange(10**8):08d}" if rng.random() < 0.1 else None,
            "email": email, "birthday": birthday, "gender": "female" if female else "male",
            "city": city,
            "address": f"{city}، خیابان {rng.choice(words.STREETS)}، پلاک {rng.randint(1, 200)}"
            if rng.random() < 0.5 else None,
            "referral": rng.choice(words.REFERRALS), "notes": notes,
            "vip": rng.random() < 0.02,
            "sms_opt_out": sms_out, "sms_opt_out_at": now if sms_out else None,
            "email_opt_out": False, "email_opt_out_at": None, "prior_visits": 0,
            **summary.as_columns(),
            "last_contact_at": self.contact_at(), "snoozed_until": None,
            "search_text": build_search_text(name=name, mobile=mobile, phone2=None,
                                             email=email, notes=notes, mobile_raw=None),
            "deleted_at": None, "import_batch_id": None, "version": 1,
            "created_at": now, "updated_at": now,
        }
        return row, visits


def generate_demo(db: Database, customers: int = 500, seed: int = 1403,
                  today: date | None = None, cancel: Cancel = None, *,
                  only_if_empty: bool = False) -> Iterator[DemoProgress | DemoResult]:
    """Add ``customers`` demo customers with their visits; yields progress, then the result.

    ``cancel`` is any object with an ``is_set()`` method (a threading.Event); a cancel
    between chunks keeps what was already written (each chunk is one transaction).
    ``only_if_empty`` (the window's offer, ``shopcrm demo`` without ``--into-existing``)
    refuses a book that holds any customer, in the trash too (``Conflict``
    ``demo_book_not_empty``): made-up customers must not mix with real ones unasked.
    """
    if not 0 <= customers <= MAX_DEMO_CUSTOMERS:
        raise InvalidInput("demo_too_many", max=MAX_DEMO_CUSTOMERS, value=customers)
    today = today or local_today()
    now = utc_now()
    with db.session() as s:
        if only_if_empty:
            held = int(s.scalar(select(func.count()).select_from(Customer)) or 0)
            if held:
                raise Conflict("demo_book_not_empty", customers=held)
        start_id = int(s.scalar(select(func.max(Customer.id))) or 0) + 1
        taken = {m for m in s.scalars(select(Customer.mobile)
                                      .where(Customer.mobile.is_not(None))) if m is not None}
        tag_ids = _ensure_tags(s)
    gen = _Generator(seed, today, taken)
    total_visits = 0
    done = 0
    while done < customers:
        if is_cancelled(cancel):  # independent chunks: stop, keep what was written
            break
        count = min(CHUNK, customers - done)
        rows, visits, tags, contacts = [], [], [], []
        for cid in range(start_id + done, start_id + done + count):
            row, cust_visits = gen.customer(cid, now)
            rows.append(row)
            visits.extend(cust_visits)
            if gen.rng.random() < 0.15:
                tags.append({"customer_id": cid, "tag_id": gen.rng.choice(tag_ids)})
            called = gen.contact_at()
            if called is not None:
                contacts.append({"customer_id": cid, "at": called, "kind": "call",
                                 "direction": "out", "summary": "دلمان برایتان تنگ شده",
                                 "outcome": "will_come", "created_at": now, "updated_at": now})
            elif cust_visits and gen.rng.random() < 0.05:
                contacts.append({"customer_id": cid, "at": now - timedelta(
                    days=gen.rng.randint(1, 60)), "kind": "call", "direction": "out",
                    "summary": "تماس برای یادآوری نوبت", "outcome": "answered",
                    "created_at": now, "updated_at": now})
        with db.session() as s:
            # Core executemany on the tables: one statement per chunk, no ORM bookkeeping.
            conn = s.connection()
            with FtsPaused(conn, "customer_fts_insert") as keep_fts:
                conn.execute(insert(Customer.__table__), rows)
                if keep_fts:
                    add_to_index(conn, [(r["id"], r["search_text"]) for r in rows])
            if visits:
                _insert_visits(conn, visits)
            if tags:
                conn.execute(insert(customer_tag), tags)
            if contacts:
                conn.execute(insert(Interaction.__table__), contacts)
        done += count
        total_visits += len(visits)
        yield DemoProgress(done, customers)
    yield DemoResult(done, total_visits)


def _ensure_tags(s) -> list[int]:  # type: ignore[no-untyped-def]
    existing = {t.name: t.id for t in s.scalars(select(Tag))}
    for name in words.TAGS:
        if name not in existing:
            tag = Tag(name=name)
            s.add(tag)
            s.flush()
            existing[name] = tag.id
    return [existing[n] for n in words.TAGS]


_VISIT_COLUMNS = ("customer_id", "at", "amount", "service", "staff", "payment_method",
                  "satisfaction", "note", "source", "created_at", "updated_at")


def _sqlite_time(value: datetime) -> str:
    """The text SQLAlchemy's SQLite DateTime type stores."""
    return value.isoformat(" ", "microseconds")


def _insert_visits(conn, visits: list[dict]) -> None:  # type: ignore[no-untyped-def]
    """Bulk insert; on SQLite straight through the driver (a million rows in seconds)."""
    if conn.dialect.name != "sqlite":
        conn.execute(insert(Visit.__table__), visits)
        return
    stamp: dict[datetime, str] = {}
    rows = []
    for v in visits:
        row = [v[c] for c in _VISIT_COLUMNS]
        row[1] = _sqlite_time(row[1])
        created = v["created_at"]
        row[9] = row[10] = stamp.get(created) or stamp.setdefault(created, _sqlite_time(created))
        rows.append(tuple(row))
    placeholders = ", ".join("?" * len(_VISIT_COLUMNS))
    conn.exec_driver_sql(
        f"INSERT INTO visit ({', '.join(_VISIT_COLUMNS)}) VALUES ({placeholders})", rows)

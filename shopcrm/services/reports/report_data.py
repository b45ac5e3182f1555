"""The report as plain data: a :class:`Report` holds every series of one period.

Safe to hand between threads; ``Report.as_dict`` is JSON-ready and ``Report.from_dict``
reads it back. The series are defined in ``shopcrm.services.reports.series``, which builds
them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any

from shopcrm.services.absence.retention import RETAIL_AVERAGE, RetentionRow

SERIES = ("visits_revenue", "new_returning", "retention", "absent_over_time",
          "rfm_segments", "cities", "top_services", "satisfaction", "messages", "winback")
WINBACK_DAYS = 60  # a contact "brought back" a customer who came within this many days


@dataclass(frozen=True)
class MonthInfo:
    year: int
    month: int
    first_day: date
    last_day: date


@dataclass(frozen=True)
class VisitsRevenue:
    year: int
    month: int
    visits: int
    revenue: int  # Rials
    customers: int


@dataclass(frozen=True)
class NewReturning:
    year: int
    month: int
    new: int
    returning: int


@dataclass(frozen=True)
class AbsentPoint:
    year: int
    month: int
    as_of: date
    regulars: int
    absent: int


@dataclass(frozen=True)
class SegmentSize:
    segment: str
    customers: int


@dataclass(frozen=True)
class CityCount:
    city: str | None  # None: no city recorded; "*other*": the cities after the top ones
    customers: int
    active: int  # of them, customers who came in the period


@dataclass(frozen=True)
class ServiceTotal:
    service: str | None  # None: visits without a service
    visits: int
    revenue: int


@dataclass(frozen=True)
class SatisfactionPoint:
    year: int
    month: int
    ratings: int
    average: float | None


@dataclass(frozen=True)
class MessagesPoint:
    year: int
    month: int
    channel: str  # sms | email
    sent: int
    delivered: int
    failed: int
    cost: int  # Rials


@dataclass(frozen=True)
class WinbackPoint:
    year: int
    month: int
    contacted: int
    came_back: int
    waiting: int


OTHER = "*other*"


@dataclass
class Report:
    """Every series of one period (plain data: safe to hand between threads; ``as_dict``
    is JSON-ready). Series not asked for stay empty."""

    start: date
    end: date
    as_of: date
    months: list[MonthInfo]
    series: tuple[str, ...] = SERIES
    retail_retention: float = RETAIL_AVERAGE
    winback_days: int = WINBACK_DAYS
    visits_revenue: list[VisitsRevenue] = field(default_factory=list)
    new_returning: list[NewReturning] = field(default_factory=list)
    retention: list[RetentionRow] = field(default_factory=list)
    absent_over_time: list[AbsentPoint] = field(default_factory=list)
    rfm_segments: list[SegmentSize] = field(default_factory=list)
    cities: list[CityCount] = field(default_factory=list)
    top_services: list[ServiceTotal] = field(default_factory=list)
    satisfaction: list[SatisfactionPoint] = field(default_factory=list)
    messages: list[MessagesPoint] = field(default_factory=list)
    winback: list[WinbackPoint] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["series"] = list(self.series)
        return _iso(data)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Report:
        """The inverse of ``as_dict`` (a report read back from JSON)."""
        types = {"months": MonthInfo, "visits_revenue": VisitsRevenue,
                 "new_returning": NewReturning, "retention": RetentionRow,
                 "absent_over_time": AbsentPoint, "rfm_segments": SegmentSize,
                 "cities": CityCount, "top_services": ServiceTotal,
                 "satisfaction": SatisfactionPoint, "messages": MessagesPoint,
                 "winback": WinbackPoint}
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in data:
                continue
            value = data[f.name]
            if f.name in types:
                value = [_load(types[f.name], item) for item in value]
            elif f.name in ("start", "end", "as_of"):
                value = date.fromisoformat(value)
            elif f.name == "series":
                value = tuple(value)
            values[f.name] = value
        return cls(**values)


def _load(kind: type, item: dict[str, Any]) -> Any:
    names = {f.name for f in fields(kind)}
    values = {k: v for k, v in item.items() if k in names}  # not derived ones (came_back)
    for key in ("first_day", "last_day", "as_of", "start", "end"):
        if key in values and isinstance(values[key], str):
            values[key] = date.fromisoformat(values[key])
    return kind(**values)


def _iso(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_iso(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value

"""SMS text rules: length in parts, the opt-out line, quiet hours.

Length. A text that fits the GSM 03.38 alphabet is sent 7-bit: 160 characters in one
part, 153 per part when split (characters of the extension table, such as ``€ [ ] { }``,
take two). Anything else - one Persian letter or digit is enough - goes as UCS-2: 70
UTF-16 units in one part, 67 per part when split. A character is never cut between two
parts. Kavenegar charges per part per recipient.

Opt-out. DESIGN: messages from *service* lines must end with the line ``لغو۱۱`` (a reply
of 11 opts out); :func:`with_opt_out` adds it, once.

Quiet hours. Advertising lines may send only in the day: by default not between 21:00
and 08:00 Asia/Tehran. :func:`parse_quiet_hours` reads the ``sms.quiet_hours`` setting.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from shopcrm.domain.text import ZWNJ, fold_digits
from shopcrm.errors import InvalidInput

#: Kavenegar refuses longer texts (return code 413).
MAX_CHARS = 900
OPT_OUT_LINE = "لغو۱۱"
LINE_TYPES = ("service", "advertising")
TEHRAN = ZoneInfo("Asia/Tehran")
DEFAULT_QUIET_HOURS = "21:00-08:00"

_GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = frozenset("^{}\\[~]|€\f")


@dataclass(frozen=True, slots=True)
class SmsLength:
    """How a text travels: ``chars`` in units of its encoding (GSM septets, extension
    characters counting 2; or UTF-16 units), ``parts`` billed per recipient,
    ``per_part`` the capacity of each part (160/153 or 70/67), ``unicode`` True for
    UCS-2."""

    chars: int
    parts: int
    per_part: int
    unicode: bool

    @property
    def left(self) -> int:
        """Units still free in the last part (for a counter under the text box)."""
        return max(self.parts, 1) * self.per_part - self.chars


def is_gsm(text: str) -> bool:
    """True when every character is in the GSM 03.38 alphabet (with its extension)."""
    return all(c in _GSM_BASIC or c in _GSM_EXTENDED for c in text)


def sms_parts(text: str) -> SmsLength:
    """Count the parts ``text`` takes; an empty text takes 0 parts."""
    if is_gsm(text):
        units = [2 if c in _GSM_EXTENDED else 1 for c in text]
        single, multi, unicode = 160, 153, False
    else:
        units = [2 if ord(c) > 0xFFFF else 1 for c in text]  # surrogate pairs
        single, multi, unicode = 70, 67, True
    chars = sum(units)
    if chars <= single:
        return SmsLength(chars, 1 if chars else 0, single, unicode)
    if all(u == 1 for u in units):
        return SmsLength(chars, math.ceil(chars / multi), multi, unicode)
    parts, used = 1, 0
    for u in units:  # a two-unit character never straddles two parts
        if used + u > multi:
            parts, used = parts + 1, 0
        used += u
    return SmsLength(chars, parts, multi, unicode)


_OPT_OUT_KEY = "لغو11"


def has_opt_out(text: str) -> bool:
    """True when the last line of ``text`` is the opt-out line (any digits, spacing)."""
    last = text.rstrip().rsplit("\n", 1)[-1]
    return re.sub(r"\s+", "", fold_digits(last).replace(ZWNJ, "")) == _OPT_OUT_KEY


def with_opt_out(text: str, line_type: str) -> str:
    """``text`` as it must be sent from a line of ``line_type`` (``service`` or
    ``advertising``): service lines end with :data:`OPT_OUT_LINE` on its own line
    (added once); advertising lines send the text unchanged."""
    if line_type not in LINE_TYPES:
        raise ValueError(f"line_type must be one of {LINE_TYPES}, not {line_type!r}")
    if line_type == "advertising" or has_opt_out(text):
        return text
    return f"{text.rstrip()}\n{OPT_OUT_LINE}"


# -- quiet hours -------------------------------------------------------------------------
_RANGE = re.compile(r"^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$")


@dataclass(frozen=True, slots=True)
class QuietHours:
    """A daily window, in ``tz``, when nothing is sent: from ``start`` (inclusive) to
    ``end`` (exclusive); it may wrap midnight (21:00-08:00)."""

    start: time
    end: time
    tz: ZoneInfo = TEHRAN

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"

    def _local(self, dt: datetime) -> datetime:
        if dt.tzinfo is None or dt.utcoffset() is None:
            raise ValueError("quiet hours need an aware datetime")
        return dt.astimezone(self.tz)

    def is_quiet(self, dt: datetime) -> bool:
        """True when ``dt`` (aware) falls in the quiet window."""
        t = self._local(dt).time().replace(tzinfo=None)
        if self.start < self.end:
            return self.start <= t < self.end
        return t >= self.start or t < self.end

    def allows(self, dt: datetime) -> bool:
        """True when a message may be sent at ``dt`` (aware)."""
        return not self.is_quiet(dt)

    def next_allowed(self, dt: datetime) -> datetime:
        """``dt`` itself if allowed, else the end of the quiet window (in ``tz``)."""
        if self.allows(dt):
            return dt
        local = self._local(dt)
        day: date = local.date()
        if local.time().replace(tzinfo=None) >= self.end:  # evening part of 21:00-08:00
            day += timedelta(days=1)
        return datetime.combine(day, self.end, tzinfo=self.tz)


def parse_quiet_hours(value: str | None, tz: ZoneInfo = TEHRAN) -> QuietHours | None:
    """Read ``"21:00-08:00"`` (Persian digits too) into :class:`QuietHours`;
    ``"off"``, ``"none"`` or empty mean no quiet hours (None). Anything else raises
    ``InvalidInput("bad_setting")``."""
    text = fold_digits(value or "").strip().lower()
    if text in ("", "off", "none"):
        return None
    m = _RANGE.match(text)
    try:
        if not m:
            raise ValueError(text)
        h1, m1, h2, m2 = (int(g) for g in m.groups())
        start, end = time(h1, m1), time(h2, m2)
        if start == end:
            raise ValueError(text)
    except ValueError:
        raise InvalidInput(
            "bad_setting", key="sms.quiet_hours", detail=f"{value!r}: write it like 21:00-08:00"
        ) from None
    return QuietHours(start, end, tz)

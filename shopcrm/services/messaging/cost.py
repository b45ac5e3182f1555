"""Money before and after a send.

Before: the parts of a campaign times a price per part. The price is what the gateway
charged per part on earlier sends of the same line type (``entries[].cost`` over
``parts``, the last :data:`LEARN_FROM` SMS that carry a cost), else the setting
``sms.price_service`` / ``sms.price_advertising`` (rials). After: each outbox row carries
the cost the gateway reported (in the send reply, or, for a message found by a look-up
after a crash, in its ``sms/select`` answer), so a campaign's total is what was spent.

:func:`money_text` is the one place this module's figures are turned into words (the
owner's currency from ``ui.currency``), so it can be pointed at a shared formatter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from shopcrm.domain.numbers import format_amount
from shopcrm.services.messaging import outbox as ob
from shopcrm.storage.models import Campaign

if TYPE_CHECKING:
    from shopcrm.config import SettingsView

LEARN_FROM = 2_000


@dataclass(frozen=True, slots=True)
class Price:
    """Rials per SMS part, and where the figure comes from (``gateway`` or ``setting``)."""

    per_part: int
    source: str
    line: str


def price_per_part(s: Any, settings: SettingsView, line: str) -> Price:
    """The price of one part on ``line``: learned from the gateway, else the setting."""
    T = ob.T
    rows = s.execute(
        select(T.c.cost, T.c.parts)
        .join(Campaign, Campaign.id == T.c.campaign_id)
        .where(T.c.channel == "sms", T.c.cost.is_not(None), T.c.cost > 0, T.c.parts > 0,
               Campaign.audience.like(f'%"line": "{line}"%'))
        .order_by(T.c.id.desc())
        .limit(LEARN_FROM)
    ).all()
    parts = sum(int(p) for _, p in rows)
    if parts:
        return Price(round(sum(int(c) for c, _ in rows) / parts), "gateway", line)
    key = "sms.price_advertising" if line == "advertising" else "sms.price_service"
    return Price(int(settings.get(key) or 0), "setting", line)


def currency(settings: SettingsView) -> str:
    """The owner's currency: ``rial`` or ``toman``."""
    value = str(settings.get("ui.currency") or "rial")
    return value if value in ("rial", "toman") else "rial"


def money_text(rials: int | None, settings: SettingsView, lang: str = "fa") -> str:
    """``۱۲۳٬۰۰۰ تومان`` / ``123,000 toman``: an amount in the owner's currency."""
    if rials is None:
        return "-"
    return format_amount(int(rials), unit=currency(settings),  # type: ignore[arg-type]
                         persian_digits=lang == "fa", with_unit=True)

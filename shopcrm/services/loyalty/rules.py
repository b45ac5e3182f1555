"""The loyalty club's rules, read once from the settings and validated.

- ``loyalty.enabled``: nothing is earned, and no notice is sent, while it is off.
- ``loyalty.points_per_visit``: points for every visit recorded in ShopCRM.
- ``loyalty.points_per_amount``: one point for every this much money *in the owner's
  currency* (``ui.currency``, toman by default); 0 gives no points for money. Kept here as
  Rials (``unit_rials``) so the ledger never depends on the display currency.
- ``loyalty.reward_points`` / ``loyalty.reward_text``: the reward threshold and what it is.
- ``loyalty.expiry_days``: points older than this expire, oldest first (0 = never).
- ``loyalty.tiers``: ``name:points:perk;...`` by points earned in all (redeeming never
  demotes anyone), e.g. ``نقره‌ای:500:۵٪ تخفیف;طلایی:1500:۱۰٪ تخفیف``.
- ``loyalty.referral_bonus``: points for both the new customer and whoever brought them.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from shopcrm.config import SettingsView
from shopcrm.domain.text import fold_digits
from shopcrm.errors import InvalidInput

_UNIT_RIALS = {"rial": 1, "toman": 10}


@dataclass(frozen=True)
class Tier:
    name: str
    points: int  # points earned in all to reach it
    perk: str

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "points": self.points, "perk": self.perk}


@dataclass(frozen=True)
class LoyaltyRules:
    enabled: bool = False
    points_per_visit: int = 10
    amount_step: int = 0  # money for one point, in the owner's currency (0 = off)
    unit_rials: int = 10  # Rials in one unit of the owner's currency
    reward_points: int = 100
    reward_text: str = ""
    expiry_days: int = 0
    tiers: tuple[Tier, ...] = ()
    referral_bonus: int = 0
    currency: str = "toman"

    @classmethod
    def from_settings(cls, settings: SettingsView) -> LoyaltyRules:
        currency = str(settings.get("ui.currency") or "toman")
        rules = cls(
            enabled=bool(settings.get("loyalty.enabled")),
            points_per_visit=int(settings.get("loyalty.points_per_visit")),
            amount_step=int(settings.get("loyalty.points_per_amount")),
            unit_rials=_UNIT_RIALS.get(currency, 10),
            reward_points=int(settings.get("loyalty.reward_points")),
            reward_text=str(settings.get("loyalty.reward_text") or "").strip(),
            expiry_days=int(settings.get("loyalty.expiry_days")),
            tiers=parse_tiers(str(settings.get("loyalty.tiers") or "")),
            referral_bonus=int(settings.get("loyalty.referral_bonus")),
            currency=currency,
        )
        for key, value in (("points_per_visit", rules.points_per_visit),
                           ("points_per_amount", rules.amount_step),
                           ("expiry_days", rules.expiry_days),
                           ("referral_bonus", rules.referral_bonus)):
            if value < 0:
                raise InvalidInput("bad_setting", key=f"loyalty.{key}", detail=f"{value} < 0")
        if rules.reward_points < 1:
            raise InvalidInput("bad_setting", key="loyalty.reward_points",
                               detail=f"{rules.reward_points} < 1")
        return rules

    def points_for_visit(self, amount_rials: int | None) -> int:
        """Points one visit earns: per visit, plus one per ``amount_step`` spent."""
        points = self.points_per_visit
        if self.amount_step and amount_rials:
            points += int(amount_rials) // (self.amount_step * self.unit_rials)
        return points

    def tier_for(self, earned: int) -> Tier | None:
        """The highest tier ``earned`` points reach (None below the first)."""
        reached = [t for t in self.tiers if earned >= t.points]
        return reached[-1] if reached else None

    def next_tier(self, earned: int) -> Tier | None:
        return next((t for t in self.tiers if earned < t.points), None)

    def reward_no(self, earned: int) -> int:
        """How many rewards ``earned`` points (in all) have reached."""
        return max(0, earned) // self.reward_points


def parse_tiers(text: str) -> tuple[Tier, ...]:
    """``name:points:perk;...`` (Persian digits fine) into tiers by rising points.

    Raises ``bad_setting`` for a part without a name or a whole number of points, or two
    tiers at the same points.
    """
    tiers: list[Tier] = []
    for raw in text.replace("؛", ";").split(";"):
        part = raw.strip()
        if not part:
            continue
        pieces = [p.strip() for p in part.split(":", 2)]
        if len(pieces) < 2 or not pieces[0]:
            raise InvalidInput("bad_setting", key="loyalty.tiers",
                               detail=f"{part!r}: name:points:perk")
        number = fold_digits(pieces[1]).replace(",", "").replace("٬", "")
        if not number.isdigit() or int(number) < 1:
            raise InvalidInput("bad_setting", key="loyalty.tiers",
                               detail=f"{part!r}: points must be a whole number above 0")
        tiers.append(Tier(pieces[0], int(number), pieces[2] if len(pieces) > 2 else ""))
    tiers.sort(key=lambda t: t.points)
    for a, b in pairwise(tiers):
        if a.points == b.points:
            raise InvalidInput("bad_setting", key="loyalty.tiers",
                               detail=f"{a.name} and {b.name} both at {a.points}")
    return tuple(tiers)


def visit_rules(settings: SettingsView | None = None) -> LoyaltyRules:
    """The rules for earning at a visit: from ``settings`` (the owner's settings file and
    environment when None). A malformed ``loyalty.tiers`` never stops a visit from being
    recorded: tiers play no part in earning."""
    if settings is None:
        from shopcrm.config import Settings

        settings = Settings()
    try:
        return LoyaltyRules.from_settings(settings)
    except InvalidInput as exc:
        if exc.data.get("key") != "loyalty.tiers":
            raise
        return LoyaltyRules.from_settings(_NoTiers(settings))


class _NoTiers(SettingsView):
    def __init__(self, settings: SettingsView) -> None:
        self._settings = settings

    def get(self, name: str) -> Any:
        return "" if name == "loyalty.tiers" else self._settings.get(name)

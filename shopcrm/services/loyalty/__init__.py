"""The loyalty club and referrals.

- :mod:`.rules`: the settings (``loyalty.*``) read and validated once: points per visit
  and per amount, the reward, expiry, VIP tiers, the referral bonus;
- :mod:`.points`: the points ledger (the balance is its sum): earning in a visit's own
  transaction, redeeming, expiry, a customer's summary;
- :mod:`.rewards`: the reward notice, one SMS per customer per reward reached, exactly
  once (:func:`send_reward_notices`, called by the daily run), and the list of rewards
  reached;
- :mod:`.referrals`: who brought whom and the revenue they brought, the referral bonus;
- :mod:`.report`: members' retention against non-members'.
"""

from shopcrm.services.loyalty.points import PointsSummary, redeem, summary
from shopcrm.services.loyalty.referrals import set_referrer
from shopcrm.services.loyalty.rewards import (
    RewardDue,
    RewardNoticeResult,
    rewards_reached,
    send_reward_notices,
)
from shopcrm.services.loyalty.rules import LoyaltyRules, Tier, parse_tiers

__all__ = [
    "LoyaltyRules",
    "PointsSummary",
    "RewardDue",
    "RewardNoticeResult",
    "Tier",
    "parse_tiers",
    "redeem",
    "rewards_reached",
    "send_reward_notices",
    "set_referrer",
    "summary",
]

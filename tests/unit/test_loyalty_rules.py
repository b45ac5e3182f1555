"""The loyalty rules from settings: points per visit and per amount in the owner's
currency, tiers by points earned in all, reward numbers, refused values."""

from __future__ import annotations

import pytest

from shopcrm.config import Settings
from shopcrm.errors import InvalidInput
from shopcrm.services.loyalty.rules import LoyaltyRules, parse_tiers, visit_rules


def rules(tmp_path, **env: str) -> LoyaltyRules:
    base = {"SHOPCRM_LOYALTY_ENABLED": "true"}
    return LoyaltyRules.from_settings(Settings(path=tmp_path / "s.toml",
                                               env={**base, **env}, secrets={}))


def test_points_per_amount_are_in_the_owners_currency(tmp_path):
    toman = rules(tmp_path, SHOPCRM_LOYALTY_POINTS_PER_AMOUNT="۵۰۰۰۰")  # Persian digits
    assert toman.points_for_visit(1_000_000) == 10 + 2  # 100,000 tomans
    assert toman.points_for_visit(None) == 10
    rial = rules(tmp_path, SHOPCRM_LOYALTY_POINTS_PER_AMOUNT="50000", SHOPCRM_UI_CURRENCY="rial",
                 SHOPCRM_LOYALTY_POINTS_PER_VISIT="0")
    assert rial.points_for_visit(1_000_000) == 20


def test_tiers_reward_numbers_and_next_steps(tmp_path):
    r = rules(tmp_path, SHOPCRM_LOYALTY_TIERS="طلایی:1500:۱۰٪ تخفیف؛نقره‌ای:۵۰۰:۵٪ تخفیف",
              SHOPCRM_LOYALTY_REWARD_POINTS="200")
    assert [t.name for t in r.tiers] == ["نقره‌ای", "طلایی"]  # sorted, Persian ; accepted
    assert r.tier_for(499) is None and r.next_tier(499).name == "نقره‌ای"
    assert r.tier_for(500).perk == "۵٪ تخفیف" and r.tier_for(2000).name == "طلایی"
    assert r.next_tier(2000) is None
    assert (r.reward_no(199), r.reward_no(200), r.reward_no(650)) == (0, 1, 3)
    assert parse_tiers("") == ()


@pytest.mark.parametrize(("key", "value"), [("REWARD_POINTS", "0"),
                                            ("POINTS_PER_VISIT", "-1"),
                                            ("EXPIRY_DAYS", "-5"),
                                            ("POINTS_PER_VISIT", "ده")])
def test_bad_values_name_the_setting(tmp_path, key, value):
    with pytest.raises(InvalidInput) as caught:
        rules(tmp_path, **{f"SHOPCRM_LOYALTY_{key}": value})
    # the settings registry checks the range and names the setting (fa and en words)
    assert caught.value.code == "setting_whole"
    assert caught.value.data["key"] == f"loyalty.{key.lower()}"


def test_visits_ignore_bad_tiers_but_not_bad_points(tmp_path):
    ok = Settings(path=tmp_path / "s.toml", env={"SHOPCRM_LOYALTY_TIERS": "oops"}, secrets={})
    assert visit_rules(ok).tiers == ()
    bad = Settings(path=tmp_path / "s.toml", env={"SHOPCRM_LOYALTY_REWARD_POINTS": "0"},
                   secrets={})
    with pytest.raises(InvalidInput):
        visit_rules(bad)

"""The loyalty club on both backends: points earned in a visit's own transaction, taken
back with it, redeemed, expired; the ledger's sums equal the cached columns; tiers;
referral bonus once; referrals' count and revenue equal the visits' sums; merge."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from shopcrm.config import Settings
from shopcrm.domain.dates import utc_now
from shopcrm.errors import InvalidInput
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.services.customers.visits import VisitInput, VisitService
from shopcrm.services.loyalty import points as pts
from shopcrm.services.loyalty.referrals import referrals, set_referrer
from shopcrm.services.loyalty.rules import LoyaltyRules, parse_tiers
from shopcrm.storage.models import Customer, PointsEntry, Visit


def loyalty_settings(tmp_path, **env: str) -> Settings:
    base = {"SHOPCRM_LOYALTY_ENABLED": "1", "SHOPCRM_LOYALTY_POINTS_PER_VISIT": "10",
            "SHOPCRM_LOYALTY_POINTS_PER_AMOUNT": "100000",  # tomans for one point
            "SHOPCRM_LOYALTY_REWARD_POINTS": "50", "SHOPCRM_UI_CURRENCY": "toman",
            "SHOPCRM_LOYALTY_TIERS": "نقره‌ای:۳۰:۵٪ تخفیف;طلایی:100:۱۰٪ تخفیف"}
    return Settings(path=tmp_path / "settings.toml", env={**base, **env}, secrets={})


def assert_ledger_matches(db) -> None:
    """Every customer's cached sums equal the ledger's sums (never a drifting counter)."""
    with db.reading() as s:
        for cid, balance, earned in s.execute(
                select(Customer.id, Customer.points_balance, Customer.points_earned)):
            assert (balance, earned) == pts.ledger_sums(s, cid), f"customer #{cid}"


@pytest.fixture
def book(db, tmp_path):
    settings = loyalty_settings(tmp_path)
    customers = CustomerService(db)
    visits = VisitService(db, settings)
    return db, settings, customers, visits, LoyaltyRules.from_settings(settings)


def test_visit_earns_points_change_and_delete_adjust_them(book):
    db, _settings, customers, visits, rules = book
    cid = customers.add(CustomerInput(name="مریم احمدی", mobile="09121234567"))
    # 10 per visit + 1 per 100,000 tomans (1,000,000 rials): 2,500,000 rials -> 2
    v1 = visits.add(cid, VisitInput(amount="2,500,000"))
    v2 = visits.add(cid, VisitInput(amount=None))
    assert pts.summary(db, cid, rules).balance == 12 + 10
    visits.edit(v1, VisitInput(amount="5,000,000"))  # now 5 points for money
    assert pts.summary(db, cid, rules).balance == 15 + 10
    visits.delete(v2)
    summary = pts.summary(db, cid, rules)
    assert (summary.balance, summary.earned) == (15, 15)
    reasons = [e.reason for e in reversed(summary.entries)]
    assert reasons == ["earn", "earn", "adjust", "adjust"]
    assert_ledger_matches(db)


def test_imported_visits_and_a_club_that_is_off_earn_nothing(db, tmp_path):
    customers = CustomerService(db)
    cid = customers.add(CustomerInput(name="علی", mobile="09121234568"))
    off = VisitService(db, loyalty_settings(tmp_path, SHOPCRM_LOYALTY_ENABLED="0"))
    off.add(cid, VisitInput(amount="1000000"))
    on = VisitService(db, loyalty_settings(tmp_path))
    on.add(cid, VisitInput(amount="1000000"), source="import")
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(PointsEntry)) == 0
        assert s.scalar(select(Customer.points_balance).where(Customer.id == cid)) == 0
        assert s.scalar(select(func.count()).select_from(Visit)) == 2


def test_redeem_at_a_visit_and_refuse_more_than_the_balance(book):
    db, _settings, customers, visits, rules = book
    cid = customers.add(CustomerInput(name="سارا", mobile="09120000001"))
    vid = 0
    for _ in range(6):
        vid = visits.add(cid, VisitInput())
    after = pts.redeem(db, cid, 50, rules, visit_id=vid)
    assert (after.balance, after.earned) == (10, 60)  # redeeming never lowers "earned"
    assert after.entries[0].reason == "redeem" and after.entries[0].visit_id == vid
    with pytest.raises(InvalidInput) as caught:
        pts.redeem(db, cid, 11, rules)
    assert caught.value.code == "points_not_enough" and caught.value.data["balance"] == 10
    with pytest.raises(InvalidInput):
        pts.redeem(db, cid, 0, rules)
    assert pts.summary(db, cid, rules).balance == 10
    assert_ledger_matches(db)


def test_points_expire_oldest_first(db, tmp_path):
    settings = loyalty_settings(tmp_path, SHOPCRM_LOYALTY_EXPIRY_DAYS="30")
    rules = LoyaltyRules.from_settings(settings)
    cid = CustomerService(db).add(CustomerInput(name="نازنین", mobile="09120000002"))
    old = utc_now() - timedelta(days=40)
    with db.writing() as s:
        pts.post(s, cid, 30, "earn", at=old)
        pts.post(s, cid, -10, "redeem", at=old + timedelta(days=1))
        pts.post(s, cid, 20, "earn")
    summary = pts.summary(db, cid, rules)
    assert (summary.balance, summary.expiring) == (40, 20)  # 30 old - 10 spent
    assert summary.to_next_reward == 30  # 20 usable of 50
    assert pts.expire_all(db, rules) == 20
    assert pts.expire_all(db, rules) == 0  # once
    after = pts.summary(db, cid, rules)
    assert (after.balance, after.expiring, after.entries[0].reason) == (20, 0, "expire")
    assert_ledger_matches(db)


def test_tiers_by_points_earned_in_all(book):
    db, _settings, customers, visits, rules = book
    assert [t.name for t in rules.tiers] == ["نقره‌ای", "طلایی"]
    cid = customers.add(CustomerInput(name="پروانه", mobile="09120000003"))
    for _ in range(3):
        visits.add(cid, VisitInput())
    pts.redeem(db, cid, 25, rules)
    summary = pts.summary(db, cid, rules)
    assert summary.tier is not None and summary.tier.name == "نقره‌ای"
    assert summary.tier.perk == "۵٪ تخفیف"
    assert summary.next_tier is not None and summary.to_next_tier == 70


@pytest.mark.parametrize("text", ["طلایی", "طلایی:x:perk", ":10:perk", "a:10;b:10", "a:0"])
def test_bad_tiers_are_refused_with_the_setting_named(text):
    with pytest.raises(InvalidInput) as caught:
        parse_tiers(text)
    assert caught.value.data["key"] == "loyalty.tiers"


def test_bad_tiers_never_stop_a_visit(db, tmp_path):
    settings = loyalty_settings(tmp_path, SHOPCRM_LOYALTY_TIERS="broken")
    cid = CustomerService(db).add(CustomerInput(name="رضا", mobile="09120000004"))
    VisitService(db, settings).add(cid, VisitInput())
    with db.reading() as s:
        assert s.scalar(select(Customer.points_balance).where(Customer.id == cid)) == 10


def test_referral_bonus_once_and_revenue_equals_the_visits_sum(db, tmp_path):
    settings = loyalty_settings(tmp_path, SHOPCRM_LOYALTY_REFERRAL_BONUS="25")
    rules = LoyaltyRules.from_settings(settings)
    customers, visits = CustomerService(db), VisitService(db, settings)
    maryam = customers.add(CustomerInput(name="مریم", mobile="09121000001"))
    sara = customers.add(CustomerInput(name="سارا", mobile="09121000002"))
    nazi = customers.add(CustomerInput(name="نازی", mobile="09121000003"))
    lone = customers.add(CustomerInput(name="تنها", mobile="09121000004"))
    set_referrer(db, sara, maryam, rules)
    set_referrer(db, nazi, maryam, rules)
    for amount in ("1,200,000", "800,000", None):
        visits.add(sara, VisitInput(amount=amount))
    visits.add(nazi, VisitInput(amount="3,000,000"))
    visits.add(lone, VisitInput(amount="9,000,000"))
    set_referrer(db, sara, None, rules)  # unlinking and linking again pays nothing twice
    set_referrer(db, sara, maryam, rules)

    [row] = referrals(db)
    with db.reading() as s:
        revenue = s.scalar(select(func.sum(Visit.amount)).where(
            Visit.customer_id.in_((sara, nazi))))
        count = s.scalar(select(func.count()).select_from(Customer)
                         .where(Customer.referred_by_id == maryam))
    assert (row.id, row.count, row.visits) == (maryam, count, 4)
    assert row.revenue == revenue == 5_000_000
    assert {r.id: r.revenue for r in row.referred} == {sara: 2_000_000, nazi: 3_000_000}
    # the bonus: 25 for each newcomer at their first visit, and 25 per newcomer to Maryam
    assert pts.summary(db, maryam, rules).balance == 50
    assert pts.summary(db, sara, rules).balance == 30 + 25 + 1  # 120,000 tomans: 1 point
    with pytest.raises(InvalidInput) as caught:
        set_referrer(db, maryam, sara, rules)  # a loop
    assert caught.value.code == "referral_loop"
    assert_ledger_matches(db)


def test_merge_moves_points_and_the_people_brought(db, tmp_path):
    settings = loyalty_settings(tmp_path)
    rules = LoyaltyRules.from_settings(settings)
    customers, visits = CustomerService(db), VisitService(db, settings)
    keep = customers.add(CustomerInput(name="مریم", mobile="09122000001"))
    other = customers.add(CustomerInput(name="مریم ا", mobile="09122000002"))
    friend = customers.add(CustomerInput(name="دوست", mobile="09122000003"))
    set_referrer(db, friend, other, rules)
    visits.add(keep, VisitInput())
    visits.add(other, VisitInput())
    customers.merge(keep, other)
    assert pts.summary(db, keep, rules).balance == 20
    assert customers.get(friend).referred_by_id == keep
    customers.delete(keep)
    customers.empty_trash()  # whoever they brought stays, without the link
    assert customers.get(friend).referred_by_id is None
    assert_ledger_matches(db)


def test_members_retention_against_the_others(db, tmp_path):
    from shopcrm.domain.dates import from_jalali
    from shopcrm.services.loyalty.report import loyalty_report

    on = loyalty_settings(tmp_path, SHOPCRM_ABSENCE_ABSENT_DAYS="30")
    off = loyalty_settings(tmp_path, SHOPCRM_LOYALTY_ENABLED="0",
                           SHOPCRM_ABSENCE_ABSENT_DAYS="30")
    customers = CustomerService(db)
    kept = customers.add(CustomerInput(name="ماندگار", mobile="09123000001"))
    lost = customers.add(CustomerInput(name="رفته", mobile="09123000002"))
    other = customers.add(CustomerInput(name="بی‌باشگاه", mobile="09123000003"))
    for cid, settings, days in ((kept, on, ("1405/01/20", "1405/02/25")),
                                (lost, on, ("1405/01/20",)),
                                (other, off, ("1405/01/20", "1405/02/10"))):
        for day in days:
            VisitService(db, settings).add(cid, VisitInput(at=f"{day} 10:00"))
    report = loyalty_report(db, on, period="month", start=from_jalali(1405, 2, 1),
                            end=from_jalali(1405, 2, 31), today=from_jalali(1405, 3, 10))
    assert (report.members, report.non_members) == (2, 1)
    assert report.points_balance == 30 and report.points_earned == 30
    [(ours, theirs)] = report.periods
    assert ours.label == "1405/02"
    assert (ours.customers_at_start, ours.customers_at_end, ours.rate) == (2, 1, 0.5)
    assert (theirs.customers_at_start, theirs.customers_at_end, theirs.rate) == (1, 1, 1.0)

"""``shopcrm points``, ``points redeem``, ``customer add --referred-by``, ``referrals`` and
``loyalty report`` as the owner runs them: Persian digits, JSON figures equal to the
database, one-line errors with exit 1."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from shopcrm.storage.db import open_database
from shopcrm.storage.models import Customer, PointsEntry, Visit


@pytest.fixture
def club(monkeypatch, db_url):
    for key, value in {"ENABLED": "1", "POINTS_PER_VISIT": "10", "REWARD_POINTS": "50",
                       "REFERRAL_BONUS": "5", "TIERS": "نقره‌ای:20:۵٪ تخفیف"}.items():
        monkeypatch.setenv(f"SHOPCRM_LOYALTY_{key}", value)
    return db_url


def test_points_redeem_and_referrals_from_the_command_line(run_cli, club):
    url = club
    assert run_cli("--db", url, "customer", "add", "--name", "مریم", "--phone",
                   "09121234567")[0] == 0
    code, out, err = run_cli("--db", url, "customer", "add", "--name", "سارا", "--phone",
                             "۰۹۱۲۷۶۵۴۳۲۱", "--referred-by", "0912 123 4567", "--json")
    assert code == 0, err
    sara = json.loads(out)
    outs = []
    for amount in ("1,000,000", "۲۰۰۰۰۰۰"):
        code, out, _ = run_cli("--db", url, "visit", "add", "--phone", "09127654321",
                               "--amount", amount)
        assert code == 0
        outs.append(out.strip())
    assert outs[0].endswith("(+10 points, balance 15)")  # 10 + the referral bonus 5
    assert outs[1].endswith("(+10 points, balance 25)")
    code, out, _ = run_cli("--db", url, "points", "--phone", "09127654321", "--json")
    data = json.loads(out)
    assert (code, data["balance"], data["earned"]) == (0, 25, 25)  # 2 visits + bonus 5
    assert data["tier"]["name"] == "نقره‌ای" and data["tier"]["perk"] == "۵٪ تخفیف"

    code, out, _ = run_cli("--db", url, "points", "redeem", "--phone", "09127654321",
                           "--points", "۱۵", "--json")
    assert code == 0 and json.loads(out)["balance"] == 10
    code, _, err = run_cli("--db", url, "points", "redeem", "--phone", "09127654321",
                           "--points", "11")
    assert code == 1 and err.strip().count("\n") == 0 and "10 points" in err
    code, _, err = run_cli("--db", url, "points", "redeem", "--phone", "09127654321",
                           "--points", "ده")
    assert code == 1 and "Traceback" not in err

    code, out, _ = run_cli("--db", url, "referrals", "--json")
    [row] = json.loads(out)
    db = open_database(url)
    with db.reading() as s:
        revenue = s.scalar(select(func.sum(Visit.amount)).where(Visit.customer_id == sara["id"]))
        balance = s.scalar(select(func.sum(PointsEntry.points))
                           .where(PointsEntry.customer_id == sara["id"]))
        cached = s.scalar(select(Customer.points_balance).where(Customer.id == sara["id"]))
    db.close()
    assert (row["count"], row["visits"], row["revenue_rials"]) == (1, 2, revenue)
    assert revenue == 30_000_000 and balance == cached == 10  # 2 x 1,500,000 tomans, in rials

    code, out, _ = run_cli("--db", url, "loyalty", "report", "--json")
    report = json.loads(out)
    assert (code, report["members"], report["non_members"]) == (0, 2, 0)
    assert report["points_balance"] == 10 + 5


def test_referred_by_someone_not_in_the_book_adds_nobody(run_cli, club):
    code, _, err = run_cli("--db", club, "customer", "add", "--name", "x", "--phone",
                           "09120000001", "--referred-by", "09129999999")
    assert code == 1 and "09129999999" in err
    code, out, _ = run_cli("--db", club, "customers", "--json")
    assert json.loads(out) == []


def test_notify_without_yes_sends_nothing(run_cli, club):
    run_cli("--db", club, "customer", "add", "--name", "مریم", "--phone", "09121234567")
    for _ in range(5):
        run_cli("--db", club, "visit", "add", "--phone", "09121234567")
    code, out, _ = run_cli("--db", club, "loyalty", "notify", "--json")
    data = json.loads(out)
    assert (code, data["dry_run"], data["due"], data["claimed"]) == (0, True, 1, 0)
    code, out, _ = run_cli("--db", club, "loyalty", "rewards", "--json")
    assert [r["balance"] for r in json.loads(out)] == [50]

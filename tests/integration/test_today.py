"""The Today page's numbers on a hand-made book equal the numbers of the pages they link to
(Win-back lists, the birthday segment, the came-back list, the Campaigns page), on SQLite
and PostgreSQL, and ``shopcrm today --json`` / ``shopcrm winback --json`` print them."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from support.today_book import make_today_book

from shopcrm.config import Settings
from shopcrm.domain.absence import AbsenceRules
from shopcrm.domain.dates import local_today
from shopcrm.services.absence.followup import FollowUpService
from shopcrm.services.absence.lists import AbsenceService
from shopcrm.services.absence.segments import segment_filter
from shopcrm.services.absence.winback import came_back
from shopcrm.services.absence.winback_totals import default_period, winback_summary
from shopcrm.services.messaging.campaigns import CampaignService
from shopcrm.services.reports.series import report_period, winback_series
from shopcrm.services.today import SECTIONS, build_today
from shopcrm.storage.customer_list import count_customers

TODAY = local_today()
RULES = AbsenceRules()


def settings_for(tmp_path) -> Settings:
    return Settings(path=tmp_path / "settings.toml", env={})


@pytest.fixture
def book(db):
    return make_today_book(db)


def test_today_numbers_equal_the_linked_pages(db, book, tmp_path):
    settings = settings_for(tmp_path)
    today = build_today(db, settings, TODAY)

    # call today: the Win-back page's lists (snoozed and recently contacted hidden)
    service = AbsenceService(db, settings)
    absent = service.absent(limit=100)
    overdue = service.overdue(limit=100)
    assert today.call.absent == absent.total == len(absent.rows)
    assert today.call.overdue == overdue.total == len(overdue.rows)
    on_call = [r.id for r in today.call.rows]
    assert set(on_call) == {r.id for r in absent.rows} | {r.id for r in overdue.rows}
    assert book["snoozed"] not in on_call and book["called"] not in on_call
    assert book["back"] not in on_call  # came back: not absent any more
    assert on_call[0] == book["rich"]
    rich = today.call.rows[0]
    assert rich.priority_fa == "ارزش بالا، بیش از ۱۰ برابر فاصله‌ی معمول"  # 310 days / 30
    assert rich.priority_en == "high value, over 10 times the usual gap"
    weekly = next(r for r in today.call.rows if r.id == book["weekly"])
    assert weekly.list == "overdue"
    assert weekly.priority_en.endswith("5 times the usual gap")
    assert weekly.priority_fa.endswith("۵ برابر فاصله‌ی معمول")

    # birthdays: the Customers page's birthday:7 segment
    with db.reading() as s:
        week = count_customers(s, where=[segment_filter("birthday:7", settings=settings,
                                                        session=s, as_of=TODAY)])
    assert len(today.birthdays) == week == 2
    assert today.birthdays_today == 1
    assert [b.id for b in today.birthdays] == [book["born"], book["soon"]]
    assert today.birthdays[1].greeting_date == TODAY + timedelta(days=4)

    # came back this week, with what they spent; the totals are the Win-back page's
    assert [r.customer_id for r in today.came_back] == [book["back"]]
    assert today.came_back[0].spent_since == 6_000_000
    rows = came_back(db, RULES, today=TODAY)
    start, end = default_period(TODAY)
    summary = winback_summary(db, RULES, start, end)
    assert [r.customer_id for r in rows] == [r.customer_id for r in summary.rows]
    assert (today.winback.contacted, today.winback.came_back, today.winback.revenue) == (
        summary.contacted, summary.came_back, summary.revenue) == (3, 1, 6_000_000)
    assert today.winback.rate == pytest.approx(1 / 3)

    # complaints: open ones only
    assert [c.customer_id for c in today.complaints] == [book["unhappy"]]
    assert today.complaints[0].summary == "رنگ مو خوب نشد"
    assert today.replies == [] and today.rewards == []

    # messages: the Campaigns page's "failed" of that campaign
    view = CampaignService(db, settings).get(book["campaign"])
    assert today.failed_messages == view.failed == 3
    assert today.messages[0].unknown == 1

    data = today.as_dict()
    assert list(data) == list(SECTIONS)


def test_winback_totals_agree_with_the_monthly_chart_and_the_command(db, db_url, book,
                                                                    run_cli):
    period = report_period(None, TODAY)
    with db.reading() as s:
        points = winback_series(s, period, RULES)
    summary = winback_summary(db, RULES, period.start, period.end)
    assert sum(p.contacted for p in points) == summary.contacted == 3
    assert sum(p.came_back for p in points) == summary.came_back == 1

    code, out, err = run_cli("--db", db_url, "winback", "--json", "--from",
                             period.start.isoformat(), "--to", TODAY.isoformat())
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert (data["contacted"], data["came_back"], data["rate"], data["revenue"]) == (
        3, 1, 0.3333, 6_000_000)
    assert [r["customer_id"] for r in data["rows"]] == [book["back"]]
    assert data["rows"][0]["spent_since"] == 6_000_000

    code, out, err = run_cli("--db", db_url, "winback", "--lang", "en")
    assert code == 0
    assert "contacted 3, came back 1 (33%), revenue won back 600,000 tomans" in out


def test_today_command_json_and_text(db, db_url, book, run_cli):
    code, out, err = run_cli("--db", db_url, "today", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert list(data) == list(SECTIONS)
    assert (data["call"]["absent"], data["call"]["overdue"], data["call"]["count"]) == (2, 3, 3)
    assert data["birthdays"]["count"] == 2 and data["birthdays"]["today"] == 1
    assert data["came_back"]["count"] == 1 and data["came_back"]["spent"] == 6_000_000
    assert data["came_back"]["totals"]["contacted"] == 3
    assert data["complaints"]["count"] == 1
    assert data["replies"] == {"count": 0, "wired": True, "rows": []}
    assert data["messages"]["count"] == 3

    code, out, _ = run_cli("--db", db_url, "today", "--lang", "fa")
    assert code == 0
    assert "تماس امروز: ۳ نفر (غایب ۲، دیرکرده ۳)" in out
    assert "تولدها: امروز ۱، تا ۷ روز آینده ۲" in out
    assert "شکایت‌های باز: ۱" in out

    code, _, err = run_cli("--db", db_url, "today", "--as-of", "1403/13/40")
    assert code == 1 and "Traceback" not in err and err.count("\n") == 1


def test_a_snoozed_customer_leaves_the_call_list_and_comes_back_after(db, book, tmp_path):
    settings = settings_for(tmp_path)
    assert book["rich"] in [r.id for r in build_today(db, settings, TODAY).call.rows]
    FollowUpService(db).snooze(book["rich"], 7)
    after = build_today(db, settings, TODAY)
    assert book["rich"] not in [r.id for r in after.call.rows]
    assert after.call.absent == AbsenceService(db, settings).absent(limit=0).total == 1
    later = build_today(db, settings, TODAY + timedelta(days=7))
    assert book["rich"] in [r.id for r in later.call.rows]


def test_a_call_outcome_from_the_command_line(db, db_url, book, run_cli):
    code, out, err = run_cli("--db", db_url, "followup", "log", "--phone", "09120000002",
                             "--kind", "call", "--outcome", "no_answer", "--json")
    assert code == 0, err
    from shopcrm.storage.models import Interaction

    with db.reading() as s:
        stored = s.get(Interaction, json.loads(out)["interaction_id"])
        assert (stored.kind, stored.outcome) == ("call", "no_answer")
    code, out, err = run_cli("--db", db_url, "followup", "log", "--phone", "09120000002",
                             "--outcome", "maybe")
    assert code == 1 and "maybe" in err and "Traceback" not in err


def test_a_bad_call_outcome_is_refused_by_the_service(db, book):
    from shopcrm.errors import InvalidInput

    with pytest.raises(InvalidInput) as caught:
        FollowUpService(db).log(book["weekly"], "call", outcome="maybe")
    assert caught.value.code == "bad_call_outcome"


def test_daily_without_sms_set_up_skips_the_greetings_and_says_why(db_url, book, run_cli,
                                                                  monkeypatch, tmp_path):
    monkeypatch.setenv("SHOPCRM_SMS_PROVIDER", "none")
    monkeypatch.setenv("SHOPCRM_BACKUP_DIR", str(tmp_path / "backups"))
    code, out, err = run_cli("--db", db_url, "daily", "--yes", "--lang", "en")
    assert code == 0, err
    assert "- today's birthday greetings: skipped, SMS is not set up in the settings" in out

"""``shopcrm absent|overdue|followup|segments|retention|birthdays`` through ``main``."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from shopcrm.domain.dates import format_jalali, from_jalali, local_today, to_jalali
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.services.customers.visits import VisitInput, VisitService

TODAY = local_today()


def born_thirty_years_before(day: date) -> date:
    """A birthday greeted on ``day`` (same Jalali month and day, 30 years earlier)."""
    jy, jm, jd = to_jalali(day)
    return from_jalali(jy - 30, jm, min(jd, 29 if jm == 12 else jd))


def ago(days: int) -> str:
    return f"{(TODAY - timedelta(days=days)).isoformat()} 12:00"


@pytest.fixture
def book(db):
    customers, visits = CustomerService(db), VisitService(db)
    ids = {}
    for name, mobile, days, birthday in (
            ("غایب", "09121111111", (160, 130, 100), None),
            ("هفتگی", "09122222222", (51, 44, 37, 30), None),
            ("ثابت", "09123333333", (30, 20, 10), None),
            ("دوبار", "09124444444", (300, 200), None),
            ("تولد", "09125555555", (5,), born_thirty_years_before(TODAY + timedelta(days=2)))):
        ids[name] = customers.add(CustomerInput(name=name, mobile=mobile, birthday=birthday))
        for d in days:
            visits.add(ids[name], VisitInput(at=ago(d), amount=2_000_000))
    return ids


def _json(out: str):
    return json.loads(out)


def test_absent_as_json(db_url, book, run_cli):
    code, out, err = run_cli("--db", db_url, "absent", "--json")
    assert (code, err) == (0, "")
    data = _json(out)
    assert data["list"] == "absent" and data["total"] == 1
    row = data["rows"][0]
    assert (row["id"], row["name"], row["mobile"], row["visits"]) == (book["غایب"], "غایب",
                                                                      "09121111111", 3)
    assert row["days_since"] == 100 and row["usual_gap_days"] == 30.0
    assert row["last_visit_date"] == (TODAY - timedelta(days=100)).isoformat()
    assert row["reason_en"] == "usually every 30 days; 100 days since the last visit"
    assert row["reason_fa"] == "معمولاً هر ۳۰ روز؛ ۱۰۰ روز از آخرین مراجعه گذشته"
    assert data["as_of"] == TODAY.isoformat()


def test_absent_options_and_jalali_as_of(db_url, book, run_cli):
    code, out, _ = run_cli("absent", "--db", db_url, "--json", "--min-visits", "2",
                           "--days", "60")
    assert code == 0
    assert {r["id"] for r in _json(out)["rows"]} == {book["غایب"], book["دوبار"]}
    earlier = TODAY - timedelta(days=80)
    jalali = format_jalali(earlier)  # Persian digits
    code, out, _ = run_cli("absent", "--db", db_url, "--json", "--as-of", jalali)
    data = _json(out)
    assert code == 0 and data["as_of"] == earlier.isoformat() and data["total"] == 0
    # --limit 0 means no limit on every command (it was: no rows here, every row in outbox)
    code, out, _ = run_cli("absent", "--db", db_url, "--json", "--limit", "0")
    assert [r["id"] for r in _json(out)["rows"]] == [book["غایب"]] and _json(out)["total"] == 1
    assert _json(out)["limit"] is None


def test_absent_as_text_in_both_languages(db_url, book, run_cli):
    code, out, _ = run_cli("--db", db_url, "absent", "--lang", "en")
    assert code == 0
    assert "absent regulars on" in out and ": 1; showing 1-1" in out
    assert "usually every 30 days; 100 days since the last visit" in out
    code, out, _ = run_cli("--db", db_url, "absent", "--lang", "fa")
    assert "معمولاً هر ۳۰ روز؛ ۱۰۰ روز از آخرین مراجعه گذشته" in out


def test_overdue(db_url, book, run_cli):
    code, out, _ = run_cli("--db", db_url, "overdue", "--json")
    assert code == 0
    rows = _json(out)["rows"]
    # weekly: 9 x min(30 / 7, 10) = 38.6 before 7 x (100 / 30) = 23.3
    assert [r["id"] for r in rows] == [book["هفتگی"], book["غایب"]]
    assert [round(r["priority"], 1) for r in rows] == [38.6, 23.3]
    code, out, _ = run_cli("--db", db_url, "overdue", "--json", "--days", "31")
    assert [r["id"] for r in _json(out)["rows"]] == [book["غایب"]]
    code, out, _ = run_cli("--db", db_url, "overdue", "--json", "--factor", "4")
    assert [r["id"] for r in _json(out)["rows"]] == [book["هفتگی"]]  # 30 > 4 x 7
    code, out, err = run_cli("--db", db_url, "overdue", "--min-visits", "1")
    assert code == 1 and "min_visit_days" in err and "\n" not in err.strip()


def test_follow_up_log_and_snooze(db_url, book, run_cli):
    code, out, err = run_cli("--db", db_url, "followup", "log", "--phone", "+98 912 111 1111",
                             "--kind", "sms", "--note", "پیامک یادآوری", "--json")
    assert (code, err) == (0, "")
    assert _json(out)["kind"] == "sms" and _json(out)["customer_id"] == book["غایب"]
    code, out, _ = run_cli("--db", db_url, "absent", "--json")
    assert _json(out)["total"] == 0  # contacted today
    code, out, _ = run_cli("--db", db_url, "absent", "--json", "--include-contacted")
    assert _json(out)["total"] == 1
    code, out, _ = run_cli("--db", db_url, "followup", "snooze", "--id",
                           str(book["هفتگی"]), "--days", "7", "--json")
    assert code == 0
    assert _json(out)["snoozed_until"] == (TODAY + timedelta(days=7)).isoformat()
    code, out, _ = run_cli("--db", db_url, "overdue", "--json", "--include-contacted")
    assert [r["id"] for r in _json(out)["rows"]] == [book["غایب"]]
    code, out, _ = run_cli("--db", db_url, "overdue", "--json", "--include-contacted",
                           "--as-of", (TODAY + timedelta(days=7)).isoformat())
    assert book["هفتگی"] in [r["id"] for r in _json(out)["rows"]]
    code, out, _ = run_cli("--db", db_url, "followup", "unsnooze", "--id", str(book["هفتگی"]))
    assert code == 0 and "back on the lists" in out


def test_follow_up_mistakes_are_one_line_errors(db_url, book, run_cli):
    for argv, words in ((("followup", "snooze", "--id", "1", "--days", "0"), "1 to 366"),
                        (("followup", "log"), "--phone"),
                        (("followup", "log", "--phone", "09129999999"), "not found"),
                        (("followup", "log", "--id", "1", "--kind", "fax"), "invalid choice"),
                        (("absent", "--as-of", "1403/13/40"), "1403/13/40")):
        code, out, err = run_cli("--db", db_url, "--lang", "en", *argv)
        assert code == 1, argv
        assert words in err and err.count("\n") == 1 and out == ""


def test_segments(db_url, book, run_cli):
    code, out, _ = run_cli("--db", db_url, "segments", "--json")
    assert code == 0
    data = _json(out)
    counts = {s["name"]: s["count"] for s in data["segments"]}
    assert (counts["all"], counts["regular"], counts["absent"], counts["overdue"]) == (5, 3, 1, 2)
    assert counts["birthday:7"] == 1
    rfm = {s["name"]: s["count"] for s in data["rfm"]["segments"]}
    assert sum(rfm.values()) == 5 and data["rfm"]["scored"] == 5
    code, out, _ = run_cli("--db", db_url, "segments", "--lang", "en")
    assert "Absent regulars" in out and "rfm:champions" in out


def test_the_customer_list_uses_the_same_segments(db_url, book, run_cli):
    code, out, _ = run_cli("--db", db_url, "customers", "--segment", "absent", "--json")
    assert code == 0 and [r["id"] for r in _json(out)] == [book["غایب"]]
    code, out, _ = run_cli("--db", db_url, "customers", "--segment", "birthday:3", "--json")
    assert [r["id"] for r in _json(out)] == [book["تولد"]]
    code, out, err = run_cli("--db", db_url, "--lang", "en", "customers", "--segment", "nope")
    assert code == 1 and "Unknown segment 'nope'" in err and "regular" in err


def test_retention(db_url, book, run_cli):
    code, out, _ = run_cli("--db", db_url, "retention", "--json")
    assert code == 0
    data = _json(out)
    assert data["retail_average"] == 0.63 and len(data["rows"]) == 12
    assert data["rows"][-1]["partial"] is True
    jy = to_jalali(TODAY)[0]
    code, out, _ = run_cli("--db", db_url, "retention", "--period", "year", "--from",
                           f"{jy - 1}/01/01", "--json")
    rows = _json(out)["rows"]
    assert [r["label"] for r in rows] == [str(jy - 1), str(jy)]
    assert rows[0]["start"] == from_jalali(jy - 1, 1, 1).isoformat()
    code, out, _ = run_cli("--db", db_url, "retention", "--period", "quarter", "--lang", "en")
    assert code == 0 and "retail average 63%" in out
    code, _, err = run_cli("--db", db_url, "retention", "--from", "1403/09/01", "--to",
                           "1403/01/01")
    assert code == 1 and "after" in err


def test_birthdays(db_url, book, run_cli):
    code, out, _ = run_cli("--db", db_url, "birthdays", "--days", "3", "--json")
    assert code == 0
    (row,) = _json(out)["rows"]
    assert row["id"] == book["تولد"] and row["days_until"] == 2
    assert row["greeting_date"] == (TODAY + timedelta(days=2)).isoformat()
    code, out, _ = run_cli("--db", db_url, "birthdays", "--days", "1", "--json")
    assert _json(out)["rows"] == []
    code, out, err = run_cli("--db", db_url, "birthdays", "--days", "999")
    assert code == 1 and err.count("\n") == 1
    code, out, _ = run_cli("--db", db_url, "birthdays", "--as-of",
                           (TODAY + timedelta(days=2)).isoformat(), "--days", "0")
    assert code == 0 and "تولد" in out

"""Complaints on both backends: recording and resolving, the report, the badge query, the
promotional-campaign exclusion (against the fake Kavenegar), and the 0004 -> 0005 upgrade
that moves contact-log complaints into their own table."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import create_engine, select, text
from support.fake_kavenegar import FakeKavenegar

from shopcrm.config import Settings
from shopcrm.errors import InvalidInput, NotFound
from shopcrm.services.backup.care import open_book
from shopcrm.services.customers.fields import CustomerInput
from shopcrm.services.customers.service import CustomerService
from shopcrm.services.customers.visits import VisitInput, VisitService
from shopcrm.services.messaging.campaigns import Audience, CampaignRequest, CampaignService
from shopcrm.services.messaging.providers.kavenegar import KavenegarProvider
from shopcrm.services.messaging.sender import SendOptions
from shopcrm.services.retention.complaints import (
    ComplaintService,
    open_complaint_customer_ids,
)
from shopcrm.storage.migrate import current_revision, head_revision, upgrade_to_head
from shopcrm.storage.models import Complaint, Interaction

SENDER = "10004346"


def _people(db):
    book = CustomerService(db)
    return {
        "sara": book.add(CustomerInput(name="سارا محمدی", mobile="09121000001")),
        "reza": book.add(CustomerInput(name="رضا کریمی", mobile="09121000002")),
        "mina": book.add(CustomerInput(name="مینا احمدی", mobile="09121000003")),
    }


def test_add_resolve_and_report(db):
    ids = _people(db)
    visits = VisitService(db)
    v1 = visits.add(ids["sara"], VisitInput(at="1403/05/10 10:00", service="رنگ مو",
                                            staff="لیلا"))
    v2 = visits.add(ids["reza"], VisitInput(at="1403/05/11 11:00", service="کوتاهی",
                                            staff="نازنین"))
    service = ComplaintService(db)
    t0 = datetime(2024, 8, 5, 8, 0)
    a = service.add(ids["sara"], "رنگ یکدست نبود", severity="high", visit_id=v1, at=t0)
    b = service.add(ids["reza"], "دیر شروع شد", channel="phone", visit_id=v2, at=t0)
    c = service.add(ids["mina"], "  برخورد پذیرش  ", severity="low", at=t0)
    assert (a.status, a.severity, a.service, a.staff) == ("open", "high", "رنگ مو", "لیلا")
    assert c.text == "برخورد پذیرش" and c.visit_id is None

    service.set_status(b.id, "in_progress", handled_by="مدیر")
    done = service.resolve(a.id, "رنگ دوباره انجام شد", at=t0 + timedelta(days=2))
    service.resolve(c.id, at=t0 + timedelta(days=4))
    assert done.status == "resolved" and done.resolution == "رنگ دوباره انجام شد"
    assert done.days_to_resolve == pytest.approx(2.0)

    with db.reading() as s:
        assert set(s.scalars(open_complaint_customer_ids())) == {ids["reza"]}
    assert service.open_count() == 1 and service.open_count(ids["sara"]) == 0
    assert [v.id for v in service.list(open_only=True)] == [b.id]

    report = service.report()
    assert (report.open, report.in_progress, report.resolved) == (1, 1, 2)
    assert report.median_days_to_resolve == pytest.approx(3.0)
    by_service = {g.name: (g.open, g.resolved, g.median_days) for g in report.by_service}
    assert by_service == {"رنگ مو": (0, 1, 2.0), "کوتاهی": (1, 0, None), "": (0, 1, 4.0)}
    by_staff = {g.name: (g.open, g.resolved) for g in report.by_staff}
    assert by_staff == {"لیلا": (0, 1), "نازنین": (1, 0), "": (0, 1)}


def test_bad_complaints_are_refused(db):
    ids = _people(db)
    service = ComplaintService(db)
    other_visit = VisitService(db).add(ids["reza"], VisitInput(at="1403/05/10"))
    with pytest.raises(InvalidInput) as caught:
        service.add(ids["sara"], "   ")
    assert caught.value.code == "complaint_text_required"
    with pytest.raises(InvalidInput) as caught:
        service.add(ids["sara"], "x", severity="urgent")
    assert caught.value.code == "bad_complaint_value"
    with pytest.raises(InvalidInput) as caught:
        service.add(ids["sara"], "x", visit_id=other_visit)
    assert caught.value.code == "complaint_visit_mismatch"
    with pytest.raises(NotFound):
        service.resolve(999)
    with db.reading() as s:
        assert s.scalar(select(Complaint.id)) is None


def _settings(tmp_path):
    return Settings(path=tmp_path / "s.toml", secrets={}, env={
        "SHOPCRM_SHOP_NAME": "آرایشگاه نگار", "SHOPCRM_SHOP_ADDRESS": "تهران، ولیعصر ۱۲",
        "SHOPCRM_SMS_SENDER": SENDER,
        "SHOPCRM_SMS_PROVIDER": "kavenegar", "SHOPCRM_SHOP_NEW_ADDRESS": "تهران، خیابان گل"})


def test_open_complaint_keeps_out_of_promotions_not_out_of_notices(db, tmp_path):
    ids = _people(db)
    complaints = ComplaintService(db)
    open_one = complaints.add(ids["sara"], "ناخن شکست")
    worked_on = complaints.add(ids["reza"], "دیر شد")
    complaints.set_status(worked_on.id, "in_progress")
    with FakeKavenegar() as fake, KavenegarProvider(
            fake.api_key, base_url=fake.base_url, sender=SENDER, timeout=(2, 2)) as provider:
        service = CampaignService(db, _settings(tmp_path), sms=provider,
                                  options=SendOptions(sleep=lambda _s: None, reconcile_delay=0))
        everyone = list(ids.values())
        winback = CampaignRequest(text="{name} عزیز، دلمان تنگ شده؛ ۲۰٪ تخفیف",
                                  audience=Audience.ids(everyone), kind="winback")
        plan = service.plan(winback, credit=False)
        assert plan.excluded.get("open_complaint") == 2
        campaign_id, _ = service.create(winback)
        service.run_to_end(campaign_id)
        assert [m.receptor for m in fake.sent] == ["09121000003"]

        relocation = service.relocation_request(channel="sms")
        assert "open_complaint" not in service.plan(relocation, credit=False).excluded
        campaign_id, _ = service.create(relocation)
        service.run_to_end(campaign_id)
        assert sorted(m.receptor for m in fake.sent[1:]) == [
            "09121000001", "09121000002", "09121000003"]

        complaints.resolve(open_one.id, "جبران شد")
        complaints.resolve(worked_on.id)
        again = CampaignRequest(text="{name} عزیز، ۲۰٪ تخفیف", audience=Audience.ids(everyone),
                                kind="winback")
        assert "open_complaint" not in service.plan(again, credit=False).excluded
        assert service.plan(again, credit=False).recipients == 3


def test_a_0004_book_with_complaints_upgrades_intact(db_url):
    engine = create_engine(db_url)
    upgrade_to_head(engine, "0004")
    stamp = "'2024-01-01 00:00:00'"
    with engine.begin() as conn:
        for i, (name, mobile) in enumerate([("مریم", "09121111111"),
                                             ("پروانه", "09122222222")], start=1):
            conn.execute(text(
                "INSERT INTO customer (id, name, name_key, name_sort, search_text, mobile, vip, "
                "sms_opt_out, email_opt_out, prior_visits, visit_count, visit_days, "
                f"total_spent, version, created_at, updated_at) VALUES (:id, :n, :k, :o, :t, "
                f":m, false, false, false, 0, 1, 1, 500000, 1, {stamp}, {stamp})"),
                {"id": i, "n": name, "k": name, "o": name, "t": name, "m": mobile})
        conn.execute(text(
            "INSERT INTO visit (id, customer_id, at, amount, service, satisfaction, source, "
            f"created_at, updated_at) VALUES (1, 1, '2024-05-01 10:00:00', 500000, 'رنگ', 4, "
            f"'manual', {stamp}, {stamp})"))
        rows = [(1, 1, "complaint", "in", "رنگ خراب شد", "open", None),
                (2, 2, "complaint", None, "معطلی", "resolved", "عذرخواهی"),
                (3, 1, "call", "out", "تماس گرفتم", None, "answered")]
        for iid, cid, kind, direction, summary, status, outcome in rows:
            conn.execute(text(
                "INSERT INTO interaction (id, customer_id, at, kind, direction, summary, "
                "outcome, status, created_at, updated_at) VALUES (:i, :c, "
                "'2024-05-02 09:00:00', :k, :d, :s, :o, :st, '2024-05-02 09:00:00', "
                "'2024-05-06 09:00:00')"),
                {"i": iid, "c": cid, "k": kind, "d": direction, "s": summary, "o": outcome,
                 "st": status})
    engine.dispose()
    assert current_revision(engine) == "0004"

    db = open_book(db_url)
    try:
        assert current_revision(db.engine) == head_revision() == "0008"
        complaints = sorted(ComplaintService(db).list(), key=lambda c: c.id)
        assert [(c.customer_id, c.text, c.status, c.channel, c.resolution) for c in complaints] \
            == [(1, "رنگ خراب شد", "open", "phone", None),
                (2, "معطلی", "resolved", "in_person", "عذرخواهی")]
        assert complaints[0].opened_at == datetime(2024, 5, 2, 9, 0)
        assert complaints[1].resolved_at == datetime(2024, 5, 6, 9, 0)
        with db.reading() as s:
            kinds = list(s.scalars(select(Interaction.kind).order_by(Interaction.id)))
            assert kinds == ["call"]
            assert set(s.scalars(open_complaint_customer_ids())) == {1}
        customers = CustomerService(db)
        assert customers.get(1).name == "مریم" and customers.get(2).total_spent == 500000
        assert VisitService(db).history(1)[0].satisfaction == 4
    finally:
        db.close()


def test_merging_customers_keeps_their_complaints(db):
    ids = _people(db)
    service = ComplaintService(db)
    service.add(ids["reza"], "دیر شد")
    CustomerService(db).merge(ids["sara"], ids["reza"])
    assert [(c.customer_id, c.text) for c in service.list()] == [(ids["sara"], "دیر شد")]
    with db.reading() as s:
        assert set(s.scalars(open_complaint_customer_ids())) == {ids["sara"]}

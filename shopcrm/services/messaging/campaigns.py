"""Campaigns: who gets what, what it will take, and sending it exactly once.

A :class:`CampaignRequest` names an audience (a segment, a search, chosen ids, everyone,
or a list of mobiles), a channel (``sms``, ``email``, ``both`` to everyone, or
``prefer_email``: email where there is an address, SMS for the rest) and a template.

- :meth:`CampaignService.plan` says everything before anything is sent: recipients per
  channel, each exclusion with its count, characters and parts per SMS (the opt-out line
  of a service line counted), total parts and their estimated cost in money, the credit
  left, messages that would wait for the end of the quiet hours, earlier sends of the
  same message, and whether it is test mode. It writes nothing.
- :meth:`CampaignService.create` writes the campaign and every outbox row in one
  transaction (bodies rendered, so a resume sends exactly what was planned). A real send
  is refused while the shop's name or address is still the placeholder.
- :meth:`CampaignService.send` is the generator of :mod:`.messaging.sender`.

Exclusions (``Plan.excluded``): ``opted_out``, ``no_mobile``, ``invalid_mobile``,
``no_email``, ``duplicate_mobile``, ``duplicate_email``, ``already_in_campaign``,
``not_in_book`` (a listed mobile of nobody in the book, with a personal template),
``in_trash``, ``not_found``; ``snoozed``, ``contacted`` (win-back audiences) and
``open_complaint`` (promotional campaigns), see :mod:`.audiences`; ``already_sent`` and
``waiting_in_campaign`` (the same message, see :mod:`.repeats`).

Opt-outs. Every campaign, the relocation notice and the birthday greeting included, leaves
out customers who opted out of that channel: the issue asks for the relocation notice to go
to "every customer not opted out", and a reply of 11 to a service line is a promise not to
message that person again. There is no override.
"""

from __future__ import annotations

import builtins
import json
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date
from typing import Any

from sqlalchemy import select

from shopcrm.config import SettingsView, option
from shopcrm.domain.dates import local_today, utc_now
from shopcrm.domain.phones import normalize_mobile
from shopcrm.errors import InvalidInput, NotFound, ProviderError
from shopcrm.longwork import run_to_end
from shopcrm.services.messaging import factory, repeats
from shopcrm.services.messaging import outbox as ob
from shopcrm.services.messaging.audiences import (
    AUDIENCE_KINDS,
    COLUMNS,
    Audience,
    Candidate,
    candidates,
    purpose,
)
from shopcrm.services.messaging.campaign_views import (
    CampaignRequest,
    CampaignView,
    Plan,
    Preview,
    SyncResult,
    load_json,
    words,
)
from shopcrm.services.messaging.cost import price_per_part
from shopcrm.services.messaging.providers.base import Credit, EmailProvider, SmsProvider
from shopcrm.services.messaging.ready_campaigns import ReadyCampaigns, birthdays_on, default_name
from shopcrm.services.messaging.sender import (
    INCOMPLETE,
    RETRYABLE_FAILURES,
    Cancel,
    SendOptions,
    SendProgress,
    run_campaign,
)
from shopcrm.services.messaging.sms_text import (
    MAX_CHARS,
    parse_quiet_hours,
    sms_parts,
    with_opt_out,
)
from shopcrm.services.messaging.templates import (
    PERSONAL,
    Person,
    ShopInfo,
    Template,
    compile_template,
)
from shopcrm.storage.chunks import CHUNK_SIZE
from shopcrm.storage.db import Database
from shopcrm.storage.models import Campaign, Customer

CHANNELS = ("sms", "email", "both", "prefer_email")
FINISHED = ("done", INCOMPLETE, "cancelled")


# The name earlier versions filled in for the owner: never a real shop's name.
OLD_PLACEHOLDER_NAME = "آرایشگاه من"

class CampaignService(ReadyCampaigns):
    """Campaigns over one book. Providers come from ``settings`` (see
    :mod:`.messaging.factory`) unless given; ``options`` tunes the send loop."""

    def __init__(
        self,
        db: Database,
        settings: SettingsView,
        *,
        sms: SmsProvider | None = None,
        email: EmailProvider | None = None,
        options: SendOptions | None = None,
    ) -> None:
        self.db, self.settings = db, settings
        self._sms, self._email = sms, email
        self.options = options or SendOptions()
        self.options.line_type = settings.get("sms.line")
        self.options.quiet = parse_quiet_hours(settings.get("sms.quiet_hours"))

    # -- providers -----------------------------------------------------------------------
    def sms_provider(self) -> SmsProvider:
        if self._sms is None:
            self._sms = factory.sms_provider(self.settings, sleep=self.options.sleep)
        return self._sms

    def email_provider(self) -> EmailProvider:
        if self._email is None:
            self._email = factory.email_provider(self.settings, sleep=self.options.sleep)
        return self._email

    def close(self) -> None:
        """Close the providers (their HTTP sessions)."""
        for provider in (self._sms, self._email):
            if provider is not None:
                provider.close()

    def credit(self) -> Credit:
        """The SMS account's remaining credit (``account/info``)."""
        return self.sms_provider().credit()

    def test_file(self, channel: str = "sms") -> str | None:
        """Where ``channel``'s messages are written in test mode; None when they really
        leave the machine (or the channel cannot send)."""
        given: Any = self._sms if channel == "sms" else self._email
        if given is not None:
            return str(given.path) if getattr(given, "name", "") == "file" else None
        if channel == "sms":
            return str(factory.test_file()) if factory.test_mode(self.settings) else None
        if str(self.settings.get("smtp.host") or "").strip():
            return None
        return str(factory.test_file()) if factory.test_mode(self.settings) else None

    # -- planning ------------------------------------------------------------------------
    def plan(self, request: CampaignRequest, *, credit: bool = True) -> Plan:
        """Everything about ``request`` before it is sent; writes nothing. Raises
        InvalidInput for a bad template, channel or audience."""
        with self.db.reading() as s:
            plan = self._plan(s, request, campaign_id=None)
        if credit and plan.by_channel.get("sms") and not self.test_file("sms"):
            if self._sms is None and factory.sms_configured(self.settings):
                plan.credit_error = "sms_not_configured"
            else:
                try:
                    plan.credit = self.credit().remaining
                except ProviderError as err:
                    plan.credit_error = err.code
        return plan

    def _plan(self, s: Any, request: CampaignRequest, campaign_id: int | None) -> Plan:
        if request.channel not in CHANNELS:
            raise InvalidInput("bad_field", field="channel", detail=request.channel)
        template = compile_template(request.text)
        shop = ShopInfo.from_settings(self.settings, new_address=request.new_address)
        template.check_shop(shop)
        subject = self._subject(request, shop)
        line = self.settings.get("sms.line")
        have_pairs: set[tuple[str, str]] = set()
        have_customers: set[int] = set()
        if campaign_id is not None:
            have_pairs, have_customers = ob.existing(s, campaign_id)
        excluded: dict[str, Counter[str]] = {
            "audience": Counter(), "sms": Counter(), "email": Counter()}
        today = local_today()
        people, total = candidates(s, request.audience, settings=self.settings,
                                   personal=template.personal, kind=request.kind,
                                   excluded=excluded["audience"], today=today)
        days = int(self.settings.get("campaign.repeat_days"))
        # a campaign with a dedupe key (the year's birthday greeting) has its own once-rule
        earlier = repeats.earlier(s, text=request.text, kind=request.kind,
                                  days=days, test_mode=self.test_file("sms") is not None,
                                  exclude_campaign=campaign_id,
                                  skip=request.dedupe_key is not None)
        messages: list[ob.NewMessage] = []
        missing: Counter[str] = Counter()
        seen: dict[str, set[str]] = {"sms": set(), "email": set()}
        again, last, unfinished = 0, None, set()
        for c in people:
            for channel, reason in self._routes(request.channel, c):
                if reason:
                    excluded[channel][reason] += 1
                    continue
                recipient = c.mobile if channel == "sms" else c.email
                assert recipient is not None
                if (channel, recipient) in have_pairs or (
                    c.customer_id is not None and c.customer_id in have_customers
                ):
                    excluded[channel]["already_in_campaign"] += 1
                    continue
                if recipient in seen[channel]:
                    excluded[channel]["duplicate_mobile" if channel == "sms"
                                      else "duplicate_email"] += 1
                    continue
                seen[channel].add(recipient)
                person = Person(c.name, c.last_visit_at) if c.customer_id else None
                values = template.values(person, shop, today)
                text = template.fill(values)
                body = with_opt_out(text, line) if channel == "sms" else text
                found = earlier.find(channel, recipient, c.customer_id, body)
                if found is not None:
                    if found.waiting:
                        unfinished.add(found.campaign_id)
                    if found.day is not None and (last is None or found.day > last):
                        last = found.day
                    if not request.again:
                        excluded[channel]["waiting_in_campaign" if found.waiting
                                          else "already_sent"] += 1
                        continue
                    again += 1
                missing.update(f for f in template.fields if not values.get(f))
                if channel == "sms":
                    if len(body) > MAX_CHARS:
                        raise InvalidInput("sms_too_long", chars=len(body), limit=MAX_CHARS)
                    messages.append(ob.NewMessage(c.customer_id, "sms", recipient, body,
                                                  sms_parts(body).parts))
                else:
                    messages.append(ob.NewMessage(c.customer_id, "email", recipient, text, 0))
        plan = self._summary(messages, excluded, template, line, missing, subject)
        price = price_per_part(s, self.settings, line)
        test = {ch: self.test_file(ch) for ch in plan.by_channel}
        plan.kind, plan.purpose = request.kind, purpose(request.kind)
        plan.audience_total = total
        plan.repeat_days, plan.repeats, plan.repeat_last = days, again, last
        plan.unfinished = repeats.unfinished_same(s, unfinished)
        plan.price_per_part, plan.price_source = price.per_part, price.source
        plan.cost_estimate = 0 if test.get("sms") else plan.parts * price.per_part
        plan.test_file = next((t for t in test.values() if t), None)
        plan.key_unused = bool(test.get("sms") and self._sms is None and str(
            self.settings.get("sms.api_key") or "").strip())
        return plan

    def _summary(
        self,
        messages: list[ob.NewMessage],
        excluded: dict[str, Counter[str]],
        template: Template,
        line: str,
        missing: Counter[str],
        subject: str | None,
    ) -> Plan:
        sms = [m for m in messages if m.channel == "sms"]
        chars = [len(m.body) for m in sms]
        per: Counter[int] = Counter(m.parts for m in sms)
        total: Counter[str] = excluded["audience"] + excluded["sms"] + excluded["email"]
        queued, not_before = 0, None
        quiet = self.options.quiet
        if sms and quiet is not None and line == "advertising":
            now = self.options.clock()
            if quiet.is_quiet(now):
                queued, not_before = len(sms), quiet.next_allowed(now).astimezone(UTC)
        sample: dict[str, str] = {}
        for m in messages:
            sample.setdefault(m.channel, m.body)
        return Plan(
            recipients=len(messages),
            customers=len({m.customer_id or m.recipient for m in messages}),
            by_channel={ch: n for ch in ("sms", "email")
                        if (n := sum(1 for m in messages if m.channel == ch))},
            excluded=dict(total),
            excluded_by_channel={ch: dict(c) for ch, c in excluded.items() if c},
            parts=sum(m.parts for m in sms),
            sms_chars={"min": min(chars), "max": max(chars)} if chars else {},
            parts_per_message=dict(sorted(per.items())),
            personalised=template.personal,
            line=line,
            queued=queued,
            not_before=not_before,
            missing_values=dict(missing),
            sample=sample,
            subject=subject if any(m.channel == "email" for m in messages) else None,
            messages=messages,
        )

    def _subject(self, request: CampaignRequest, shop: ShopInfo) -> str:
        text = request.subject or shop.name or "-"
        template = compile_template(text)
        if template.fields & PERSONAL:
            raise InvalidInput("template_subject_personal", subject=text)
        template.check_shop(shop)
        return template.render(None, shop)

    def _routes(self, channel: str, c: Candidate) -> list[tuple[str, str | None]]:
        """(channel, exclusion reason or None) for each message ``c`` may get."""
        sms_reason = (
            "no_mobile" if c.mobile is None and not c.mobile_raw else
            "invalid_mobile" if c.mobile is None else
            "opted_out" if c.sms_opt_out else None
        )
        email_reason = "no_email" if not c.email else "opted_out" if c.email_opt_out else None
        if channel == "sms":
            return [("sms", sms_reason)]
        if channel == "email":
            return [("email", email_reason)]
        if channel == "both":
            return [("sms", sms_reason), ("email", email_reason)]
        if email_reason is None:  # prefer_email
            return [("email", None)]
        return [("sms", sms_reason)]

    # -- creating --------------------------------------------------------------------------
    def create(self, request: CampaignRequest) -> tuple[int, Plan]:
        """Write the campaign (status ``draft``) and all its outbox rows in one
        transaction. Raises ``campaign_no_recipients`` when nobody is left, and
        ``shop_placeholder`` for a real send while the shop's name or address is unset."""
        with self.db.writing() as s:
            plan = self._plan(s, request, campaign_id=None)
            if not plan.messages:
                raise InvalidInput("campaign_no_recipients", excluded=words(plan.excluded))
            self.check_shop(plan)
            campaign = Campaign(
                name=request.name or default_name(request),
                kind=request.kind,
                channel=request.channel,
                template=request.text,
                subject=plan.subject,
                audience=self._audience_json(request, plan),
                status="draft",
                dedupe_key=request.dedupe_key,
            )
            s.add(campaign)
            s.flush()
            ob.insert_messages(s, campaign.id, plan.messages)
            campaign_id = campaign.id
        return campaign_id, plan

    def add_recipients(self, campaign_id: int, request: CampaignRequest) -> Plan:
        """Add the request's audience to an existing campaign; whoever is already in it
        is left out (``already_in_campaign``; the outbox's unique constraint backs it)."""
        with self.db.writing() as s:
            if s.get(Campaign, campaign_id) is None:
                raise NotFound("campaign_not_found", id=campaign_id)
            plan = self._plan(s, request, campaign_id=campaign_id)
            if plan.messages:
                self.check_shop(plan)
            ob.insert_messages(s, campaign_id, plan.messages)
        return plan

    def check_shop(self, plan: Plan) -> None:
        """Refuse a real send (any channel leaving the machine) while the shop's name is
        empty or the placeholder, or its address is empty: ``shop_placeholder`` names
        the setting to fill."""
        if all(self.test_file(ch) for ch in plan.by_channel):
            return
        name = str(self.settings.get("shop.name") or "").strip()
        if not name or name in (option("shop.name").default, OLD_PLACEHOLDER_NAME):
            raise InvalidInput("shop_placeholder", setting="shop.name",
                               setting_fa="نام فروشگاه", value=name)
        if not str(self.settings.get("shop.address") or "").strip():
            raise InvalidInput("shop_placeholder", setting="shop.address",
                               setting_fa="نشانی فروشگاه", value="")

    def _audience_json(self, request: CampaignRequest, plan: Plan) -> str:
        return json.dumps({
            "audience": request.audience.describe(),
            "excluded": plan.excluded,
            "excluded_by_channel": plan.excluded_by_channel,
            "line": plan.line,
            "personalised": plan.personalised,
            "new_address": request.new_address,
            "purpose": plan.purpose,
            "again": request.again,
            "repeats": plan.repeats,
            "cost_estimate": plan.cost_estimate,
            "test_file": plan.test_file,
        }, ensure_ascii=False)

    # -- sending ---------------------------------------------------------------------------
    def send(self, campaign_id: int, *, cancel: Cancel = None) -> Iterator[SendProgress]:
        """Send (or resume) the campaign; see :func:`.messaging.sender.run_campaign`."""
        return run_campaign(self.db, campaign_id, sms=self.sms_provider,
                            email=self.email_provider, options=self.options, cancel=cancel)

    resume = send

    def run_to_end(self, campaign_id: int, *, cancel: Cancel = None) -> SendProgress:
        """Drive :meth:`send` to its end and return the last progress (the kit's
        ``run_to_end``: a send's last progress is ``finished`` and is its result)."""
        last: SendProgress = run_to_end(self.send(campaign_id, cancel=cancel))
        return last

    def run_counted(self, campaign_id: int, *, cancel: Cancel = None
                    ) -> tuple[SendProgress, SendProgress]:
        """Drive :meth:`send` to its end; returns where the campaign stood once this run
        held it (the first progress, yielded after the send's lease is taken) and the
        result: the figures between the two are this run's own, whatever another run sent
        before it got the campaign."""
        seen: list[SendProgress] = []

        def keep_first(progress: SendProgress) -> None:
            if not seen:
                seen.append(progress)

        last: SendProgress = run_to_end(self.send(campaign_id, cancel=cancel), keep_first)
        return (seen[0] if seen else last), last

    def check_ready(self, plan: Plan) -> None:
        """Raise ``sms_not_configured`` / ``smtp_not_configured`` when the plan needs a
        channel the settings cannot send, or ``shop_placeholder`` (before anything is
        created)."""
        if plan.by_channel.get("sms") and self._sms is None:
            problem = factory.sms_configured(self.settings)
            if problem:
                raise ProviderError("sms_not_configured", detail=problem)
        if plan.by_channel.get("email") and self._email is None:
            problem = factory.email_configured(self.settings)
            if problem:
                raise ProviderError("smtp_not_configured", detail=problem)
        self.check_shop(plan)

    def cancel(self, campaign_id: int) -> CampaignView:
        """Stop the campaign: a running sender (any process) stops after its chunk.
        Unsent messages stay pending; :meth:`resume` takes it up again."""
        with self.db.session() as s:
            campaign = s.get(Campaign, campaign_id)
            if campaign is None:
                raise NotFound("campaign_not_found", id=campaign_id)
            if campaign.status not in ("done", INCOMPLETE):
                campaign.status = "cancelled"
                campaign.pause_reason = None
        return self.get(campaign_id)

    def resumable(self) -> list[int]:
        """Campaigns a scheduler may resume: left ``sending`` or ``draft`` by a crash, or
        paused for any reason but the owner's stop, or finished with messages that failed
        for a passing reason (a resume tries those again). Not cancelled ones."""
        with self.db.reading() as s:
            open_ids = set(ob.campaign_ids_with_open(s))
            retry = ob.retryable_failed(s, RETRYABLE_FAILURES)
            rows = s.execute(select(Campaign.id, Campaign.status, Campaign.pause_reason)
                             .where(Campaign.id.in_(open_ids | set(retry)))
                             .order_by(Campaign.id)).all()
        return [i for i, status, reason in rows
                if status in ("draft", "sending") or (status == "paused" and reason != "stopped")
                or (status == INCOMPLETE and i in retry)]

    # -- reading ---------------------------------------------------------------------------
    def get(self, campaign_id: int) -> CampaignView:
        views = self._views([campaign_id])
        if not views:
            raise NotFound("campaign_not_found", id=campaign_id)
        return views[0]

    def list(self, limit: int | None = 100) -> builtins.list[CampaignView]:
        with self.db.reading() as s:
            ids = list(s.scalars(select(Campaign.id).order_by(Campaign.id.desc()).limit(limit)))
        return self._views(ids)

    def _views(self, ids: builtins.list[int]) -> builtins.list[CampaignView]:
        out = []
        now = utc_now()
        with self.db.reading() as s:
            retry = ob.retryable_failed(s, RETRYABLE_FAILURES)
            for c in s.scalars(select(Campaign).where(Campaign.id.in_(ids))
                               .order_by(Campaign.id.desc())):
                n = ob.counts(s, c.id, now)
                about = load_json(c.audience)
                out.append(CampaignView(
                    c.id, c.name, c.kind, c.channel, c.status, c.pause_reason, c.created_at,
                    c.started_at, c.finished_at, n.total, n.sent, n[ob.DELIVERED_STATE],
                    n.failed + n[ob.UNKNOWN_STATE], n.open, n.queued, n.cost, n.parts,
                    about.get("excluded", {}), n.written, n[ob.UNKNOWN_STATE],
                    retry.get(c.id, 0), about.get("test_file"),
                ))
        return out

    def outbox(self, campaign_id: int | None = None, *, status: str | None = None,
               limit: int | None = 200) -> builtins.list[ob.OutboxView]:
        with self.db.reading() as s:
            if campaign_id is not None and s.get(Campaign, campaign_id) is None:
                raise NotFound("campaign_not_found", id=campaign_id)
            return ob.list_rows(s, campaign_id=campaign_id, status=status, limit=limit)

    def preview(self, text: str, *, customer_id: int | None = None, phone: str | None = None,
                channel: str = "sms", new_address: str | None = None) -> Preview:
        """The message one customer would get (any customer, opted out or not)."""
        template = compile_template(text)
        shop = ShopInfo.from_settings(self.settings, new_address=new_address)
        template.check_shop(shop)
        with self.db.reading() as s:
            stmt = select(*COLUMNS)
            if customer_id is not None:
                stmt = stmt.where(Customer.id == customer_id)
            else:
                stmt = stmt.where(Customer.mobile == normalize_mobile(phone))
            row = s.execute(stmt).first()
        if row is None:
            raise NotFound("customer_not_found", ref=customer_id or phone)
        person = Person(row.name, row.last_visit_at)
        body = template.render(person, shop)
        if channel == "sms":
            body = with_opt_out(body, self.settings.get("sms.line"))
        length = sms_parts(body)
        return Preview(row.id, row.name, channel, body, length.chars, length.parts,
                       length.unicode, template.missing(person, shop))

    # -- delivery ----------------------------------------------------------------------------
    def sync_status(self, batch: int = CHUNK_SIZE) -> SyncResult:
        """Ask the gateway (``sms/status``) about every sent SMS whose delivery is not
        final; record the answers, ``batch`` messages at a time (what was learnt stays
        learnt if a later batch fails). Status 14 (blocked by the recipient) marks that
        customer opted out of SMS, with the date."""
        checked = delivered = failed = opted = 0
        after = 0
        while True:
            with self.db.reading() as s:
                rows = ob.unfinished_sms(s, after_id=after, limit=batch)
            if not rows:
                break
            after = rows[-1][0]
            statuses = self.sms_provider().status([mid for _, mid, _ in rows])
            now = utc_now()
            changes, blocked = [], []
            for (row_id, _, customer_id), st in zip(rows, statuses, strict=True):
                if st.status == 100:  # unknown to the gateway: nothing to learn
                    continue
                state = ob.delivery_state(st.status)
                change = {"id": row_id, "provider_status": st.status, "status": state}
                if state == ob.FAILED:
                    change.update(error_code=ob.delivery_error(st.status),
                                  error_text=st.status_text)
                    failed += 1
                delivered += state == ob.DELIVERED_STATE
                if st.status == 14 and customer_id is not None:
                    blocked.append(customer_id)
                changes.append(change)
            with self.db.session() as s:
                ob.apply(s, changes, now)
                opted += ob.opt_out_sms(s, blocked, now)
            checked += len(rows)
        return SyncResult(checked, delivered, failed, opted)



def send_birthday_greetings(
    db: Database,
    settings: SettingsView,
    *,
    today: date | None = None,
    channel: str = "sms",
    text: str | None = None,
    sms: SmsProvider | None = None,
    email: EmailProvider | None = None,
    options: SendOptions | None = None,
    cancel: Cancel = None,
) -> Iterator[SendProgress]:
    """Greet today's birthdays, once per customer per Jalali year; safe to run every day
    (and twice a day) from a scheduler. Yields the send progress; nothing when nobody has
    a birthday today or everyone was greeted already."""
    service = CampaignService(db, settings, sms=sms, email=email, options=options)
    campaign_id, _ = service.prepare_birthday_greetings(today, channel=channel, text=text)
    if campaign_id is None or not service.get(campaign_id).pending:
        return
    yield from service.send(campaign_id, cancel=cancel)



__all__ = [
    "AUDIENCE_KINDS",
    "CHANNELS",
    "Audience",
    "CampaignRequest",
    "CampaignService",
    "CampaignView",
    "Candidate",
    "Plan",
    "Preview",
    "SendOptions",
    "SendProgress",
    "SyncResult",
    "birthdays_on",
    "send_birthday_greetings",
]

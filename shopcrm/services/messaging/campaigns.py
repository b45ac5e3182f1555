"""Campaigns: who gets what, what it will take, and sending it exactly once.

A :class:`CampaignRequest` names an audience (a segment, a search, chosen ids, everyone,
or a list of mobiles), a channel (``sms``, ``email``, ``both`` to everyone, or
``prefer_email``: email where there is an address, SMS for the rest) and a template.

- :meth:`CampaignService.plan` says everything before anything is sent: recipients per
  channel, each exclusion with its count, characters and parts per SMS (the opt-out line
  of a service line counted), total parts, the credit left, messages that would wait for
  the end of the quiet hours. It writes nothing.
- :meth:`CampaignService.create` writes the campaign and every outbox row in one
  transaction (bodies rendered, so a resume sends exactly what was planned).
- :meth:`CampaignService.send` is the generator of :mod:`.messaging.sender`.

Exclusions (``Plan.excluded``): ``opted_out``, ``no_mobile``, ``invalid_mobile``,
``no_email``, ``duplicate_mobile``, ``duplicate_email``, ``already_in_campaign``,
``not_in_book`` (a listed mobile of nobody in the book, with a personal template),
``in_trash``, ``not_found``.

Opt-outs. Every campaign, the relocation notice and the birthday greeting included, leaves
out customers who opted out of that channel: the issue asks for the relocation notice to go
to "every customer not opted out", and a reply of 11 to a service line is a promise not to
message that person again. There is no override.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shopcrm.domain.dates import (
    format_jalali,
    local_to_utc,
    local_today,
    to_jalali,
    utc_now,
)
from shopcrm.domain.phones import normalize_mobile
from shopcrm.errors import InvalidInput, NotFound, ProviderError, ShopError
from shopcrm.services.messaging import factory
from shopcrm.services.messaging import outbox as ob
from shopcrm.services.messaging.providers.base import Credit, EmailProvider, SmsProvider
from shopcrm.services.messaging.sender import Cancel, SendOptions, SendProgress, run_campaign
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
    ready,
)
from shopcrm.storage.chunks import CHUNK_SIZE
from shopcrm.storage.db import Database
from shopcrm.storage.models import Campaign, Customer

CHANNELS = ("sms", "email", "both", "prefer_email")
AUDIENCE_KINDS = ("segment", "search", "ids", "all", "phones")
FINISHED = ("done", "cancelled")


@dataclass(frozen=True)
class Audience:
    """Who a campaign is for. ``value``: the segment name, the search text, the ids or
    the mobiles (as typed)."""

    kind: str
    value: Any = None

    @classmethod
    def segment(cls, name: str) -> Audience:
        return cls("all") if name.strip() == "all" else cls("segment", name.strip())

    @classmethod
    def search(cls, query: str) -> Audience:
        return cls("search", query)

    @classmethod
    def ids(cls, ids: Iterable[int]) -> Audience:
        return cls("ids", tuple(int(i) for i in ids))

    @classmethod
    def everyone(cls) -> Audience:
        return cls("all")

    @classmethod
    def phones(cls, phones: Iterable[str]) -> Audience:
        return cls("phones", tuple(str(p) for p in phones))

    def describe(self) -> dict[str, Any]:
        value = list(self.value) if isinstance(self.value, tuple) else self.value
        return {"kind": self.kind, "value": value}


@dataclass(frozen=True)
class CampaignRequest:
    """What to send to whom. ``text`` is the template; ``new_address`` overrides
    ``shop.new_address`` for ``{new_address}``."""

    text: str
    audience: Audience
    channel: str = "sms"
    name: str | None = None
    subject: str | None = None
    kind: str = "custom"
    new_address: str | None = None
    dedupe_key: str | None = None


@dataclass
class Plan:
    """What a campaign will take, before it is created (plain data)."""

    recipients: int  # messages
    customers: int  # distinct customers reached
    by_channel: dict[str, int]
    excluded: dict[str, int]
    excluded_by_channel: dict[str, dict[str, int]]
    parts: int  # SMS parts in all (what Kavenegar charges per)
    sms_chars: dict[str, int]  # min / max characters of one SMS
    parts_per_message: dict[int, int]  # parts -> number of SMS
    personalised: bool
    line: str
    queued: int  # SMS that would wait for the quiet hours to end
    not_before: datetime | None
    missing_values: dict[str, int]  # placeholder -> messages where it is empty
    credit: int | None = None
    credit_error: str | None = None
    sample: dict[str, str] = field(default_factory=dict)  # channel -> first text
    subject: str | None = None
    messages: list[ob.NewMessage] = field(default_factory=list, repr=False)

    def as_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in self.__dict__.items() if k != "messages"}
        data["parts_per_message"] = {str(k): v for k, v in self.parts_per_message.items()}
        return data


@dataclass(frozen=True)
class CampaignView:
    """A campaign and its outbox counts (plain data)."""

    id: int
    name: str
    kind: str
    channel: str
    status: str
    pause_reason: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    total: int
    sent: int
    delivered: int
    failed: int
    pending: int
    queued: int
    cost: int
    parts: int
    excluded: dict[str, int]

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Preview:
    """One customer's message: the text as sent, its length and what was missing."""

    customer_id: int | None
    name: str | None
    channel: str
    text: str
    chars: int
    parts: int
    unicode: bool
    missing: list[str]

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class SyncResult:
    checked: int
    delivered: int
    failed: int
    opted_out: int  # customers marked opted out by status 14

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class _Candidate:
    customer_id: int | None
    name: str
    mobile: str | None
    mobile_raw: str | None
    email: str | None
    sms_opt_out: bool
    email_opt_out: bool
    last_visit_at: datetime | None


_COLUMNS = (
    Customer.id, Customer.name, Customer.mobile, Customer.mobile_raw, Customer.email,
    Customer.sms_opt_out, Customer.email_opt_out, Customer.last_visit_at,
)


class CampaignService:
    """Campaigns over one book. Providers come from ``settings`` (see
    :mod:`.messaging.factory`) unless given; ``options`` tunes the send loop."""

    def __init__(
        self,
        db: Database,
        settings: Any,
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

    # -- planning ------------------------------------------------------------------------
    def plan(self, request: CampaignRequest, *, credit: bool = True) -> Plan:
        """Everything about ``request`` before it is sent; writes nothing. Raises
        InvalidInput for a bad template, channel or audience."""
        with self.db.reading() as s:
            plan = self._plan(s, request, campaign_id=None)
        if credit and plan.by_channel.get("sms"):
            if self._sms is None and factory.sms_configured(self.settings):
                plan.credit_error = "sms_not_configured"
            else:
                try:
                    plan.credit = self.credit().remaining
                except ProviderError as err:
                    plan.credit_error = err.code
        return plan

    def _plan(self, s: Session, request: CampaignRequest, campaign_id: int | None) -> Plan:
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
        candidates = self._candidates(s, request.audience, template, excluded)
        today = local_today()
        messages: list[ob.NewMessage] = []
        missing: Counter[str] = Counter()
        seen: dict[str, set[str]] = {"sms": set(), "email": set()}
        for c in candidates:
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
                missing.update(f for f in template.fields if not values.get(f))
                text = template.fill(values)
                if channel == "sms":
                    body = with_opt_out(text, line)
                    length = sms_parts(body)
                    if len(body) > MAX_CHARS:
                        raise InvalidInput("sms_too_long", chars=len(body), limit=MAX_CHARS)
                    messages.append(ob.NewMessage(c.customer_id, "sms", recipient, body,
                                                  length.parts))
                else:
                    messages.append(ob.NewMessage(c.customer_id, "email", recipient, text, 0))
        return self._summary(messages, excluded, template, line, missing, subject)

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
        sample = {}
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

    def _routes(self, channel: str, c: _Candidate) -> list[tuple[str, str | None]]:
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

    # -- audiences -----------------------------------------------------------------------
    def _candidates(
        self,
        s: Session,
        audience: Audience,
        template: Template,
        excluded: dict[str, Counter[str]],
    ) -> list[_Candidate]:
        kind = audience.kind
        if kind not in AUDIENCE_KINDS:
            raise InvalidInput("bad_field", field="audience", detail=kind)
        if kind == "phones":
            return self._phone_candidates(s, audience.value or (), template, excluded)
        if kind == "ids":
            ids = list(dict.fromkeys(audience.value or ()))
            rows = self._load(s, ids, include_deleted=True)
            found = {r[0]: r for r in rows}
            out = []
            for i in ids:
                row = found.get(i)
                if row is None:
                    excluded["audience"]["not_found"] += 1
                elif row.deleted_at is not None:
                    excluded["audience"]["in_trash"] += 1
                else:
                    out.append(_candidate(row))
            return out
        if kind == "search":
            if not str(audience.value or "").strip():
                raise InvalidInput("bad_field", field="search", detail="empty")
            from shopcrm.storage.customer_list import customer_ids

            ids = customer_ids(s, query=str(audience.value), order="id")
            return [_candidate(r) for r in sorted(self._load(s, ids), key=lambda r: r.id)]
        stmt = select(*_COLUMNS).where(Customer.deleted_at.is_(None))
        if kind == "segment":
            stmt = stmt.where(self._segment(s, audience.value))
        return [_candidate(r) for r in s.execute(stmt.order_by(Customer.id))]

    def _segment(self, s: Session, name: str) -> ColumnElement[bool]:
        from shopcrm.services.absence.segments import segment_filter

        return segment_filter(name, settings=self.settings, session=s)

    def _load(self, s: Session, ids: Sequence[int], include_deleted: bool = False) -> list[Any]:
        rows: list[Any] = []
        for start in range(0, len(ids), CHUNK_SIZE):
            stmt = select(*_COLUMNS, Customer.deleted_at).where(
                Customer.id.in_(ids[start:start + CHUNK_SIZE])
            )
            if not include_deleted:
                stmt = stmt.where(Customer.deleted_at.is_(None))
            rows.extend(s.execute(stmt))
        return rows

    def _phone_candidates(
        self,
        s: Session,
        phones: Sequence[str],
        template: Template,
        excluded: dict[str, Counter[str]],
    ) -> list[_Candidate]:
        mobiles: list[str] = []
        for raw in phones:
            if not str(raw).strip():
                continue
            try:
                mobile = normalize_mobile(raw)
            except InvalidInput:
                mobile = None
            if mobile is None:
                excluded["audience"]["invalid_mobile"] += 1
            else:
                mobiles.append(mobile)
        known: dict[str, Any] = {}
        unique = list(dict.fromkeys(mobiles))
        for start in range(0, len(unique), CHUNK_SIZE):
            for row in s.execute(select(*_COLUMNS, Customer.deleted_at)
                                 .where(Customer.mobile.in_(unique[start:start + CHUNK_SIZE]))):
                known[row.mobile] = row
        out = []
        for mobile in mobiles:  # duplicates stay: they are counted as such later
            row = known.get(mobile)
            if row is not None and row.deleted_at is not None:
                excluded["audience"]["in_trash"] += 1
            elif row is not None:
                out.append(_candidate(row))
            elif template.personal:
                excluded["audience"]["not_in_book"] += 1
            else:
                out.append(_Candidate(None, "", mobile, None, None, False, False, None))
        return out

    # -- creating --------------------------------------------------------------------------
    def create(self, request: CampaignRequest) -> tuple[int, Plan]:
        """Write the campaign (status ``draft``) and all its outbox rows in one
        transaction. Raises ``campaign_no_recipients`` when nobody is left."""
        with self.db.session() as s:
            plan = self._plan(s, request, campaign_id=None)
            if not plan.messages:
                raise InvalidInput("campaign_no_recipients", excluded=_words(plan.excluded))
            campaign = Campaign(
                name=request.name or _default_name(request),
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
        with self.db.session() as s:
            if s.get(Campaign, campaign_id) is None:
                raise NotFound("campaign_not_found", id=campaign_id)
            plan = self._plan(s, request, campaign_id=campaign_id)
            ob.insert_messages(s, campaign_id, plan.messages)
        return plan

    def _audience_json(self, request: CampaignRequest, plan: Plan) -> str:
        return json.dumps({
            "audience": request.audience.describe(),
            "excluded": plan.excluded,
            "excluded_by_channel": plan.excluded_by_channel,
            "line": plan.line,
            "personalised": plan.personalised,
            "new_address": request.new_address,
        }, ensure_ascii=False)

    # -- sending ---------------------------------------------------------------------------
    def send(self, campaign_id: int, *, cancel: Cancel = None) -> Iterator[SendProgress]:
        """Send (or resume) the campaign; see :func:`.messaging.sender.run_campaign`."""
        return run_campaign(self.db, campaign_id, sms=self.sms_provider,
                            email=self.email_provider, options=self.options, cancel=cancel)

    resume = send

    def run_to_end(self, campaign_id: int, *, cancel: Cancel = None) -> SendProgress:
        """Drive :meth:`send` to its end and return the last progress."""
        last = None
        for last in self.send(campaign_id, cancel=cancel):  # noqa: B007
            pass
        assert last is not None
        return last

    def check_ready(self, plan: Plan) -> None:
        """Raise ``sms_not_configured`` / ``smtp_not_configured`` when the plan needs a
        channel the settings cannot send (before anything is created)."""
        if plan.by_channel.get("sms") and self._sms is None:
            problem = factory.sms_configured(self.settings)
            if problem:
                raise ProviderError("sms_not_configured", detail=problem)
        if plan.by_channel.get("email") and self._email is None:
            problem = factory.email_configured(self.settings)
            if problem:
                raise ProviderError("smtp_not_configured", detail=problem)

    def cancel(self, campaign_id: int) -> CampaignView:
        """Stop the campaign: a running sender (any process) stops after its chunk.
        Unsent messages stay pending; :meth:`resume` takes it up again."""
        with self.db.session() as s:
            campaign = s.get(Campaign, campaign_id)
            if campaign is None:
                raise NotFound("campaign_not_found", id=campaign_id)
            if campaign.status != "done":
                campaign.status = "cancelled"
                campaign.pause_reason = None
        return self.get(campaign_id)

    def resumable(self) -> list[int]:
        """Campaigns a scheduler may resume: left ``sending`` or ``draft`` by a crash, or
        paused for any reason but the owner's stop. Not cancelled ones."""
        with self.db.reading() as s:
            open_ids = set(ob.campaign_ids_with_open(s))
            rows = s.execute(select(Campaign.id, Campaign.status, Campaign.pause_reason)
                             .where(Campaign.id.in_(open_ids)).order_by(Campaign.id)).all()
        return [i for i, status, reason in rows
                if status in ("draft", "sending") or (status == "paused" and reason != "stopped")]

    # -- reading ---------------------------------------------------------------------------
    def get(self, campaign_id: int) -> CampaignView:
        views = self._views([campaign_id])
        if not views:
            raise NotFound("campaign_not_found", id=campaign_id)
        return views[0]

    def list(self, limit: int = 100) -> list[CampaignView]:
        with self.db.reading() as s:
            ids = list(s.scalars(select(Campaign.id).order_by(Campaign.id.desc()).limit(limit)))
        return self._views(ids)

    def _views(self, ids: list[int]) -> list[CampaignView]:
        out = []
        now = utc_now()
        with self.db.reading() as s:
            for c in s.scalars(select(Campaign).where(Campaign.id.in_(ids))
                               .order_by(Campaign.id.desc())):
                n = ob.counts(s, c.id, now)
                out.append(CampaignView(
                    c.id, c.name, c.kind, c.channel, c.status, c.pause_reason, c.created_at,
                    c.started_at, c.finished_at, n.total, n.sent, n[ob.DELIVERED_STATE],
                    n.failed + n[ob.UNKNOWN_STATE], n.open, n.queued, n.cost, n.parts,
                    _load_json(c.audience).get("excluded", {}),
                ))
        return out

    def outbox(self, campaign_id: int | None = None, *, status: str | None = None,
               limit: int | None = 200) -> list[ob.OutboxView]:
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
            stmt = select(*_COLUMNS)
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

    # -- ready campaigns -------------------------------------------------------------------
    def relocation_request(self, new_address: str | None = None, *, channel: str = "both",
                           text: str | None = None, name: str | None = None) -> CampaignRequest:
        """The relocation notice: everyone in the book not opted out (absent and one-off
        customers included), with the new address, by SMS and email."""
        address = (new_address or self.settings.get("shop.new_address") or "").strip()
        if not address:
            raise InvalidInput("relocation_no_address")
        base = ready("relocation")
        return CampaignRequest(
            text=text or base.text, audience=Audience.everyone(), channel=channel,
            name=name, subject=base.subject, kind="relocation", new_address=address,
        )

    def birthday_request(self, today: date | None = None, *, channel: str = "sms",
                         text: str | None = None) -> tuple[CampaignRequest, list[int]]:
        """The greeting for today's birthdays, and their ids."""
        today = today or local_today()
        base = ready("birthday")
        ids = birthdays_on(self.db, today)
        year = to_jalali(today)[0]
        request = CampaignRequest(
            text=text or base.text, audience=Audience.ids(ids), channel=channel,
            name=f"تبریک تولد {year}", subject=base.subject, kind="birthday",
            dedupe_key=f"birthday:{year}",
        )
        return request, ids

    def prepare_birthday_greetings(
        self, today: date | None = None, *, channel: str = "sms", text: str | None = None
    ) -> tuple[int | None, Plan | None]:
        """Add today's birthdays to this Jalali year's birthday campaign (made on first
        use, ``dedupe_key`` ``birthday:<year>``). Whoever is already in it (greeted
        earlier this year, or earlier today) is left out. (None, None) when nobody has a
        birthday today."""
        request, ids = self.birthday_request(today, channel=channel, text=text)
        if not ids:
            return None, None
        campaign_id = self._campaign_by_key(request)
        self._expire_greetings(campaign_id, today or local_today())
        return campaign_id, self.add_recipients(campaign_id, request)

    def _expire_greetings(self, campaign_id: int, today: date) -> None:
        """Greetings of earlier days still unsent (the campaign was cancelled, say) are
        not sent late: they fail as ``birthday_expired``."""
        midnight = local_to_utc(datetime.combine(today, time()))
        with self.db.session() as s:
            s.execute(
                update(ob.T)
                .where(ob.T.c.campaign_id == campaign_id, ob.T.c.status == ob.PENDING,
                       ob.T.c.created_at < midnight)
                .values(status=ob.FAILED, error_code="birthday_expired", updated_at=utc_now())
            )

    def _campaign_by_key(self, request: CampaignRequest) -> int:
        for _ in range(2):  # a second scheduler may create it at the same moment
            with self.db.reading() as s:
                found = s.scalar(select(Campaign.id).where(Campaign.dedupe_key ==
                                                           request.dedupe_key))
                if found is not None:
                    return found
            try:
                with self.db.session() as s:
                    campaign = Campaign(
                        name=request.name or _default_name(request), kind=request.kind,
                        channel=request.channel, template=request.text,
                        subject=self._subject(request, ShopInfo.from_settings(self.settings)),
                        audience=json.dumps({"audience": {"kind": "birthdays"}}),
                        status="draft", dedupe_key=request.dedupe_key,
                    )
                    s.add(campaign)
                    s.flush()
                    return campaign.id
            except IntegrityError:
                continue
        raise ShopError("error", detail=f"cannot create campaign {request.dedupe_key}")


def send_birthday_greetings(
    db: Database,
    settings: Any,
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


def birthdays_on(db: Database, today: date) -> list[int]:
    """Ids of customers (not in the trash) whose Jalali birthday is ``today``
    (30 Esfand birthdays are greeted on 29 Esfand in common years)."""
    from shopcrm.services.absence.birthdays import birthday_clause

    with db.reading() as s:
        return list(s.scalars(select(Customer.id).where(
            Customer.deleted_at.is_(None), birthday_clause(0, today)).order_by(Customer.id)))


def _candidate(row: Any) -> _Candidate:
    return _Candidate(row.id, row.name or "", row.mobile, row.mobile_raw, row.email,
                      bool(row.sms_opt_out), bool(row.email_opt_out), row.last_visit_at)


def _default_name(request: CampaignRequest) -> str:
    return f"{request.kind} {format_jalali(local_today(), persian_digits=False)}"


def _words(excluded: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(excluded.items())) or "-"


def _load_json(text: str | None) -> dict[str, Any]:
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


__all__ = [
    "AUDIENCE_KINDS",
    "CHANNELS",
    "Audience",
    "CampaignRequest",
    "CampaignService",
    "CampaignView",
    "Plan",
    "Preview",
    "SendOptions",
    "SendProgress",
    "SyncResult",
    "birthdays_on",
    "send_birthday_greetings",
]

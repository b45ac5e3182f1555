"""``shopcrm send``, ``campaigns``, ``outbox``, ``resume``, ``cancel``, ``sync-status``,
``credit``, ``relocation`` and ``template preview|list``.

``send`` shows what it will do (recipients, exclusions, parts, credit) and then sends;
``--dry-run`` stops after the plan. Sending needs ``--yes``, or a "y" typed at a
terminal: without a terminal and without ``--yes`` it refuses (exit 1). The first Ctrl-C
stops after the chunk in flight (the campaign pauses, ``shopcrm resume`` goes on); a
second one interrupts at once (``resume`` looks up what was in flight).

``shopcrm birthdays`` belongs to :mod:`.absence`; this module adds its ``--send`` (greet
today's birthdays) when it registers, so the sending options live beside the others.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from typing import Any

from shopcrm.cli.context import CommandError, Context, add_command, table
from shopcrm.domain.dates import format_jalali, utc_to_local
from shopcrm.domain.text import fold_digits
from shopcrm.error_text import describe
from shopcrm.errors import ProviderError
from shopcrm.longwork import ProgressBar
from shopcrm.services.messaging.campaigns import (
    CHANNELS,
    Audience,
    CampaignRequest,
    CampaignService,
    Plan,
)
from shopcrm.services.messaging.sender import SendProgress
from shopcrm.services.messaging.templates import READY, ready

_SPLIT = str.maketrans({"،": ",", ";": ",", "\n": ","})


def _items(text: str) -> list[str]:
    return [p.strip() for p in fold_digits(text).translate(_SPLIT).split(",") if p.strip()]


def _audience(args: argparse.Namespace) -> Audience:
    given = [n for n in ("segment", "search", "all", "phones", "ids") if getattr(args, n)]
    if len(given) != 1:
        raise CommandError("name the audience with one of --segment, --search, --all, "
                           "--phones or --ids")
    if args.all:
        return Audience.everyone()
    if args.segment:
        return Audience.segment(args.segment)
    if args.search:
        return Audience.search(args.search)
    if args.phones:
        return Audience.phones(_items(args.phones))
    try:
        return Audience.ids(int(i) for i in _items(args.ids))
    except ValueError:
        raise CommandError(f"--ids: not a list of numbers: {args.ids}") from None


def _request(args: argparse.Namespace) -> CampaignRequest:
    base = ready(args.template) if args.template else None
    text = args.text or (base.text if base else None)
    if not text:
        raise CommandError("give the message with --text TEMPLATE or --template NAME")
    return CampaignRequest(
        text=text, audience=_audience(args), channel=args.channel.replace("-", "_"),
        name=args.name, subject=args.subject or (base.subject if base else None),
        kind=base.kind if base else "custom", new_address=args.new_address,
    )


def _service(ctx: Context) -> CampaignService:
    return CampaignService(ctx.db, ctx.settings)


# -- send ----------------------------------------------------------------------------------
def cmd_send(ctx: Context, args: argparse.Namespace) -> int:
    return _plan_and_send(ctx, args, _request(args))


def cmd_relocation(ctx: Context, args: argparse.Namespace) -> int:
    service = _service(ctx)
    request = service.relocation_request(args.new_address, channel=args.channel.replace(
        "-", "_"), text=args.text, name=args.name)
    return _plan_and_send(ctx, args, request, service)


def _plan_and_send(ctx: Context, args: argparse.Namespace, request: CampaignRequest,
                   service: CampaignService | None = None) -> int:
    service = service or _service(ctx)
    plan = service.plan(request)
    if args.dry_run:
        ctx.emit(_result(None, plan, None, dry_run=True), _plan_lines(plan))
        return 0
    if not plan.recipients:
        ctx.emit(_result(None, plan, None, dry_run=False), _plan_lines(plan))
        raise CommandError("nobody to send to: every recipient was excluded")
    service.check_ready(plan)
    if not args.yes:
        _confirm(ctx, plan)
    campaign_id, plan = service.create(request)
    if not ctx.as_json:
        ctx.note(f"campaign #{campaign_id}: sending {plan.recipients:,} messages")
    last = _drive(ctx, service, campaign_id)
    ctx.emit(_result(campaign_id, plan, last, dry_run=False), _done_lines(campaign_id, last))
    return _exit(ctx, last)


def _confirm(ctx: Context, plan: Plan) -> None:
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        raise CommandError("refusing to send without --yes when not at a terminal "
                           "(see what would be sent with --dry-run)")
    for line in _plan_lines(plan):
        print(line, file=sys.stderr)
    answer = input(f"send {plan.recipients:,} messages? [y/N] ").strip().lower()
    if answer not in ("y", "yes", "بله", "ب"):
        raise CommandError("not sent")


@contextlib.contextmanager
def _first_ctrl_c_stops(flag: threading.Event) -> Iterator[None]:
    """First Ctrl-C sets ``flag`` (stop after this chunk); the second interrupts."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: Any) -> None:
        if flag.is_set():
            raise KeyboardInterrupt
        flag.set()
        print("\nstopping after this chunk (Ctrl-C again to interrupt)", file=sys.stderr)

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _drive(ctx: Context, service: CampaignService, campaign_id: int) -> SendProgress:
    flag = threading.Event()
    last: SendProgress | None = None
    with _first_ctrl_c_stops(flag), ProgressBar.for_terminal(
            ctx.as_json, unit="messages",
            label=lambda p: f"sent {p.sent:,} failed {p.failed:,}") as bar:
        for last in service.send(campaign_id, cancel=flag):
            bar(last)
            if last.error_code and not last.finished:
                error = ProviderError(last.error_code, **last.error_data)
                ctx.note(f"\n{describe(error, ctx.lang)} (trying again)")
    assert last is not None
    return last


def _exit(ctx: Context, last: SendProgress) -> int:
    if last.status == "paused" and last.pause_reason not in ("quiet_hours", "stopped"):
        if last.error_code:
            print(describe(ProviderError(last.error_code, **last.error_data), ctx.lang),
                  file=sys.stderr)
        print(f"campaign #{last.campaign_id} paused ({last.pause_reason}); "
              f"continue with: shopcrm resume {last.campaign_id}", file=sys.stderr)
        return 1
    if last.status == "paused":
        ctx.note(f"campaign #{last.campaign_id} paused ({last.pause_reason}); continue with: "
                 f"shopcrm resume {last.campaign_id}")
    return 0


def _result(campaign_id: int | None, plan: Plan | None, last: SendProgress | None, *,
            dry_run: bool) -> dict[str, Any]:
    data: dict[str, Any] = {"campaign": campaign_id, "dry_run": dry_run}
    if plan is not None:
        data.update(plan.as_dict())
    if last is not None:
        data.update(
            status=last.status, pause_reason=last.pause_reason, sent=last.sent,
            failed=last.failed, invalid=last.invalid, queued=last.queued,
            pending=last.pending, cost=last.cost, error=last.error_code, total=last.total,
        )
    else:
        data.update(status="planned" if dry_run else "not_sent", sent=0, failed=0, invalid=0,
                    queued=plan.queued if plan else 0, pending=0, cost=0, error=None)
    return data


def _plan_lines(plan: Plan) -> list[str]:
    channels = ", ".join(f"{k} {v:,}" for k, v in plan.by_channel.items()) or "-"
    lines = [f"recipients: {plan.recipients:,} ({channels})"]
    for reason, n in sorted(plan.excluded.items()):
        lines.append(f"  excluded, {reason.replace('_', ' ')}: {n:,}")
    if plan.by_channel.get("sms"):
        chars = plan.sms_chars
        size = (f"{chars['min']}" if chars["min"] == chars["max"]
                else f"{chars['min']}-{chars['max']}")
        per = ", ".join(f"{n:,} x {p} part{'s' if p > 1 else ''}"
                        for p, n in plan.parts_per_message.items())
        lines.append(f"SMS: {size} characters a message; {per}; {plan.parts:,} parts in all "
                     f"({plan.line} line)")
        if plan.credit is not None:
            lines.append(f"credit left: {plan.credit:,} rials")
        elif plan.credit_error:
            lines.append(f"credit left: unknown ({plan.credit_error})")
        if plan.queued:
            lines.append(f"queued until {plan.not_before:%H:%M} UTC (quiet hours): "
                         f"{plan.queued:,}")
    for placeholder, n in sorted(plan.missing_values.items()):
        lines.append(f"  {{{placeholder}}} is empty for {n:,} messages")
    for channel, text in plan.sample.items():
        lines.append(f"--- {channel} example ---")
        lines.extend(text.splitlines())
    return lines


def _done_lines(campaign_id: int, last: SendProgress) -> list[str]:
    line = (f"campaign #{campaign_id}: {last.status}"
            + (f" ({last.pause_reason})" if last.pause_reason else "")
            + f"; sent {last.sent:,}, failed {last.failed:,}")
    if last.queued:
        line += f", queued {last.queued:,}"
    if last.pending - last.queued > 0:
        line += f", not yet sent {last.pending - last.queued:,}"
    return [line + (f"; cost {last.cost:,} rials" if last.cost else "")]


# -- the other commands ----------------------------------------------------------------------
def cmd_resume(ctx: Context, args: argparse.Namespace) -> int:
    service = _service(ctx)
    if args.all == (args.campaign is not None):
        raise CommandError("name a CAMPAIGN, or give --all")
    ids = service.resumable() if args.all else [args.campaign]
    results, code = [], 0
    for campaign_id in ids:
        service.get(campaign_id)  # campaign_not_found before anything else
        last = _drive(ctx, service, campaign_id)
        results.append(_result(campaign_id, None, last, dry_run=False))
        code = max(code, _exit(ctx, last))
        if not ctx.as_json:
            for line in _done_lines(campaign_id, last):
                print(line)
    if ctx.as_json:
        ctx.emit(results if args.all else results[0])
    elif not ids:
        print("nothing to resume")
    return code


def cmd_cancel(ctx: Context, args: argparse.Namespace) -> int:
    view = _service(ctx).cancel(args.campaign)
    ctx.emit(view, f"campaign #{view.id} {view.status}: {view.sent:,} sent, {view.pending:,} "
                   f"not sent (shopcrm resume {view.id} sends them)")
    return 0


def cmd_campaigns(ctx: Context, args: argparse.Namespace) -> int:
    views = _service(ctx).list(limit=args.limit)
    rows = [(v.id, v.name, v.channel, v.status + (f" ({v.pause_reason})" if v.pause_reason
                                                 else ""),
             v.total, v.sent, v.failed, v.pending, f"{v.cost:,}",
             format_jalali(utc_to_local(v.created_at), persian_digits=False))
            for v in views]
    ctx.emit(views, table(rows, ["id", "name", "channel", "status", "messages", "sent",
                                 "failed", "pending", "cost", "created"]))
    return 0


def cmd_outbox(ctx: Context, args: argparse.Namespace) -> int:
    rows = _service(ctx).outbox(args.campaign, status=args.status, limit=args.limit)
    text = table([(r.id, r.campaign_id, r.channel, r.recipient, r.status, r.parts,
                   r.cost if r.cost is not None else "", r.provider_message_id or "",
                   r.error_code or "") for r in rows],
                 ["id", "campaign", "channel", "recipient", "status", "parts", "cost",
                  "message id", "error"])
    ctx.emit(rows, text)
    return 0


def cmd_sync(ctx: Context, args: argparse.Namespace) -> int:
    result = _service(ctx).sync_status()
    ctx.emit(result, f"checked {result.checked:,} messages: {result.delivered:,} delivered, "
                     f"{result.failed:,} failed; {result.opted_out:,} customers opted out")
    return 0


def cmd_credit(ctx: Context, args: argparse.Namespace) -> int:
    service = _service(ctx)
    credit = service.credit()
    provider = ctx.settings.get("sms.provider")
    ctx.emit({"provider": provider, "remaining": credit.remaining, "currency": credit.currency},
             f"{provider}: {credit.remaining:,} {credit.currency}s left"
             if credit.remaining is not None else f"{provider}: unknown")
    return 0


def cmd_preview(ctx: Context, args: argparse.Namespace) -> int:
    if args.phone is None and args.customer_id is None:
        raise CommandError("name the customer with --phone P or --id N")
    text = args.text or (ready(args.template).text if args.template else None)
    if not text:
        raise CommandError("give the message with --text TEMPLATE or --template NAME")
    p = _service(ctx).preview(text, customer_id=args.customer_id, phone=args.phone,
                              channel=args.channel, new_address=args.new_address)
    lines = [*p.text.splitlines(), "---",
             f"{p.chars} characters, {p.parts} part{'s' if p.parts != 1 else ''}"
             + (" (Persian: 70/67 a part)" if p.unicode else " (160/153 a part)")]
    if p.missing:
        lines.append("empty for this customer: " + ", ".join("{" + m + "}" for m in p.missing))
    ctx.emit(p, lines)
    return 0


def cmd_templates(ctx: Context, args: argparse.Namespace) -> int:
    data = [{"key": t.key, "title": t.title, "text": t.text, "subject": t.subject}
            for t in READY.values()]
    lines: list[str] = []
    for t in READY.values():
        lines += [f"[{t.key}] {t.title}", *t.text.splitlines(), ""]
    ctx.emit(data, lines)
    return 0


# -- shopcrm birthdays --send ----------------------------------------------------------------
def _birthdays_with_send(listing: Any) -> Any:
    """``shopcrm birthdays`` lists; with ``--send`` it greets today's birthdays."""

    def handler(ctx: Context, args: argparse.Namespace) -> int:
        if not args.send:
            return int(listing(ctx, args) or 0)
        return cmd_birthdays_send(ctx, args)

    return handler


def cmd_birthdays_send(ctx: Context, args: argparse.Namespace) -> int:
    """Greet today's birthdays once per customer per Jalali year (scheduler-safe)."""
    from shopcrm.domain.dates import local_today, parse_date

    today = parse_date(args.as_of) if args.as_of else local_today()
    service = _service(ctx)
    channel = args.channel.replace("-", "_")
    request, ids = service.birthday_request(today, channel=channel, text=args.text)
    if ids:
        service.check_ready(service.plan(request, credit=False))
        if not args.yes and not (sys.stdin.isatty() and sys.stderr.isatty()):
            raise CommandError("refusing to send without --yes when not at a terminal")
        if not args.yes:
            answer = input(f"greet {len(ids):,} customers? [y/N] ").strip().lower()
            if answer not in ("y", "yes", "بله", "ب"):
                raise CommandError("not sent")
    campaign_id, plan = service.prepare_birthday_greetings(today, channel=channel,
                                                           text=args.text)
    if campaign_id is None or plan is None:
        ctx.emit(_result(None, None, None, dry_run=False) | {"birthdays": 0},
                 "no birthdays today")
        return 0
    last = None
    if service.get(campaign_id).pending:
        last = _drive(ctx, service, campaign_id)
    data = _result(campaign_id, plan, last, dry_run=False) | {"birthdays": len(ids)}
    ctx.emit(data, _done_lines(campaign_id, last) if last else
             [f"campaign #{campaign_id}: everyone was greeted already"])
    return _exit(ctx, last) if last else 0


def _extend_birthdays(commands: argparse._SubParsersAction) -> None:
    """Add ``--send`` to ``shopcrm birthdays`` (registered by :mod:`.absence`)."""
    parser = commands.choices.get("birthdays")
    if parser is None:
        return
    group = parser.add_argument_group("greeting (--send)")
    group.add_argument("--send", action="store_true",
                       help="greet today's birthdays (once per customer per year; safe to "
                            "run every day from a scheduler)")
    group.add_argument("--channel", choices=("sms", "email", "both", "prefer-email"),
                       default="sms")
    group.add_argument("--text", help="your own greeting instead of the ready one")
    group.add_argument("--yes", "-y", action="store_true", help="send without asking")
    parser.set_defaults(handler=_birthdays_with_send(parser.get_default("handler")))


# -- registration ----------------------------------------------------------------------------
def _send_options(parser: argparse.ArgumentParser, *, channel_default: str) -> None:
    parser.add_argument("--channel", default=channel_default,
                        choices=[*CHANNELS, "prefer-email"],
                        help="sms, email, both (to everyone), prefer-email (email where "
                             "there is an address, SMS for the rest)")
    parser.add_argument("--name", help="the campaign's name")
    parser.add_argument("--dry-run", action="store_true",
                        help="show recipients, exclusions, parts and credit; send nothing")
    parser.add_argument("--yes", "-y", action="store_true", help="send without asking")


def register(commands: argparse._SubParsersAction, common: Any) -> None:
    send = add_command(commands, common, "send", cmd_send,
                       "send an SMS or email campaign to an audience")
    _send_options(send, channel_default="sms")
    who = send.add_argument_group("audience (one of)")
    who.add_argument("--segment", help="all, regular, absent, overdue, vip, rfm:NAME, "
                                       "birthday:DAYS, tag:NAME, new, ...")
    who.add_argument("--search", help="customers matching this search")
    who.add_argument("--all", action="store_true", help="every customer")
    who.add_argument("--phones", help="mobiles, comma-separated")
    who.add_argument("--ids", help="customer ids, comma-separated")
    send.add_argument("--text", help="the template: {name} {first_name} {shop} {shop_address} "
                                     "{shop_phone} {last_visit} {days_absent} {new_address}")
    send.add_argument("--template", choices=sorted(READY), help="a ready template")
    send.add_argument("--subject", help="email subject (default: the shop's name)")
    send.add_argument("--new-address", help="for {new_address} (default: shop.new_address)")

    move = add_command(commands, common, "relocation", cmd_relocation,
                       "tell every customer not opted out the shop's new address")
    _send_options(move, channel_default="both")
    move.add_argument("--new-address", help="the new address (default: shop.new_address)")
    move.add_argument("--text", help="your own text instead of the ready one")

    listing = add_command(commands, common, "campaigns", cmd_campaigns, "list campaigns")
    listing.add_argument("--limit", type=int, default=100)

    box = add_command(commands, common, "outbox", cmd_outbox, "messages of the outbox")
    box.add_argument("--campaign", type=int)
    box.add_argument("--status", help="pending, sending, sent, delivered, failed, invalid, "
                                      "unknown")
    box.add_argument("--limit", type=int, default=200)

    resume = add_command(commands, common, "resume", cmd_resume,
                         "go on sending a campaign where it stopped")
    resume.add_argument("campaign", type=int, nargs="?")
    resume.add_argument("--all", action="store_true",
                        help="every campaign left unfinished (not cancelled, not stopped by "
                             "you): for a scheduler")

    cancel = add_command(commands, common, "cancel", cmd_cancel,
                         "stop a campaign (a running send stops after its chunk)")
    cancel.add_argument("campaign", type=int)

    add_command(commands, common, "sync-status", cmd_sync,
                "ask the gateway for the delivery of sent SMS")
    add_command(commands, common, "credit", cmd_credit, "the SMS account's credit")

    template = commands.add_parser("template", help="preview a message, list ready templates")
    sub = template.add_subparsers(dest="action", metavar="ACTION", parser_class=type(template))
    sub.required = True
    preview = add_command(sub, common, "preview", cmd_preview,
                          "the message one customer would get")
    preview.add_argument("--text")
    preview.add_argument("--template", choices=sorted(READY))
    preview.add_argument("--phone")
    preview.add_argument("--id", type=int, dest="customer_id")
    preview.add_argument("--channel", choices=("sms", "email"), default="sms")
    preview.add_argument("--new-address")
    add_command(sub, common, "list", cmd_templates, "the ready templates")
    _extend_birthdays(commands)

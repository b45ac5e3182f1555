"""``shopcrm campaigns``, ``outbox``, ``cancel``, ``sync-status``, ``credit``, ``unknown``
and ``template preview|list``: looking after campaigns once they are made.

Sending itself (``send``, ``relocation``, ``resume``, ``birthdays --send``) is
:mod:`.messaging`; the sentences both print are :mod:`.sending_words`.
"""

from __future__ import annotations

import argparse
from typing import Any

from shopcrm.cli import sending_words as sw
from shopcrm.cli.context import CommandError, Context, add_command
from shopcrm.domain.dates import utc_to_local
from shopcrm.error_text import describe
from shopcrm.services.messaging import unknown_emails
from shopcrm.services.messaging.campaigns import CampaignService
from shopcrm.services.messaging.names import localise_placeholders, placeholder_word
from shopcrm.services.messaging.templates import READY, ready


def _service(ctx: Context) -> CampaignService:
    return CampaignService(ctx.db, ctx.settings)


def cmd_campaigns(ctx: Context, args: argparse.Namespace) -> int:
    views = _service(ctx).list(limit=args.limit)
    rows = [(ctx.digits(v.id), v.name, ctx.t(v.channel),
             sw.finished_words(v.status, v.failed, ctx.lang)
             + (f" ({ctx.t(v.pause_reason)})" if v.pause_reason else "")
             + (" [" + ctx.t("test mode") + "]" if v.test_file else ""),
             ctx.num(v.total), ctx.num(v.sent), ctx.num(v.failed), ctx.num(v.pending),
             ctx.money(v.cost, with_unit=False), ctx.day(utc_to_local(v.created_at)))
            for v in views]
    ctx.emit(views, ctx.table(rows, ["id", "name", "channel", "status", "messages", "sent",
                                     "failed", "pending", ctx.money_header("cost ({unit})"),
                                     "created"])
             if views else [ctx.t("no campaigns yet")])
    return 0


def cmd_outbox(ctx: Context, args: argparse.Namespace) -> int:
    rows = _service(ctx).outbox(args.campaign, status=args.status, limit=args.limit)
    text = ctx.table([(ctx.digits(r.id), ctx.digits(r.campaign_id), ctx.t(r.channel),
                       ctx.digits(r.recipient) if r.channel == "sms" else r.recipient,
                       ctx.t("test (not sent)") if r.status == "test" else ctx.t(r.status),
                       ctx.num(r.parts),
                       ctx.money(r.cost, with_unit=False), ctx.digits(r.provider_message_id),
                       describe(sw.ProblemCode(r.error_code), ctx.lang) if r.error_code else "")
                      for r in rows],
                     ["id", "campaign", "channel", "recipient", "status", "parts",
                      ctx.money_header("cost ({unit})"), "message id", "error"]) if rows else [
        ctx.t("no messages")]
    ctx.emit(rows, text)
    return 0


def cmd_sync(ctx: Context, args: argparse.Namespace) -> int:
    result = _service(ctx).sync_status()
    ctx.emit(result, ctx.t("checked {checked:,} messages: {delivered:,} delivered, "
                           "{failed:,} failed; {opted:,} customers opted out",
                           checked=result.checked, delivered=result.delivered,
                           failed=result.failed, opted=result.opted_out))
    return 0


def cmd_credit(ctx: Context, args: argparse.Namespace) -> int:
    service = _service(ctx)
    test_file = service.test_file("sms")
    if test_file:
        ctx.emit({"provider": "file", "test_mode": True, "remaining": None,
                  "test_file": test_file},
                 ctx.t("test mode: there is no SMS account; messages are written to {path} "
                       "and none is sent. Enter a Kavenegar API key to send for real.",
                       path=test_file))
        return 0
    credit = service.credit()
    from shopcrm.services.messaging.factory import sms_kind

    provider = sms_kind(ctx.settings)
    ctx.emit({"provider": provider, "test_mode": False, "remaining": credit.remaining,
              "currency": credit.currency},
             ctx.t("{provider}: {amount} left", provider=ctx.t(f"provider {provider}"),
                   amount=ctx.money(credit.remaining))
             if credit.remaining is not None
             else ctx.t("{provider}: unknown", provider=ctx.t(f"provider {provider}")))
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
             ctx.t("{chars:,} characters, {parts:,} part" if p.parts == 1 else
                   "{chars:,} characters, {parts:,} parts", chars=p.chars, parts=p.parts)
             + ctx.t(" (Persian: 70/67 a part)" if p.unicode else " (160/153 a part)")]
    if p.missing:
        lines.append(ctx.t("empty for this customer: {names}", names=ctx.t(", ").join(
            placeholder_word(m, ctx.lang) for m in p.missing)))
    ctx.emit(p, lines)
    return 0


def cmd_templates(ctx: Context, args: argparse.Namespace) -> int:
    data = [{"key": t.key, "title": t.title, "text": t.text, "subject": t.subject}
            for t in READY.values()]
    lines: list[str] = []
    for t in READY.values():
        lines += [f"[{t.key}] {t.title}" if ctx.lang != "fa" else
                  ctx.t("{title} (--template {key})", title=t.title, key=t.key),
                  *localise_placeholders(t.text, ctx.lang).splitlines(), ""]
    ctx.emit(data, lines)
    return 0


def cmd_unknown(ctx: Context, args: argparse.Namespace) -> int:
    """The campaign's emails with an unknown outcome; ``--resend`` or ``--drop`` them."""
    if args.resend and args.drop:
        raise CommandError("give --resend or --drop, not both")
    ids = None
    if args.ids:
        try:
            ids = [int(i) for i in sw.items(args.ids)]
        except ValueError:
            raise CommandError("--ids: not a list of numbers: {value}",
                               value=args.ids) from None
    rows = unknown_emails.unknown(ctx.db, args.campaign)
    if args.resend or args.drop:
        action = "resend" if args.resend else "drop"
        n = unknown_emails.settle(ctx.db, args.campaign, action, ids)
        text = (ctx.t("{n:,} emails are pending again: shopcrm resume {id}", n=n,
                      id=args.campaign) if action == "resend" else
                ctx.t("{n:,} emails dropped", n=n))
        ctx.emit({"campaign": args.campaign, "action": action, "count": n}, text)
        return 0
    lines = [sw.unknown_risk(len(rows), ctx.lang)] if rows else [
        ctx.t("no email has an unknown outcome")]
    if rows:
        lines += ctx.table([(ctx.digits(r.id), r.recipient) for r in rows], ["id", "email"])
        lines.append(f"shopcrm unknown {args.campaign} --resend | --drop [--ids 1,2]")
    ctx.emit(rows, lines)
    return 0


def cmd_cancel(ctx: Context, args: argparse.Namespace) -> int:
    view = _service(ctx).cancel(args.campaign)
    ctx.emit(view, ctx.t("campaign #{id} {status}: {sent:,} sent, {pending:,} not sent "
                         "(shopcrm resume {id} sends them)", id=ctx.digits(view.id),
                         status=ctx.t(view.status), sent=view.sent, pending=view.pending))
    return 0


def register(commands: argparse._SubParsersAction, common: Any) -> None:
    listing = add_command(commands, common, "campaigns", cmd_campaigns, "list campaigns")
    listing.add_argument("--limit", type=int, default=100,
                         help="campaigns shown, newest first (default 100; 0 = all)")

    box = add_command(commands, common, "outbox", cmd_outbox, "messages of the outbox")
    box.add_argument("--campaign", type=int, help="only this campaign's messages (its id)")
    box.add_argument("--status", help="pending, sending, sent, delivered, failed, invalid, "
                                      "unknown")
    box.add_argument("--limit", type=int, default=200,
                     help="messages shown (default 200; 0 = all)")

    cancel = add_command(commands, common, "cancel", cmd_cancel,
                         "stop a campaign (a running send stops after its chunk)")
    cancel.add_argument("campaign", type=int, help="the campaign's id")

    add_command(commands, common, "sync-status", cmd_sync,
                "ask the gateway for the delivery of sent SMS")
    add_command(commands, common, "credit", cmd_credit, "the SMS account's credit")

    template = commands.add_parser("template", help="preview a message, list ready templates")
    sub = template.add_subparsers(dest="action", metavar="ACTION", parser_class=type(template))
    sub.required = True
    preview = add_command(sub, common, "preview", cmd_preview,
                          "the message one customer would get")
    preview.add_argument("--text", help="the message, with its placeholders")
    preview.add_argument("--template", choices=sorted(READY), help="a ready template")
    preview.add_argument("--phone", help="the customer's mobile (any spelling)")
    preview.add_argument("--id", type=int, dest="customer_id", help="the customer's id")
    preview.add_argument("--channel", choices=("sms", "email"), default="sms",
                         help="as an SMS or an email (default sms)")
    preview.add_argument("--new-address", help="for {new_address} (default: shop.new_address)")
    add_command(sub, common, "list", cmd_templates, "the ready templates")

    doubt = add_command(commands, common, "unknown", cmd_unknown,
                        "emails whose outcome is unknown (a kill mid-send): resend or drop")
    doubt.add_argument("campaign", type=int, help="the campaign's id")
    doubt.add_argument("--resend", action="store_true", help="send them again (some may "
                                                             "get the email twice)")
    doubt.add_argument("--drop", action="store_true", help="give them up (some may never "
                                                           "get the email)")
    doubt.add_argument("--ids", help="only these outbox ids, comma-separated")

"""``shopcrm complaint|complaints|inbox|survey|call-list``: hear the customer, fix it.

- ``complaint add --phone P --text T [--severity low|medium|high] [--visit ID]``,
  ``complaint progress ID``, ``complaint resolve ID [--note T]``;
  ``complaints [--open] [--customer-phone P]`` lists them with the report (open, resolved,
  median days to resolve, by service and staff).
- ``inbox sync`` reads the line's replies (Kavenegar ``sms/receive``) and acts on them
  once; ``inbox [--unread]`` lists them; ``inbox read ID...`` marks them read.
- ``survey send [--since DATE | --phones P,...] [--yes]``: the after-visit surveys that
  are due (or those chosen); without ``--yes`` it only says what would go.
- ``call-list``: customers to call back (a low survey score puts them there).
"""

from __future__ import annotations

import argparse
from typing import Any

from shopcrm.cli.context import CommandError, Context, add_command, table
from shopcrm.cli.customers import add_customer_ref, resolve_customer
from shopcrm.domain.dates import format_jalali, parse_date, utc_to_local
from shopcrm.error_text import describe
from shopcrm.errors import InvalidInput, ShopError
from shopcrm.services.retention.complaints import (
    CHANNELS,
    SEVERITIES,
    ComplaintService,
    ComplaintView,
)


def _when(dt: Any) -> str:
    return format_jalali(utc_to_local(dt), persian_digits=False, with_time=True) if dt else ""


def _id(value: str) -> int:
    from shopcrm.domain.text import fold_digits

    text = fold_digits(value).strip().lstrip("#")
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"not an id: {value!r}")
    return int(text)


# -- complaints ----------------------------------------------------------------------------


def _complaint_line(c: ComplaintView) -> tuple[Any, ...]:
    return (c.id, _when(c.opened_at), c.customer_name, c.mobile or "", c.severity, c.status,
            c.channel, c.service or "", c.staff or "", c.text[:40])


HEADERS = ["id", "opened", "customer", "mobile", "severity", "status", "channel", "service",
           "staff", "text"]


def cmd_complaint_add(ctx: Context, args: argparse.Namespace) -> int:
    customer = resolve_customer(ctx, args)
    view = ComplaintService(ctx.db).add(customer.id, args.text, severity=args.severity,
                                        channel=args.channel, visit_id=args.visit,
                                        handled_by=args.by)
    ctx.emit(view, f"complaint #{view.id} opened for #{customer.id} {customer.name} "
                   f"({view.severity})")
    return 0


def cmd_complaint_progress(ctx: Context, args: argparse.Namespace) -> int:
    view = ComplaintService(ctx.db).set_status(args.complaint_id, "in_progress",
                                               note=args.note, handled_by=args.by)
    ctx.emit(view, f"complaint #{view.id} is in progress")
    return 0


def cmd_complaint_resolve(ctx: Context, args: argparse.Namespace) -> int:
    view = ComplaintService(ctx.db).resolve(args.complaint_id, args.note, handled_by=args.by)
    days = view.days_to_resolve or 0.0
    ctx.emit(view, f"complaint #{view.id} of {view.customer_name} resolved after "
                   f"{days:.1f} days")
    return 0


def cmd_complaints(ctx: Context, args: argparse.Namespace) -> int:
    service = ComplaintService(ctx.db)
    customer_id = None
    if args.phone is not None or args.customer_id is not None:
        customer_id = resolve_customer(ctx, args, include_deleted=True).id
    rows = service.list(open_only=args.open, customer_id=customer_id, limit=args.limit)
    report = service.report()
    median = ("-" if report.median_days_to_resolve is None
              else f"{report.median_days_to_resolve:g}")
    lines = table([_complaint_line(c) for c in rows], HEADERS)
    lines += ["", f"open {report.open} (in progress {report.in_progress}), resolved "
                  f"{report.resolved}, median days to resolve {median}"]
    for title, groups in (("service", report.by_service), ("staff", report.by_staff)):
        lines += ["", *table([(g.name or "-", g.open, g.resolved,
                               "-" if g.median_days is None else f"{g.median_days:g}")
                              for g in groups], [title, "open", "resolved", "median days"])]
    ctx.emit({"complaints": [c.as_dict() for c in rows], "report": report.as_dict()}, lines)
    return 0


# -- inbox ---------------------------------------------------------------------------------


def cmd_inbox(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.retention.inbox import InboxService

    service = InboxService(ctx.db)
    rows = service.list(unread_only=args.unread, limit=args.limit)
    unread = service.unread_count()
    lines = [f"{unread} unread"]
    lines += table([(m.id, _when(m.received_at), m.customer_name or "-", m.mobile or m.sender,
                     m.classification or "", m.action or "", "" if m.read else "*",
                     m.text[:50]) for m in rows],
                   ["id", "received", "customer", "from", "kind", "done", "unread", "text"])
    ctx.emit({"unread": unread, "messages": [m.as_dict() for m in rows]}, lines)
    return 0


def cmd_inbox_sync(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.retention.inbox import sync_inbox

    result = sync_inbox(ctx.db, ctx.settings)
    if not result.available:
        words = describe(ShopError(result.reason or "inbox_not_available"), ctx.lang)
        if result.reason != "inbox_not_available":  # settings to fix: a user error
            raise CommandError(words)
        ctx.emit(result.as_dict() | {"note": words}, words)  # the test provider: nothing to do
        return 0
    lines = [f"read {result.fetched} replies ({result.stored} new); acted on {result.acted}: "
             f"opted out {result.opted_out}, opted in {result.opted_in}, survey scores "
             f"{result.scores}, complaints opened {result.complaints_opened}, for you to read "
             f"{result.listed}, from unknown numbers {result.unmatched}"]
    if result.error:
        lines.append("stopped early: " + describe(ShopError(result.error), ctx.lang))
    ctx.emit(result, lines)
    return 0


def cmd_inbox_read(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.retention.inbox import InboxService

    done = InboxService(ctx.db).mark_read(args.ids, read=not args.unread)
    ctx.emit({"changed": done}, f"{done} messages marked {'unread' if args.unread else 'read'}")
    return 0


# -- survey and call list ------------------------------------------------------------------


def cmd_survey_send(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.retention.survey import send_due_surveys

    if not ctx.settings.get("survey.enabled"):
        raise ShopError("survey_disabled")
    since = parse_date(args.since) if args.since else None
    phones = None
    if args.phones is not None:
        phones = [p.strip() for p in args.phones.replace("،", ",").split(",") if p.strip()]
        if not phones:
            raise CommandError("--phones: give at least one mobile")
    try:
        result = send_due_surveys(ctx.db, ctx.settings, since=since, phones=phones,
                                  dry_run=not args.yes)
    except InvalidInput as err:
        if err.code == "bad_mobile":
            raise CommandError(f"--phones: {describe(err, ctx.lang)}") from None
        raise
    skipped = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in sorted(result.skipped.items()))
    lines = [f"surveys due: {result.due}; to send now: {result.created} ({result.parts} SMS "
             f"parts); skipped: {skipped or '-'}"]
    if result.reason == "quiet_hours":
        lines = ["quiet hours (sms.quiet_hours): no survey is sent now; run again after them"]
    elif result.dry_run:
        if result.sample:
            lines += ["", result.sample, ""]
        lines.append("nothing sent: add --yes to send")
    else:
        lines.append(f"survey campaign #{result.campaign_id}: sent {result.sent}, failed "
                     f"{result.failed}, waiting {result.pending}")
    ctx.emit(result, lines)
    return 0


def cmd_call_list(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.retention.call_list import call_list

    rows = call_list(ctx.db, limit=args.limit)
    ctx.emit({"customers": [r.as_dict() for r in rows]},
             table([(r.customer_id, r.name, r.mobile or "", _when(r.since), r.reason or "")
                    for r in rows], ["id", "name", "mobile", "since", "why"]))
    return 0


def register(commands: argparse._SubParsersAction, common: Any) -> None:
    complaint = commands.add_parser("complaint", help="record, work on or resolve a complaint")
    sub = complaint.add_subparsers(dest="action", metavar="ACTION", parser_class=type(complaint))
    sub.required = True
    add = add_command(sub, common, "add", cmd_complaint_add, "record a customer's complaint")
    add_customer_ref(add)
    add.add_argument("--text", required=True, help="what went wrong")
    add.add_argument("--severity", choices=SEVERITIES, default="medium")
    add.add_argument("--channel", choices=CHANNELS, default="in_person",
                     help="how it came in (default in_person)")
    add.add_argument("--visit", type=_id, help="the visit it is about (its id)")
    add.add_argument("--by", help="who takes care of it")
    progress = add_command(sub, common, "progress", cmd_complaint_progress,
                           "mark a complaint as being worked on")
    progress.add_argument("complaint_id", type=_id)
    progress.add_argument("--note")
    progress.add_argument("--by", help="who takes care of it")
    resolve = add_command(sub, common, "resolve", cmd_complaint_resolve, "settle a complaint")
    resolve.add_argument("complaint_id", type=_id)
    resolve.add_argument("--note", help="how it was settled")
    resolve.add_argument("--by", help="who settled it")

    complaints = add_command(commands, common, "complaints", cmd_complaints,
                             "complaints, newest first, with the report")
    complaints.add_argument("--open", action="store_true", help="open and in progress only")
    add_customer_ref(complaints)
    complaints.add_argument("--limit", type=int, default=200)

    inbox = add_command(commands, common, "inbox", cmd_inbox,
                        "customers' SMS replies (sync reads them from the line)")
    inbox.add_argument("--unread", action="store_true", help="only those still to read")
    inbox.add_argument("--limit", type=int, default=200)
    inbox_sub = inbox.add_subparsers(dest="inbox_action", metavar="ACTION",
                                     parser_class=type(inbox))
    add_command(inbox_sub, common, "sync", cmd_inbox_sync,
                "read the line's new replies and act on them (opt-outs, survey scores)")
    read = add_command(inbox_sub, common, "read", cmd_inbox_read, "mark replies as read")
    read.add_argument("ids", type=_id, nargs="+")
    read.add_argument("--unread", action="store_true", help="mark them unread instead")

    survey = commands.add_parser("survey", help="the after-visit survey")
    survey_sub = survey.add_subparsers(dest="action", metavar="ACTION",
                                       parser_class=type(survey))
    survey_sub.required = True
    send = add_command(survey_sub, common, "send", cmd_survey_send,
                       "send the due after-visit surveys, once per visit")
    pick = send.add_mutually_exclusive_group()
    pick.add_argument("--since", help="visits since this date (Jalali or ISO) instead of the "
                      "due ones")
    pick.add_argument("--phones", help="the newest visit of these customers (comma-separated)")
    send.add_argument("--yes", "-y", action="store_true", help="send (else only count)")

    calls = add_command(commands, common, "call-list", cmd_call_list,
                        "customers to call back (after a low survey score)")
    calls.add_argument("--limit", type=int, default=200)

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
import re
from typing import Any

from shopcrm.cli.context import CommandError, Context, add_command
from shopcrm.cli.customers import add_customer_ref, resolve_customer
from shopcrm.domain.dates import parse_date, utc_to_local
from shopcrm.error_text import describe
from shopcrm.errors import InvalidInput, ShopError
from shopcrm.services.retention.complaints import (
    CHANNELS,
    SEVERITIES,
    ComplaintService,
    ComplaintView,
)

#: Codes shown to the owner, in words (English sources; Persian in words_fa).
SEVERITY_WORDS: dict[str, str] = {"low": "low", "medium": "medium", "high": "high"}
STATUS_WORDS: dict[str, str] = {"open": "open", "in_progress": "in progress",
                                "resolved": "resolved"}
CHANNEL_WORDS: dict[str, str] = {"in_person": "in person", "phone": "phone",
                                 "sms_reply": "SMS reply", "survey": "survey"}
KIND_WORDS: dict[str, str] = {"optout": "opt-out", "optin": "opt-in", "score": "score",
                              "other": "other"}
ACTION_WORDS: dict[str, str] = {"opted_out": "opted out", "already_opted_out":
                                "already opted out", "opted_in": "opted in",
                                "score_recorded": "score recorded",
                                "complaint_opened": "complaint opened",
                                "listed": "for you to read", "not_in_book": "not in the book"}
SKIP_WORDS: dict[str, str] = {"no_visit_to_ask_about": "no visit to ask about",
                              "opted_out": "opted out", "no_mobile": "no mobile",
                              "asked_today": "asked today"}
_SCORE = re.compile(r"survey score (\d+)/5")


def _word(ctx: Context, words: dict[str, str], code: str | None) -> str:
    return "" if not code else ctx.t(words.get(code, code))


def _when(ctx: Context, dt: Any) -> str:
    return ctx.day(utc_to_local(dt), with_time=True) if dt else ""


def _id(value: str) -> int:
    from shopcrm.domain.text import fold_digits

    text = fold_digits(value).strip().lstrip("#")
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"not an id: {value!r}")
    return int(text)


def _days(ctx: Context, value: float | None) -> str:
    return "-" if value is None else ctx.num(value, "g")


# -- complaints ----------------------------------------------------------------------------


def _complaint_line(ctx: Context, c: ComplaintView) -> tuple[Any, ...]:
    return (ctx.digits(c.id), _when(ctx, c.opened_at), c.customer_name, ctx.digits(c.mobile),
            _word(ctx, SEVERITY_WORDS, c.severity), _word(ctx, STATUS_WORDS, c.status),
            _word(ctx, CHANNEL_WORDS, c.channel), c.service or "", c.staff or "", c.text[:40])


HEADERS = ["id", "opened", "customer", "mobile", "severity", "status", "came in by", "service",
           "staff", "text"]


def cmd_complaint_add(ctx: Context, args: argparse.Namespace) -> int:
    customer = resolve_customer(ctx, args)
    view = ComplaintService(ctx.db).add(customer.id, args.text, severity=args.severity,
                                        channel=args.channel, visit_id=args.visit,
                                        handled_by=args.by)
    ctx.emit(view, ctx.t("complaint #{id} opened for #{customer} {name} ({severity})",
                         id=ctx.digits(view.id), customer=ctx.digits(customer.id),
                         name=customer.name,
                         severity=_word(ctx, SEVERITY_WORDS, view.severity)))
    return 0


def cmd_complaint_progress(ctx: Context, args: argparse.Namespace) -> int:
    view = ComplaintService(ctx.db).set_status(args.complaint_id, "in_progress",
                                               note=args.note, handled_by=args.by)
    ctx.emit(view, ctx.t("complaint #{id} is in progress", id=ctx.digits(view.id)))
    return 0


def cmd_complaint_resolve(ctx: Context, args: argparse.Namespace) -> int:
    view = ComplaintService(ctx.db).resolve(args.complaint_id, args.note, handled_by=args.by)
    ctx.emit(view, ctx.t("complaint #{id} of {name} resolved after {days:.1f} days",
                         id=ctx.digits(view.id), name=view.customer_name,
                         days=view.days_to_resolve or 0.0))
    return 0


def cmd_complaints(ctx: Context, args: argparse.Namespace) -> int:
    service = ComplaintService(ctx.db)
    customer_id = None
    if args.phone is not None or args.customer_id is not None:
        customer_id = resolve_customer(ctx, args, include_deleted=True).id
    rows = service.list(open_only=args.open, customer_id=customer_id, limit=args.limit)
    report = service.report()
    lines = (ctx.table([_complaint_line(ctx, c) for c in rows], HEADERS) if rows
             else [ctx.t("no complaints")])
    lines += ["", ctx.t("open {open:,} (in progress {progress:,}), resolved {resolved:,}, "
                        "median days to resolve {median}", open=report.open,
                        progress=report.in_progress, resolved=report.resolved,
                        median=_days(ctx, report.median_days_to_resolve))]
    for title, groups in (("service", report.by_service), ("staff", report.by_staff)):
        if groups:
            lines += ["", *ctx.table([(g.name or "-", ctx.num(g.open), ctx.num(g.resolved),
                                       _days(ctx, g.median_days)) for g in groups],
                                     [title, "open", "resolved", "median days"])]
    ctx.emit({"complaints": [c.as_dict() for c in rows], "report": report.as_dict()}, lines)
    return 0


# -- inbox ---------------------------------------------------------------------------------


def cmd_inbox(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.retention.inbox import InboxService

    service = InboxService(ctx.db)
    rows = service.list(unread_only=args.unread, limit=args.limit)
    unread = service.unread_count()
    lines = [ctx.t("{n:,} unread", n=unread)]
    lines += ctx.table([(ctx.digits(m.id), _when(ctx, m.received_at), m.customer_name or "-",
                         ctx.digits(m.mobile or m.sender),
                         _word(ctx, KIND_WORDS, m.classification),
                         _word(ctx, ACTION_WORDS, m.action), "" if m.read else "*",
                         m.text[:50]) for m in rows],
                       ["id", "received", "customer", "from", "kind", "done", "unread",
                        "text"]) if rows else []
    ctx.emit({"unread": unread, "messages": [m.as_dict() for m in rows]}, lines)
    return 0


def cmd_inbox_sync(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.retention.inbox import sync_inbox

    result = sync_inbox(ctx.db, ctx.settings)
    if not result.available:
        words = describe(ShopError(result.reason or "inbox_not_available"), ctx.lang)
        if result.reason != "inbox_not_available":  # settings to fix: a user error
            raise CommandError("{message}", message=words)
        ctx.emit(result.as_dict() | {"note": words}, words)  # the test provider: nothing to do
        return 0
    lines = [ctx.t("read {fetched:,} replies ({stored:,} new); acted on {acted:,}: opted out "
                   "{out:,}, opted in {in_:,}, survey scores {scores:,}, complaints opened "
                   "{complaints:,}, for you to read {listed:,}, from unknown numbers "
                   "{unmatched:,}", fetched=result.fetched, stored=result.stored,
                   acted=result.acted, out=result.opted_out, in_=result.opted_in,
                   scores=result.scores, complaints=result.complaints_opened,
                   listed=result.listed, unmatched=result.unmatched)]
    if result.error:
        lines.append(ctx.t("stopped early: {error}",
                           error=describe(ShopError(result.error), ctx.lang)))
    ctx.emit(result, lines)
    return 0


def cmd_inbox_read(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.retention.inbox import InboxService

    done = InboxService(ctx.db).mark_read(args.ids, read=not args.unread)
    ctx.emit({"changed": done},
             ctx.t("{n:,} messages marked unread" if args.unread
                   else "{n:,} messages marked read", n=done))
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
            raise CommandError("--phones: {message}",
                               message=describe(err, ctx.lang)) from None
        raise
    skipped = ctx.t(", ").join(f"{_word(ctx, SKIP_WORDS, k)} {ctx.num(v)}"
                               for k, v in sorted(result.skipped.items()))
    lines = [ctx.t("surveys due: {due:,}; to send now: {created:,} ({parts:,} SMS parts); "
                   "skipped: {skipped}", due=result.due, created=result.created,
                   parts=result.parts, skipped=skipped or "-")]
    if result.reason == "quiet_hours":
        lines = [ctx.t("quiet hours (sms.quiet_hours): no survey is sent now; run again after "
                       "them")]
    elif result.dry_run:
        if result.sample:
            lines += ["", result.sample, ""]
        lines.append(ctx.t("nothing sent: add --yes to send"))
    else:
        lines.append(ctx.t("survey campaign #{id}: sent {sent:,}, failed {failed:,}, waiting "
                           "{pending:,}", id=ctx.digits(result.campaign_id), sent=result.sent,
                           failed=result.failed, pending=result.pending))
    ctx.emit(result, lines)
    return 0


def _call_reason(ctx: Context, reason: str | None) -> str:
    """Why to call: a low survey score in words, else what was written."""
    match = _SCORE.fullmatch(reason or "")
    if match:
        return ctx.t("survey score {score}/5", score=int(match.group(1)))
    return reason or ""


def cmd_call_list(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.retention.call_list import call_list

    rows = call_list(ctx.db, limit=args.limit)
    ctx.emit({"customers": [r.as_dict() for r in rows]},
             ctx.table([(ctx.digits(r.customer_id), r.name, ctx.digits(r.mobile),
                         _when(ctx, r.since), _call_reason(ctx, r.reason)) for r in rows],
                       ["id", "name", "mobile", "since", "why"]) if rows
             else [ctx.t("nobody to call back")])
    return 0


def register(commands: argparse._SubParsersAction, common: Any) -> None:
    complaint = commands.add_parser("complaint", help="record, work on or resolve a complaint")
    sub = complaint.add_subparsers(dest="action", metavar="ACTION", parser_class=type(complaint))
    sub.required = True
    add = add_command(sub, common, "add", cmd_complaint_add, "record a customer's complaint")
    add_customer_ref(add)
    add.add_argument("--text", required=True, help="what went wrong")
    add.add_argument("--severity", choices=SEVERITIES, default="medium",
                     help="how serious (default medium)")
    add.add_argument("--channel", choices=CHANNELS, default="in_person",
                     help="how it came in (default in_person)")
    add.add_argument("--visit", type=_id, help="the visit it is about (its id)")
    add.add_argument("--by", help="who takes care of it")
    progress = add_command(sub, common, "progress", cmd_complaint_progress,
                           "mark a complaint as being worked on")
    progress.add_argument("complaint_id", type=_id, help="the complaint's id")
    progress.add_argument("--note", help="what is being done")
    progress.add_argument("--by", help="who takes care of it")
    resolve = add_command(sub, common, "resolve", cmd_complaint_resolve, "settle a complaint")
    resolve.add_argument("complaint_id", type=_id, help="the complaint's id")
    resolve.add_argument("--note", help="how it was settled")
    resolve.add_argument("--by", help="who settled it")

    complaints = add_command(commands, common, "complaints", cmd_complaints,
                             "complaints, newest first, with the report")
    complaints.add_argument("--open", action="store_true", help="open and in progress only")
    add_customer_ref(complaints)
    complaints.add_argument("--limit", type=int, default=200,
                            help="complaints shown (default 200; 0 = all)")

    inbox = add_command(commands, common, "inbox", cmd_inbox,
                        "customers' SMS replies (sync reads them from the line)")
    inbox.add_argument("--unread", action="store_true", help="only those still to read")
    inbox.add_argument("--limit", type=int, default=200,
                       help="replies shown (default 200; 0 = all)")
    inbox_sub = inbox.add_subparsers(dest="inbox_action", metavar="ACTION",
                                     parser_class=type(inbox))
    add_command(inbox_sub, common, "sync", cmd_inbox_sync,
                "read the line's new replies and act on them (opt-outs, survey scores)")
    read = add_command(inbox_sub, common, "read", cmd_inbox_read, "mark replies as read")
    read.add_argument("ids", type=_id, nargs="+", help="the replies' ids")
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
    calls.add_argument("--limit", type=int, default=200,
                       help="customers shown (default 200; 0 = all)")

"""``shopcrm send``, ``relocation``, ``resume`` and ``birthdays --send``: sending campaigns.

``send`` shows what it will do (recipients, exclusions, parts, credit) and then sends;
``--dry-run`` stops after the plan. Sending needs ``--yes``, or a "y" typed at a
terminal: without a terminal and without ``--yes`` it refuses (exit 1). The first Ctrl-C
stops after the chunk in flight (the campaign pauses, ``shopcrm resume`` goes on); a
second one interrupts at once (``resume`` looks up what was in flight).

``shopcrm birthdays`` belongs to :mod:`.absence`; this module adds its ``--send`` (greet
today's birthdays) when it registers, so the sending options live beside the others.
Looking after campaigns once made (``campaigns``, ``outbox``, ``cancel``, ``credit``,
``unknown``, ``template``...) is :mod:`.campaigns`.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from shopcrm.cli import sending_words as sw
from shopcrm.cli.context import CommandError, Context, add_command
from shopcrm.error_text import describe
from shopcrm.errors import InvalidInput, ProviderError
from shopcrm.longwork import ProgressBar, run_to_end
from shopcrm.services.messaging.campaigns import (
    CHANNELS,
    Audience,
    CampaignRequest,
    CampaignService,
    Plan,
)
from shopcrm.services.messaging.names import (
    default_campaign_name,
    placeholder_word,
)
from shopcrm.services.messaging.sender import SendProgress
from shopcrm.services.messaging.templates import READY, ready


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
        return Audience.phones(sw.items(args.phones))
    try:
        return Audience.ids(int(i) for i in sw.items(args.ids))
    except ValueError:
        raise CommandError("--ids: not a list of numbers: {value}", value=args.ids) from None


def _request(ctx: Context, args: argparse.Namespace) -> CampaignRequest:
    base = ready(args.template) if args.template else None
    text = args.text or (base.text if base else None)
    if not text:
        raise CommandError("give the message with --text TEMPLATE or --template NAME")
    return CampaignRequest(
        text=text, audience=_audience(args), channel=args.channel.replace("-", "_"),
        name=args.name or default_campaign_name(
            "notice" if args.notice else base.kind if base else "custom", lang=ctx.lang),
        subject=args.subject or (base.subject if base else None),
        kind=("notice" if args.notice else base.kind if base else "custom"),
        new_address=args.new_address, again=args.again,
    )


def _service(ctx: Context) -> CampaignService:
    return CampaignService(ctx.db, ctx.settings)


# -- send ----------------------------------------------------------------------------------
def cmd_send(ctx: Context, args: argparse.Namespace) -> int:
    return _plan_and_send(ctx, args, _request(ctx, args))


def cmd_relocation(ctx: Context, args: argparse.Namespace) -> int:
    service = _service(ctx)
    request = service.relocation_request(args.new_address, channel=args.channel.replace(
        "-", "_"), text=args.text,
        name=args.name or default_campaign_name("relocation", lang=ctx.lang))
    if args.again:
        request = replace(request, again=True)
    return _plan_and_send(ctx, args, request, service)


def _plan_and_send(ctx: Context, args: argparse.Namespace, request: CampaignRequest,
                   service: CampaignService | None = None) -> int:
    service = service or _service(ctx)
    plan = service.plan(request)
    if args.dry_run:
        ctx.emit(_result(None, plan, None, dry_run=True),
                 [ctx.t("DRY RUN, nothing sent"), *_plan_lines(ctx, plan)])
        return 0
    if plan.unfinished and not request.again:
        return _offer_resume(ctx, args, service, plan)
    if not plan.recipients:
        ctx.emit(_result(None, plan, None, dry_run=False), _plan_lines(ctx, plan))
        raise CommandError("nobody to send to: every recipient was excluded")
    service.check_ready(plan)
    if not args.yes:
        _confirm(ctx, plan)
    campaign_id, plan = service.create(request)
    if not ctx.as_json:
        ctx.note(ctx.t("campaign #{id}: sending {n:,} messages", id=ctx.digits(campaign_id),
                       n=plan.recipients))
    last = _drive(ctx, service, campaign_id)
    ctx.emit(_result(campaign_id, plan, last, dry_run=False, test_file=plan.test_file),
             _done_lines(ctx, campaign_id, last, plan.test_file))
    return _exit(ctx, last)


def _offer_resume(ctx: Context, args: argparse.Namespace, service: CampaignService,
                  plan: Plan) -> int:
    """The same message waits in an unfinished campaign: resume that one instead (asked
    at a terminal; else refused, saying how)."""
    campaign_id = plan.unfinished[0]
    view = service.get(campaign_id)
    error = CommandError(describe(InvalidInput("campaign_same_unfinished", id=campaign_id,
                                               pending=view.pending), ctx.lang))
    if args.yes or not (sys.stdin.isatty() and sys.stderr.isatty()):
        raise error
    for line in _plan_lines(ctx, plan):
        print(line, file=sys.stderr)
    answer = input(ctx.t("resume campaign #{id} instead? [y/N] ",
                         id=ctx.digits(campaign_id)))
    if answer.strip().lower() not in ("y", "yes", "بله", "ب"):
        raise error
    last = _drive(ctx, service, campaign_id)
    test_file = service.get(campaign_id).test_file
    ctx.emit(_result(campaign_id, None, last, dry_run=False, test_file=test_file),
             _done_lines(ctx, campaign_id, last, test_file))
    return _exit(ctx, last)


def _confirm(ctx: Context, plan: Plan) -> None:
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        raise CommandError("refusing to send without --yes when not at a terminal "
                           "(see what would be sent with --dry-run)")
    for line in _plan_lines(ctx, plan):
        print(line, file=sys.stderr)
    answer = input(ctx.t("send {n:,} messages? [y/N] ", n=plan.recipients)).strip().lower()
    if answer not in ("y", "yes", "بله", "ب"):
        raise CommandError("not sent")


@contextlib.contextmanager
def _first_ctrl_c_stops(ctx: Context, flag: threading.Event) -> Iterator[None]:
    """First Ctrl-C sets ``flag`` (stop after this chunk); the second interrupts."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: Any) -> None:
        if flag.is_set():
            raise KeyboardInterrupt
        flag.set()
        print("\n" + ctx.t("stopping after this chunk (Ctrl-C again to interrupt)"),
              file=sys.stderr)

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _drive(ctx: Context, service: CampaignService, campaign_id: int) -> SendProgress:
    """The send as any long work: the kit's ``run_to_end`` with the command's bar; a
    passing error is told as it happens; the first Ctrl-C stops after the chunk."""
    flag = threading.Event()
    with _first_ctrl_c_stops(ctx, flag), ProgressBar.for_terminal(
            ctx.as_json, unit=ctx.t("messages"), lang=ctx.lang,
            label=lambda p: ctx.t("sent {sent:,}  failed {failed:,}", sent=p.sent,
                                  failed=p.failed)) as bar:

        def progress(step: SendProgress) -> None:
            bar(step)
            if step.error_code and not step.finished:
                error = ProviderError(step.error_code, **step.error_data)
                ctx.note("\n" + ctx.t("{error} (trying again)", error=describe(error, ctx.lang)))

        last: SendProgress = run_to_end(service.send(campaign_id, cancel=flag), progress)
    return last


def _exit(ctx: Context, last: SendProgress) -> int:
    if last.status == "paused" and last.pause_reason not in ("quiet_hours", "stopped"):
        if last.error_code:
            print(describe(ProviderError(last.error_code, **last.error_data), ctx.lang),
                  file=sys.stderr)
        print(_paused(ctx, last), file=sys.stderr)
        return 1
    if last.status == "paused":
        ctx.note(_paused(ctx, last))
    return 0


def _paused(ctx: Context, last: SendProgress) -> str:
    return ctx.t("campaign #{id} paused ({reason}); continue with: shopcrm resume {id}",
                 id=ctx.digits(last.campaign_id), reason=ctx.t(last.pause_reason or ""))


def _result(campaign_id: int | None, plan: Plan | None, last: SendProgress | None, *,
            dry_run: bool, test_file: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"campaign": campaign_id, "dry_run": dry_run}
    if plan is not None:
        data.update(plan.as_dict())
    if last is not None:
        data.update(
            status=last.status, pause_reason=last.pause_reason, sent=last.sent,
            failed=last.failed, invalid=last.invalid, queued=last.queued,
            pending=last.pending, cost=last.cost, error=last.error_code, total=last.total,
            written=last.written, unknown=last.unknown, retried=last.retried,
            test_mode=bool(test_file or last.written), test_file=test_file,
        )
    else:
        data.update(status="planned" if dry_run else "not_sent", sent=0, failed=0, invalid=0,
                    queued=plan.queued if plan else 0, pending=0, cost=0, error=None)
    return data


def _plan_lines(ctx: Context, plan: Plan) -> list[str]:
    channels = ctx.t(", ").join(f"{ctx.t(k)} {ctx.num(v)}" for k, v in plan.by_channel.items())
    lines = [ctx.t("recipients: {n:,} ({channels})", n=plan.recipients,
                   channels=channels or "-")]
    lines += sw.exclusion_lines(plan, ctx.lang)
    for campaign_id in plan.unfinished:
        lines.append(ctx.t("campaign #{id} with the same message is unfinished: "
                           "shopcrm resume {id}", id=campaign_id))
    cost = sw.cost_line(plan, ctx.settings, ctx.lang)
    if cost:
        lines.append(cost)
    if plan.test_file:
        lines.append(ctx.t("test mode: nothing will leave this machine; the messages will "
                           "be written to {path}", path=plan.test_file))
        if plan.key_unused:
            lines.append(ctx.t("a Kavenegar API key is set but sms.provider is file; set it "
                               "to kavenegar or auto to send for real"))
    if plan.by_channel.get("sms"):
        chars = plan.sms_chars
        size = (ctx.num(chars["min"]) if chars["min"] == chars["max"]
                else f"{ctx.num(chars['min'])}-{ctx.num(chars['max'])}")
        per = ctx.t(", ").join(
            ctx.t("{n:,} x {parts} part" if p == 1 else "{n:,} x {parts} parts", n=n, parts=p)
            for p, n in plan.parts_per_message.items())
        lines.append(ctx.t("SMS: {size} characters a message; {per}; {parts:,} parts in all "
                           "({line} line)", size=size, per=per, parts=plan.parts,
                           line=ctx.t(f"{plan.line} line")))
        if plan.credit is not None:
            lines.append(ctx.t("credit left: {amount}", amount=ctx.money(plan.credit)))
        elif plan.credit_error:
            lines.append(ctx.t("credit left: unknown ({error})",
                               error=describe(sw.ProblemCode(plan.credit_error), ctx.lang)))
        if plan.queued:
            lines.append(ctx.t("queued until {time} UTC (quiet hours): {n:,}",
                               time=ctx.digits(f"{plan.not_before:%H:%M}"), n=plan.queued))
    for placeholder, n in sorted(plan.missing_values.items()):
        lines.append("  " + ctx.t("{placeholder} is empty for {n:,} messages",
                                  placeholder=placeholder_word(placeholder, ctx.lang), n=n))
    for channel, text in plan.sample.items():
        lines.append(ctx.t("--- {channel} example ---", channel=ctx.t(channel)))
        lines.extend(text.splitlines())
    return lines


def _done_lines(ctx: Context, campaign_id: int, last: SendProgress,
                test_file: str | None = None) -> list[str]:
    status = sw.finished_words(last.status, last.failed, ctx.lang)
    line = (ctx.t("campaign #{id}: {status}", id=ctx.digits(campaign_id), status=status)
            + (f" ({ctx.t(last.pause_reason)})" if last.pause_reason else ""))
    if last.written:
        line += ctx.t("; {n:,} written to the test file (not sent)", n=last.written)
    if last.sent or not last.written:
        line += ctx.t("; sent {sent:,}", sent=last.sent)
    line += ctx.t(", failed {failed:,}", failed=last.failed)
    if last.queued:
        line += ctx.t(", queued {n:,}", n=last.queued)
    if last.pending - last.queued > 0:
        line += ctx.t(", not yet sent {n:,}", n=last.pending - last.queued)
    if last.cost:
        line += ctx.t("; cost {amount}", amount=ctx.money(last.cost))
    lines = [line]
    if last.retried:
        lines.append(ctx.t("{n:,} failed messages were tried again", n=last.retried))
    if last.status == "incomplete":
        lines.append(ctx.t("the failed: shopcrm outbox --campaign {id} --status failed; "
                           "try again: shopcrm resume {id}", id=campaign_id))
    if last.unknown:
        lines.append(sw.unknown_risk(last.unknown, ctx.lang))
        lines.append(f"shopcrm unknown {campaign_id} --resend | --drop")
    mode = sw.test_mode_line(test_file if last.written else None, ctx.lang)
    if mode:
        lines.append(mode)
    return lines


# -- resume ----------------------------------------------------------------------------------
def cmd_resume(ctx: Context, args: argparse.Namespace) -> int:
    service = _service(ctx)
    if args.all == (args.campaign is not None):
        raise CommandError("name a CAMPAIGN, or give --all")
    ids = service.resumable() if args.all else [args.campaign]
    results, code = [], 0
    for campaign_id in ids:
        test_file = service.get(campaign_id).test_file  # campaign_not_found first
        last = _drive(ctx, service, campaign_id)
        results.append(_result(campaign_id, None, last, dry_run=False, test_file=test_file))
        code = max(code, _exit(ctx, last))
        if not ctx.as_json:
            for line in _done_lines(ctx, campaign_id, last, test_file):
                print(line)
    if ctx.as_json:
        ctx.emit(results if args.all else results[0])
    elif not ids:
        print(ctx.t("nothing to resume"))
    return code



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
            answer = input(ctx.t("greet {n:,} customers? [y/N] ", n=len(ids))).strip().lower()
            if answer not in ("y", "yes", "بله", "ب"):
                raise CommandError("not sent")
    campaign_id, plan = service.prepare_birthday_greetings(today, channel=channel,
                                                           text=args.text)
    if campaign_id is None or plan is None:
        ctx.emit(_result(None, None, None, dry_run=False) | {"birthdays": 0},
                 ctx.t("no birthdays today"))
        return 0
    last = None
    if service.get(campaign_id).pending:
        last = _drive(ctx, service, campaign_id)
    data = _result(campaign_id, plan, last, dry_run=False) | {"birthdays": len(ids)}
    ctx.emit(data, _done_lines(ctx, campaign_id, last) if last else
             [ctx.t("campaign #{id}: everyone was greeted already",
                    id=ctx.digits(campaign_id))])
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
                       default="sms", help="how to greet (default sms)")
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
    parser.add_argument("--again", action="store_true",
                        help="also send to those who got the same message in the last "
                             "campaign.repeat_days days (the plan says how many get it twice)")


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
    send.add_argument("--notice", action="store_true",
                      help="a notice, not a promotion: also reaches customers with an open "
                           "complaint")

    move = add_command(commands, common, "relocation", cmd_relocation,
                       "tell every customer not opted out the shop's new address")
    _send_options(move, channel_default="both")
    move.add_argument("--new-address", help="the new address (default: shop.new_address)")
    move.add_argument("--text", help="your own text instead of the ready one")

    resume = add_command(commands, common, "resume", cmd_resume,
                         "go on sending a campaign where it stopped")
    resume.add_argument("campaign", type=int, nargs="?", help="the campaign's id")
    resume.add_argument("--all", action="store_true",
                        help="every campaign left unfinished (not cancelled, not stopped by "
                             "you): for a scheduler")

    _extend_birthdays(commands)

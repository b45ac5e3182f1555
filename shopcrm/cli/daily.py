"""``shopcrm daily`` (the day's automatic work, once) and ``shopcrm schedule
install|remove|status`` (run it every day from the user's scheduler).

``daily`` prints what each step did in ``--lang`` (default: env SHOPCRM_LANG, else the
``ui.language`` setting, Persian). It sends messages, so it asks first at a terminal and
refuses without ``--yes`` elsewhere (the scheduler passes ``--yes``). Exit status 1 when a
step failed (the others still ran).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from shopcrm.cli.context import CommandError, Context, add_command
from shopcrm.cli.words import t
from shopcrm.domain.dates import local_today, parse_date
from shopcrm.error_text import describe
from shopcrm.errors import ShopError

#: The steps, why one was skipped and how it ended, in words (English sources; Persian
#: in words_fa).
STEP_WORDS: dict[str, str] = {
    "resume": "resume unfinished campaigns",
    "sync": "delivery statuses",
    "inbox": "read the replies",
    "birthdays": "today's birthday greetings",
    "surveys": "after-visit surveys",
    "rewards": "reward notices",
    "backup": "daily backup",
}
REASON_WORDS: dict[str, str] = {
    "nothing_unfinished": "nothing unfinished",
    "nothing_to_check": "no SMS waiting for a status",
    "inbox_not_wired": "not wired yet",
    "surveys_not_wired": "not wired yet",
    "rewards_not_wired": "not wired yet",
    "sms_not_configured": "SMS is not set up in the settings",
    "birthdays_off": "turned off in the settings",
    "no_birthdays": "no birthdays today",
    "greeted_already": "everyone was greeted already",
    "backup_on_server": "PostgreSQL is backed up by its server",
    "backup_off": "automatic backups are off",
    "backup_up_to_date": "today's backup is already there",
    "inbox_not_available": "the test SMS provider has no inbox",
    "survey_disabled": "turned off in the settings",
    "loyalty_disabled": "turned off in the settings",
    "quiet_hours": "quiet hours",
    "campaign_busy": "another run is sending",
}
#: ``{step}: <status>`` and ``{step}: <status>, {more}``: whole sentences, so that "done"
#: and "skipped" read as a step's outcome in Persian too.
STATUS_LINES: dict[str, str] = {"done": "{step}: done", "skipped": "{step}: skipped",
                                "failed": "{step}: failed"}
STATUS_LINES_MORE: dict[str, str] = {"done": "{step}: done, {more}",
                                     "skipped": "{step}: skipped, {more}",
                                     "failed": "{step}: failed, {more}"}


def _reason(step: Any, lang: str) -> str:
    """Why a step was skipped: a few words, else the error's sentence, else its code's word."""
    from shopcrm.error_text import MESSAGES

    if step.reason in REASON_WORDS:
        return t(lang, REASON_WORDS.get(step.reason, step.reason))
    if step.reason in MESSAGES:
        return describe(ShopError(step.reason), lang)
    return t(lang, step.reason)


def step_line(step: Any, lang: str) -> str:
    """One line of the summary: ``- daily backup: done, …`` (also the Today page's)."""
    name = t(lang, STEP_WORDS.get(step.name, step.name))
    extra = ""
    if step.status == "failed":
        extra = describe(ShopError(step.reason, **step.detail), lang)
    elif step.reason:
        extra = _reason(step, lang)
    sent = step.detail.get("sent")
    written = step.detail.get("written") or 0
    if step.status == "done" and written and not sent:  # test mode: nothing left the machine
        extra = (t(lang, "{n:,} written to the test file, not sent", n=written)
                 + (t(lang, "; {more}", more=extra) if extra else ""))
    elif step.status == "done" and sent is not None:
        extra = (t(lang, "{n:,} sent", n=sent)
                 + (t(lang, "; {more}", more=extra) if extra else ""))
    if step.name == "sync" and step.status == "done":
        d = step.detail
        extra = t(lang, "{checked:,} checked, {delivered:,} delivered", checked=d["checked"],
                  delivered=d["delivered"])
    if step.name == "backup" and step.status == "done":
        extra = step.detail.get("path", "")
    if extra:
        return "- " + t(lang, STATUS_LINES_MORE.get(step.status, "{step}: {more}"), step=name,
                        more=extra)
    return "- " + t(lang, STATUS_LINES.get(step.status, "{step}"), step=name)


def cmd_daily(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.services.today.daily import run_daily

    day = parse_date(args.as_of) if args.as_of else local_today()
    if not args.yes:
        if not (sys.stdin.isatty() and sys.stderr.isatty()):
            raise CommandError("refusing to send the day's messages without --yes when not "
                               "at a terminal (the scheduler runs `shopcrm daily --yes`)")
        answer = input(ctx.t("run the day's work (it may send messages)? [y/N] ")).strip().lower()
        if answer not in ("y", "yes", "بله", "ب"):
            raise CommandError("not run")
    show = None if ctx.as_json else (lambda step: print(step_line(step, ctx.lang), flush=True))
    if not ctx.as_json:
        print(ctx.t("the day's work, {day}", day=day), flush=True)
    result = run_daily(ctx.db, ctx.settings, today=day, on_step=show)
    if ctx.as_json:
        ctx.emit(result)
    else:
        print(ctx.t("{n:,} messages sent in all.", n=result.sent))
    return 1 if result.failed else 0


# -- schedule --------------------------------------------------------------------------


def _db_for_schedule(ctx: Context) -> str | None:
    url = ctx.db_url or os.environ.get("SHOPCRM_DB")
    if url and "://" not in url:
        from pathlib import Path

        url = f"sqlite:///{Path(url).resolve()}"
    return url


def cmd_schedule(ctx: Context, args: argparse.Namespace) -> int:
    from shopcrm.paths import log_dir
    from shopcrm.services.today import schedule as sch

    backend = args.backend or sch.default_backend()
    if args.action == "install":
        time = args.time or ctx.settings.get("daily.time")
        argv = sch.daily_argv(_db_for_schedule(ctx))
        log = str(log_dir() / "daily.log")
        state = sch.install(backend, argv, time, log=log, activate=not args.no_activate)
        text = ctx.t("installed ({backend}): shopcrm daily every day at {time}",
                     backend=backend, time=ctx.digits(state.time))
        if state.files:
            text += "\n" + "\n".join(f"  {f}" for f in state.files)
        if state.note == "systemd_user_not_running":
            text += "\n  " + ctx.t("(the user's systemd is not running: enable it with "
                                   "`systemctl --user enable --now shopcrm-daily.timer` when "
                                   "it is)")
    elif args.action == "remove":
        state = sch.remove(backend)
        text = ctx.t("removed ({backend})", backend=backend)
    else:
        state = sch.status(backend)
        text = (ctx.t("installed ({backend}): every day at {time}", backend=backend,
                      time=ctx.digits(state.time)) if state.installed
                else ctx.t("not installed ({backend})", backend=backend))
    ctx.emit(state, text)
    return 0


def register(commands: argparse._SubParsersAction, common: Any) -> None:
    daily = add_command(commands, common, "daily", cmd_daily,
                        "the day's automatic work: resume campaigns, delivery statuses, "
                        "birthday greetings, the daily backup (safe to run again)")
    daily.add_argument("--yes", "-y", action="store_true", help="run without asking")
    daily.add_argument("--as-of", help=argparse.SUPPRESS)
    schedule = add_command(commands, common, "schedule", cmd_schedule,
                           "run `shopcrm daily` every day from the user's scheduler")
    schedule.add_argument("action", choices=("install", "remove", "status"),
                          help="install, remove or show the daily run")
    schedule.add_argument("--backend", choices=("systemd", "cron", "schtasks", "launchd"),
                          help="default: systemd user timer (cron without it) on Linux, "
                               "Task Scheduler on Windows, launchd on macOS")
    schedule.add_argument("--time", help="HH:MM (default: setting daily.time, 09:00)")
    schedule.add_argument("--no-activate", action="store_true",
                          help="write the files only; do not ask the scheduler to load them")

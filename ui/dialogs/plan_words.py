"""What the composer says about a plan: who gets it, who is left out and why (with the
date an earlier same message went out), the money it will cost, test mode, and an
unfinished campaign with the same message. Plain functions over ``Plan`` and the
window's ``Display``; words in the ``PlanWords`` translation context."""

from __future__ import annotations

from typing import Any

from shopcrm.services.messaging.campaign_views import Plan
from ui.display import isolate
from ui.i18n import translate


def exclusion_words() -> dict[str, str]:
    """Why recipients were left out, in the window's language (``Plan.excluded`` keys)."""
    return {
        "opted_out": translate("Exclusions", "opted out"),
        "no_mobile": translate("Exclusions", "no mobile"),
        "invalid_mobile": translate("Exclusions", "mobile not valid"),
        "no_email": translate("Exclusions", "no email"),
        "duplicate_mobile": translate("Exclusions", "same mobile twice"),
        "duplicate_email": translate("Exclusions", "same email twice"),
        "already_in_campaign": translate("Exclusions", "already in this campaign"),
        "not_in_book": translate("Exclusions", "not in the book (personal text)"),
        "in_trash": translate("Exclusions", "in the trash"),
        "not_found": translate("Exclusions", "not found"),
        "snoozed": translate("Exclusions", "snoozed"),
        "contacted": translate("Exclusions", "contacted recently"),
        "open_complaint": translate("Exclusions", "open complaint"),
        "already_sent": translate("Exclusions", "already got this message"),
        "waiting_in_campaign": translate("Exclusions", "waiting in an unfinished campaign"),
    }


def left_out_lines(plan: Plan, d: Any) -> list[str]:
    """Who is left out, each reason with its count (the largest first), on one line; the
    date an earlier same message went out on the next."""
    words = exclusion_words()
    if not plan.excluded:
        return [translate("PlanWords", "Nobody left out.")]
    sep = "، " if d.rtl else ", "
    parts = [f"{words.get(k, k)}: {d.number(n)}"
             for k, n in sorted(plan.excluded.items(), key=lambda kv: -kv[1])]
    lines = [translate("PlanWords", "Left out: {list}").format(list=sep.join(parts))]
    if plan.excluded.get("already_sent") and plan.repeat_last is not None:
        lines.append(translate(
            "PlanWords", "The same message went out on {date} (the last {days} days count)."
        ).format(date=d.date(plan.repeat_last), days=d.number(plan.repeat_days)))
    return lines


def audience_line(plan: Plan, d: Any) -> str | None:
    """A win-back audience: the segment's size (as in Reports) and why fewer get it."""
    hidden = plan.excluded.get("snoozed", 0) + plan.excluded.get("contacted", 0)
    if plan.audience_total is None or not hidden:
        return None
    return translate("PlanWords",
            "The group has {total} customers (as in Reports); {hidden} snoozed or recently "
              "contacted are left out, as on the Win-back page.").format(
        total=d.number(plan.audience_total), hidden=d.number(hidden))


def money_line(plan: Plan, d: Any) -> str | None:
    """The estimated cost in the owner's currency (nothing in test mode)."""
    if not plan.by_channel.get("sms"):
        return None
    if plan.test_file:
        return translate("PlanWords", "Estimated cost: nothing (test mode).")
    source = (translate("PlanWords", "the price the gateway charged on earlier sends")
              if plan.price_source == "gateway" else translate("PlanWords",
                      "the price in Settings"))
    return translate("PlanWords",
            "Estimated cost: {money} ({parts} parts at {price} a part, {source}).").format(
        money=d.money(plan.cost_estimate, with_unit=True), parts=d.number(plan.parts),
        price=d.money(plan.price_per_part, with_unit=True), source=source)


def test_mode_line(plan: Plan) -> str | None:
    if not plan.test_file:
        return None
    if plan.key_unused:
        return translate(
            "PlanWords", "Test mode: nothing will leave this computer (the messages are written "
            "to {path}), although a Kavenegar API key is set: choose Kavenegar as the "
            "provider in Settings to send for real.").format(path=isolate(plan.test_file))
    return translate("PlanWords",
            "Test mode: nothing will leave this computer; the messages are written to "
              "{path}.").format(path=isolate(plan.test_file))


def repeat_line(plan: Plan, d: Any, again: bool) -> str | None:
    if again and plan.repeats:
        return translate("PlanWords",
                "{count} customers will get this message a second time.").format(
            count=d.number(plan.repeats))
    if plan.unfinished:
        return translate("PlanWords",
                "Campaign #{id} with the same message is not finished; sending offers to "
                  "resume it instead.").format(id=d.number(plan.unfinished[0]))
    return None


def describe_plan(plan: Plan, d: Any, *, again: bool = False) -> str:
    lines = [translate("PlanWords", "{messages} messages to {customers} customers").format(
        messages=d.number(plan.recipients), customers=d.number(plan.customers))]
    channels = []
    if plan.by_channel.get("sms"):
        channels.append(translate("PlanWords", "SMS: {count} ({parts} parts in all)").format(
            count=d.number(plan.by_channel["sms"]), parts=d.number(plan.parts)))
    if plan.by_channel.get("email"):
        channels.append(translate("PlanWords",
                "Email: {count}").format(count=d.number(plan.by_channel["email"])))
    if channels:
        lines.append(("؛ " if d.rtl else " · ").join(channels))
    for line in (money_line(plan, d), test_mode_line(plan), audience_line(plan, d)):
        if line:
            lines.append(line)
    lines += left_out_lines(plan, d)
    extra = repeat_line(plan, d, again)
    if extra:
        lines.append(extra)
    if plan.queued:
        lines.append(translate("PlanWords",
                "{count} SMS wait for the end of the quiet hours (advertising "
                        "line).").format(count=d.number(plan.queued)))
    if plan.missing_values:
        sep = "، " if d.rtl else ", "
        lines.append(translate("PlanWords", "Some customers lack a value: {fields}").format(
            fields=sep.join(f"{isolate('{' + k + '}')} ({d.number(v)})"
                            for k, v in plan.missing_values.items())))
    return "\n".join(lines)

"""``shopcrm settings list | get KEY | set KEY [VALUE] | unset KEY``.

Values are checked by the same rules as the window's Settings page (``Option.check``);
the SMS API key and the SMTP password go where the window puts them (the system keyring or
the private secrets file, :mod:`shopcrm.secrets`), never to the settings file, and are
never printed: ``list`` shows them masked, ``get`` refuses them. ``set`` of a secret
without a VALUE reads it from the terminal without echo (or from stdin), so the key does
not land in the shell's history.
"""

from __future__ import annotations

import argparse
import getpass
import re
import sys
from typing import Any

from shopcrm.cli.context import Context, add_command
from shopcrm.config import OPTIONS, Option, mask, option
from shopcrm.errors import InvalidInput

#: Where a value comes from (``Settings.source``), in words (Persian in words_fa).
SOURCES: dict[str, str] = {"env": "environment", "override": "this run",
                           "file": "settings file", "keyring": "secret store",
                           "default": "default"}


#: a text value made of digits (a time, hours, a line number): Persian digits in Persian
_DIGITS_ONLY = re.compile(r"[+]?[0-9][0-9 :.\-]*")


def _shown(ctx: Context, opt: Option, value: Any) -> str:
    """A value as the owner reads it, and can type it back: بله/خیر, a choice's Persian
    word (``Option.words``), Persian digits are all accepted by ``settings set``."""
    if opt.secret:
        return mask(str(value or ""))
    if isinstance(value, bool):
        return ctx.t("yes") if value else ctx.t("no")
    if isinstance(value, float):
        return ctx.num(value, "g")
    if isinstance(value, int):
        return ctx.num(value, "d")
    text = opt.shown(value, ctx.lang)
    return ctx.digits(text) if _DIGITS_ONLY.fullmatch(text) else text


def _allowed(ctx: Context, opt: Option) -> str:
    if opt.kind == "bool":
        return f"{ctx.t('yes')} | {ctx.t('no')}"
    return opt.allowed(ctx.lang)


def _env_list(ctx: Context) -> int:
    """The SHOPCRM_* variables that are not settings: whether each is set (values may hold
    a database password, so they are not printed)."""
    from shopcrm.env import VARIABLES

    rows = [{"name": name, "set": bool(ctx.settings.env(name)), "what": what}
            for name, what in VARIABLES.items()]
    ctx.emit(rows, ctx.table([(r["name"], ctx.t("set" if r["set"] else "not set"),
                               ctx.t(str(r["what"]))) for r in rows],
                             ["variable", "state", "what it does"]))
    return 0


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    if args.env:
        return _env_list(ctx)
    rows: list[dict[str, Any]] = []
    shown: list[tuple[str, str, str, str]] = []
    for opt in OPTIONS:
        if args.section and opt.section != args.section:
            continue
        value = ctx.settings.get(opt.name)
        source = ctx.settings.source(opt.name)
        rows.append({"key": opt.name, "value": _shown(ctx, opt, value) if opt.secret else value,
                     "source": source, "secret": opt.secret,
                     "allowed": opt.allowed(), "env": opt.env_name})
        shown.append((opt.name, _shown(ctx, opt, value), ctx.t(SOURCES.get(source, source)),
                      _allowed(ctx, opt)))
    if not rows:
        raise InvalidInput("setting_unknown", key=args.section)
    ctx.emit(rows, ctx.table(shown, ["setting", "value", "from", "allowed"]))
    return 0


def cmd_get(ctx: Context, args: argparse.Namespace) -> int:
    opt = option(args.key)
    if opt.secret:
        raise InvalidInput("setting_secret_hidden", key=opt.name)
    value = ctx.settings.get(opt.name)
    ctx.emit({"key": opt.name, "value": value, "source": ctx.settings.source(opt.name)},
             _shown(ctx, opt, value))
    return 0


def _read_secret(ctx: Context, opt: Option) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(ctx.t("Value of {key} (not shown): ", key=opt.name))
    return sys.stdin.readline().rstrip("\r\n")


def cmd_set(ctx: Context, args: argparse.Namespace) -> int:
    opt = option(args.key)
    raw = args.value
    if raw is None:
        if not opt.secret:
            raise InvalidInput("setting_required", key=opt.name)
        raw = _read_secret(ctx, opt)
    settings = ctx.settings
    settings.set(opt.name, raw)  # checked here; a secret is stored at once
    if opt.secret:
        where = ctx.t("the private file secrets.toml" if settings.get("secrets.store") == "file"
                      else "the system keyring")
        text = ctx.t("{key} stored in the secret store ({where}).", key=opt.name, where=where)
        data: dict[str, Any] = {"key": opt.name, "stored": bool(str(raw).strip())}
    else:
        settings.save()
        value = opt.check(raw)
        text = ctx.t("{key} = {value} (in {path})", key=opt.name,
                     value=_shown(ctx, opt, value), path=str(settings.path))
        data = {"key": opt.name, "value": value, "path": str(settings.path)}
    ctx.emit(data, text)
    if ctx.settings.source(opt.name) == "env":
        ctx.note(ctx.t("Note: the environment variable {env} overrides this setting at every "
                       "run.", env=opt.env_name))
    return 0


def cmd_unset(ctx: Context, args: argparse.Namespace) -> int:
    opt = option(args.key)
    settings = ctx.settings
    settings.unset(opt.name)
    if not opt.secret:
        settings.save()
    shown = "" if opt.secret else _shown(ctx, opt, opt.default)
    ctx.emit({"key": opt.name, "value": None if opt.secret else opt.default},
             ctx.t("{key} is back to its default: {value}", key=opt.name, value=shown or "—"))
    if ctx.settings.source(opt.name) == "env":
        ctx.note(ctx.t("Note: the environment variable {env} overrides this setting at every "
                       "run.", env=opt.env_name))
    return 0


def register(commands: argparse._SubParsersAction, common: Any) -> None:
    parser = commands.add_parser("settings", help="list, read and change settings")
    sub = parser.add_subparsers(dest="action", metavar="ACTION", parser_class=type(parser))
    sub.required = True
    listing = add_command(sub, common, "list", cmd_list,
                          "every setting, where its value comes from and what is allowed "
                          "(secrets masked)")
    listing.add_argument("section", nargs="?", help="only this section (shop, sms, smtp...)")
    listing.add_argument("--env", action="store_true",
                         help="the SHOPCRM_* variables that are not settings, and which are set")
    get = add_command(sub, common, "get", cmd_get, "print one setting's value")
    get.add_argument("key", help="e.g. shop.name")
    put = add_command(sub, common, "set", cmd_set,
                      "change a setting (checked like the window; secrets go to the keyring)")
    put.add_argument("key", help="e.g. ui.currency")
    put.add_argument("value", nargs="?", help="the new value (a secret without one is read "
                     "from the terminal, not shown)")
    unset = add_command(sub, common, "unset", cmd_unset, "back to the default")
    unset.add_argument("key", help="e.g. shop.name")

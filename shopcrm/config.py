"""Settings: one declared registry of typed options.

Each :class:`Option` declares once its section and key, its default, its kind (text, whole
number, decimal, yes/no, choice, secret), its range or choices, the rule that checks and
normalises a value (:mod:`shopcrm.setting_rules`), and the label the window shows. The
settings page, the first-run setup and ``shopcrm settings set`` all check values with it.

Values come from the defaults below, then the TOML settings file in the user config dir,
then environment variables named ``SHOPCRM_<SECTION>_<KEY>`` (for example
``SHOPCRM_SMS_API_KEY`` or ``SHOPCRM_ABSENCE_ABSENT_DAYS``; the few other ``SHOPCRM_*``
variables are declared in :mod:`shopcrm.env`). Secrets (the SMS API key, the SMTP
password) are never written to the settings file: they live in the system keyring (see
``shopcrm.secrets``); an environment variable still overrides them.

Read with the typed accessors (``settings.sms.sender``, ``settings.currency``,
``settings.language``); ``settings.get("sms.sender")`` still works for any option.
To add an option, add one ``Option(...)`` line to ``OPTIONS``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Literal, Protocol, cast

from shopcrm import env as env_vars
from shopcrm import setting_rules as rules
from shopcrm.domain.text import search_key, to_persian_digits
from shopcrm.errors import InvalidInput
from shopcrm.paths import settings_file

Kind = Literal["text", "whole", "decimal", "bool", "choice", "secret"]
Currency = Literal["toman", "rial"]
Language = Literal["fa", "en"]
DEFAULT_SHOP_NAME = ""


@dataclass(frozen=True)
class Option:
    """One setting. ``rule`` checks a value; without one the kind's rule is used (text,
    whole number in ``minimum..maximum``, decimal, yes/no, one of ``choices``)."""

    section: str
    key: str
    default: Any
    choices: tuple[str, ...] = ()
    secret: bool = False
    minimum: float | None = None
    maximum: float | None = None
    rule: rules.Rule | None = None
    label: str = ""  # English; the window translates it (ui/widgets/settings_form.py)
    help: str = ""  # one English line for ``shopcrm settings list`` and the tooltip
    restart: bool = False  # takes effect at the next start
    #: (value, Persian word): how a choice (or a special value, survey.delay's next_morning)
    #: is shown to a Persian owner, who may also type the word back in place of the value
    words: tuple[tuple[str, str], ...] = ()

    @property
    def name(self) -> str:
        return f"{self.section}.{self.key}"

    @property
    def env_name(self) -> str:
        return f"SHOPCRM_{self.section}_{self.key}".upper()

    @property
    def kind(self) -> Kind:
        if self.secret:
            return "secret"
        if self.choices:
            return "choice"
        if isinstance(self.default, bool):
            return "bool"
        if isinstance(self.default, int):
            return "whole"
        if isinstance(self.default, float):
            return "decimal"
        return "text"

    def word(self, value: Any, lang: str) -> str | None:
        """The Persian word of ``value`` in a Persian surface, else None (shown as it is)."""
        if lang != "fa" or not isinstance(value, str):
            return None
        return self._words.get(value)

    @cached_property
    def _words(self) -> dict[str, str]:
        return dict(self.words)

    def shown(self, value: Any, lang: str) -> str:
        return self.word(value, lang) or str(value)

    def _typed_word(self, value: Any) -> Any:
        """A value typed as its Persian word (ی/ک, spaces and ZWNJ aside) -> the value."""
        if not self.words or not isinstance(value, str) or value in self._words:
            return value  # the common case, every read of a stored value: nothing to fold
        typed = _word_key(value)
        return next((raw for raw, word in self.words if _word_key(word) == typed), value)

    @cached_property
    def _choice_rule(self) -> rules.Rule:
        return rules.choice(self.choices, tuple(self.shown(c, "fa") for c in self.choices))

    def check(self, value: Any) -> Any:
        """The value in this option's type, normalised; InvalidInput ``setting_*`` if not."""
        value = self._typed_word(value)
        if self.rule is not None:
            return self.rule(self.name, value)
        kind = self.kind
        if kind == "secret":
            return rules.secret(self.name, value)
        if kind == "choice":
            return self._choice_rule(self.name, value)
        if kind == "bool":
            return rules.boolean(self.name, value)
        if kind == "whole":
            low = int(self.minimum) if self.minimum is not None else -(2**31)
            high = int(self.maximum) if self.maximum is not None else 2**31
            return rules.whole(low, high)(self.name, value)
        if kind == "decimal":
            return rules.decimal(self.minimum if self.minimum is not None else -1e9,
                                 self.maximum if self.maximum is not None else 1e9)(
                self.name, value)
        return rules.text(self.name, value)

    def allowed(self, lang: str = "en") -> str:
        """What may be written, in a few words (for ``settings list`` and errors)."""
        which = 0 if lang == "fa" else 1
        if self.rule is not None:
            name = getattr(self.rule, "__name__", "")
            return rules.ALLOWED.get(name, rules.ALLOWED["text"])[which]
        kind = self.kind
        if kind == "choice":
            return " | ".join(self.shown(c, lang) for c in self.choices)
        def bound(value: float | None) -> str:
            if value is None:
                return ""
            # six digits and more grouped: 1000000000000 reads 1,000,000,000,000
            # (۱٬۰۰۰٬۰۰۰٬۰۰۰٬۰۰۰); a port (65535) or days (36500) as they are typed
            spec = "," if abs(value) >= 100_000 else ""
            text = (f"{int(value):{spec}}" if float(value).is_integer()
                    else f"{value:{spec}g}")
            if lang != "fa":
                return text
            return to_persian_digits(text.replace(",", "٬").replace(".", "٫"))

        return rules.ALLOWED[kind][which].format(low=bound(self.minimum),
                                                 high=bound(self.maximum))


@lru_cache(maxsize=256)
def _word_key(text: str) -> str:
    """How a typed word is compared: ی/ک folded, spaces and ZWNJ left out."""
    return search_key(text).replace(" ", "")


def _whole(low: int, high: int) -> dict[str, Any]:
    return {"minimum": low, "maximum": high}


OPTIONS: tuple[Option, ...] = (
    Option("shop", "name", DEFAULT_SHOP_NAME, label="Name:",
           help="the shop's name, signed under every message"),
    Option("shop", "address", "", label="Address:"),
    Option("shop", "phone", "", rule=rules.phone, label="Phone:"),
    Option("shop", "new_address", "", label="New address (after a move):"),
    # auto: Kavenegar when an API key is set, else the test file (see messaging/factory.py)
    Option("sms", "provider", "auto", ("auto", "kavenegar", "file", "none"), label="Provider:",
           help="auto: Kavenegar once an API key is set, else test mode; kavenegar sends; "
                "file is test mode (messages are written to a file)",
           words=(("auto", "خودکار"), ("kavenegar", "کاوه‌نگار"), ("file", "آزمایشی"),
                  ("none", "بدون پیامک"))),
    Option("sms", "api_key", "", secret=True, label="API key:",
           help="the Kavenegar API key (kept in the keyring, never printed)"),
    Option("sms", "base_url", "https://api.kavenegar.com", rule=rules.url,
           label="Gateway address:"),
    Option("sms", "sender", "", rule=rules.sender_line, label="Sender line:",
           help="the Kavenegar line number, like 10004346"),
    Option("sms", "line", "service", ("service", "advertising"), label="Line type:",
           words=(("service", "خدماتی"), ("advertising", "تبلیغاتی"))),
    Option("sms", "quiet_hours", "21:00-08:00", rule=rules.quiet_hours, label="Quiet hours:",
           help="no SMS between these hours, like 21:00-08:00, or off",
           words=(("off", "خاموش"),)),
    Option("sms", "timeout", 30.0, minimum=1.0, maximum=300.0, label="Timeout (seconds):"),
    Option("sms", "test_mobile", "", rule=rules.mobile, label="Your mobile, for tests:"),
    # rials per SMS part by line type: the estimate before a send (learned from the gateway)
    Option("sms", "price_service", 1_180, **_whole(0, 10**6),
           label="Price of an SMS part, service line (rials):"),
    Option("sms", "price_advertising", 1_180, **_whole(0, 10**6),
           label="Price of an SMS part, advertising line (rials):"),
    Option("campaign", "repeat_days", 30, **_whole(0, 3650),
           label="Leave out who got the same message in the last (days):",
           help="the same message to the same person is left out for this many days"),
    Option("smtp", "host", "", label="Server:"),
    Option("smtp", "port", 587, **_whole(1, 65535), label="Port:"),
    Option("smtp", "user", "", label="User:"),
    Option("smtp", "password", "", secret=True, label="Password:",
           help="the mail server's password (kept in the keyring, never printed)"),
    Option("smtp", "security", "starttls", ("none", "starttls", "ssl"), label="Security:",
           words=(("none", "بدون رمزگذاری"), ("starttls", "STARTTLS"), ("ssl", "SSL/TLS"))),
    Option("smtp", "from", "", rule=rules.email, label="From address:"),
    Option("smtp", "rate_per_minute", 60, **_whole(0, 10000), label="Emails per minute:"),
    Option("absence", "min_visits", 3, **_whole(1, 1000), label="Visits to be a regular:"),
    Option("absence", "absent_days", 90, **_whole(1, 3650), label="Absent after (days):"),
    Option("absence", "overdue_factor", 2.0, minimum=1.0, maximum=20.0,
           label="Overdue at (× usual gap):"),
    Option("absence", "overdue_min_days", 21, **_whole(0, 3650),
           label="Overdue not before (days):"),
    Option("absence", "contacted_days", 14, **_whole(0, 365),
           label="Recently contacted (days):"),
    Option("absence", "vip_top_percent", 0.0, minimum=0.0, maximum=100.0,
           label="VIP: top percent by spending:"),
    Option("absence", "rfm_window_months", 12, **_whole(1, 120),
           label="RFM window (months):"),
    # after-visit survey (services/retention/survey.py)
    Option("survey", "enabled", False, label="Ask for a score from 1 to 5 after each visit"),
    Option("survey", "delay", "next_morning", rule=rules.survey_delay, label="Send it:",
           help="next_morning, or a number of hours after the visit",
           words=(("next_morning", "صبح روز بعد"),)),
    Option("survey", "morning", "10:00", label="Next morning at:",
           help="when the next morning is, Tehran time (HH:MM)"),
    Option("survey", "max_age_days", 3, **_whole(0, 365),
           label="No survey for visits older than (days):"),
    Option("survey", "text", "از ۱ تا ۵ به مراجعه‌ی امروزتان در {فروشگاه} چه نمره‌ای می‌دهید؟ "
           "فقط عدد را بفرستید.", rule=rules.required_text, label="Message:"),
    Option("ui", "language", "fa", ("fa", "en"), label="Language:", restart=True,
           words=(("fa", "فارسی"), ("en", "انگلیسی"))),
    Option("ui", "calendar", "jalali", ("jalali", "gregorian"), label="Calendar:",
           restart=True, words=(("jalali", "شمسی"), ("gregorian", "میلادی"))),
    Option("ui", "currency", "toman", ("toman", "rial"), label="Money in:", restart=True,
           help="the unit amounts are typed and shown in (stored as rials)",
           words=(("toman", "تومان"), ("rial", "ریال"))),
    Option("backup", "dir", "", label="Folder:"),
    Option("backup", "keep_daily", 7, **_whole(1, 365), label="Keep daily backups:"),
    Option("backup", "keep_weekly", 8, **_whole(0, 520), label="Keep weekly backups:"),
    Option("backup", "auto", True, label="Back up every day and before risky steps"),
    Option("daily", "birthdays", True, label="Greet today's birthdays in the daily run"),
    Option("daily", "time", "09:00", label="Daily run at:",
           help="when the scheduler runs `shopcrm daily` (HH:MM)"),
    # Loyalty club (shopcrm.services.loyalty): off until the owner turns it on.
    # points_per_amount: one point for every this much money, in the owner's currency
    # (ui.currency: toman by default); 0 = no points for money. tiers: "name:points:perk"
    # separated by ";" (points earned in all), e.g. "نقره‌ای:500:۵٪ تخفیف;طلایی:1500:۱۰٪ تخفیف".
    Option("loyalty", "enabled", False, label="Loyalty club on"),
    Option("loyalty", "points_per_visit", 10, **_whole(0, 100000), label="Points per visit:"),
    Option("loyalty", "points_per_amount", 0, **_whole(0, 10**12),
           label="One point for every (money):",
           help="one point for every this much money, in the owner's currency; 0 = none"),
    Option("loyalty", "reward_points", 100, **_whole(1, 10**9), label="Reward at (points):"),
    Option("loyalty", "reward_text", "یک خدمت رایگان", label="Reward:"),
    Option("loyalty", "expiry_days", 0, **_whole(0, 36500),
           label="Points expire after (days, 0 = never):"),
    Option("loyalty", "tiers", "", rule=rules.tiers, label="VIP tiers:",
           help="name:points:perk separated by ;"),
    Option("loyalty", "referral_bonus", 0, **_whole(0, 10**9),
           label="Referral bonus (points, both):"),
    Option("loyalty", "notice_text",
           "{نام} عزیز، امتیاز شما در باشگاه مشتریان {فروشگاه} به جایزه رسید: {جایزه}."
           " منتظرتان هستیم.", label="Reward message:"),
    Option("secrets", "store", "keyring", ("keyring", "file"), label="Keep secrets in:",
           words=(("keyring", "کلیدساز سیستم"), ("file", "فایل خصوصی"))),
)
_BY_NAME = {o.name: o for o in OPTIONS}
SECRET_NAMES: tuple[str, ...] = tuple(o.name for o in OPTIONS if o.secret)


def option(name: str) -> Option:
    try:
        return _BY_NAME[name]
    except KeyError:
        raise InvalidInput("setting_unknown", key=name,
                           known=", ".join(sorted({o.section for o in OPTIONS}))) from None


def coerce(opt: Option, value: Any) -> Any:
    """Turn ``value`` (from TOML, an env var or a form) into the option's type."""
    return opt.check(value)


class SecretBackend(Protocol):
    def get(self, name: str) -> str | None: ...


class SettingsView:
    """Typed reading over ``get(name)``; ``Settings`` and the form's draft both are one."""

    def get(self, name: str) -> Any:
        raise NotImplementedError

    def __getitem__(self, name: str) -> Any:
        return self.get(name)

    @property
    def shop(self) -> ShopSettings:
        return ShopSettings(self)

    @property
    def sms(self) -> SmsSettings:
        return SmsSettings(self)

    @property
    def smtp(self) -> SmtpSettings:
        return SmtpSettings(self)

    @property
    def absence(self) -> AbsenceSettings:
        return AbsenceSettings(self)

    @property
    def currency(self) -> Currency:
        return cast(Currency, self.get("ui.currency"))

    @property
    def calendar(self) -> Literal["jalali", "gregorian"]:
        return cast(Literal["jalali", "gregorian"], self.get("ui.calendar"))

    @property
    def language(self) -> Language:
        """The language: ``SHOPCRM_LANG`` if set (fa/en), else the ``ui.language`` setting."""
        return cast(Language, self.get("ui.language"))

    def resolve_language(self, explicit: str | None = None) -> Language:
        """``--lang`` when given, else :attr:`language`; the one way the language is chosen."""
        if explicit in ("fa", "en"):
            return cast(Language, explicit)
        return self.language


class DefaultSettings(SettingsView):
    """Every option at its default: for work asked without the owner's settings."""

    def get(self, name: str) -> Any:
        return option(name).default


class _Section:
    def __init__(self, view: SettingsView) -> None:
        self._v = view

    def _str(self, key: str) -> str:
        return str(self._v.get(key) or "")


class ShopSettings(_Section):
    @property
    def name(self) -> str:
        return self._str("shop.name")

    @property
    def address(self) -> str:
        return self._str("shop.address")

    @property
    def phone(self) -> str:
        return self._str("shop.phone")

    @property
    def new_address(self) -> str:
        return self._str("shop.new_address")

    @property
    def named(self) -> bool:
        """Whether the owner has given the shop's name (real sends need it)."""
        return bool(self.name.strip())


class SmsSettings(_Section):
    @property
    def provider(self) -> Literal["kavenegar", "file", "none"]:
        return cast(Literal["kavenegar", "file", "none"], self._v.get("sms.provider"))

    @property
    def api_key(self) -> str:
        return self._str("sms.api_key")

    @property
    def base_url(self) -> str:
        return self._str("sms.base_url") or "https://api.kavenegar.com"

    @property
    def sender(self) -> str:
        return self._str("sms.sender")

    @property
    def line(self) -> Literal["service", "advertising"]:
        return cast(Literal["service", "advertising"], self._v.get("sms.line"))

    @property
    def quiet_hours(self) -> str:
        return self._str("sms.quiet_hours")

    @property
    def timeout(self) -> float:
        return float(self._v.get("sms.timeout") or 30.0)

    @property
    def test_mobile(self) -> str:
        return self._str("sms.test_mobile")


class SmtpSettings(_Section):
    @property
    def host(self) -> str:
        return self._str("smtp.host").strip()

    @property
    def port(self) -> int:
        return int(self._v.get("smtp.port") or 587)

    @property
    def user(self) -> str:
        return self._str("smtp.user").strip()

    @property
    def password(self) -> str:
        return self._str("smtp.password")

    @property
    def security(self) -> Literal["none", "starttls", "ssl"]:
        return cast(Literal["none", "starttls", "ssl"], self._v.get("smtp.security"))

    @property
    def from_addr(self) -> str:
        return self._str("smtp.from").strip()

    @property
    def rate_per_minute(self) -> int:
        return int(self._v.get("smtp.rate_per_minute") or 0)


class AbsenceSettings(_Section):
    @property
    def min_visits(self) -> int:
        return int(self._v.get("absence.min_visits"))

    @property
    def absent_days(self) -> int:
        return int(self._v.get("absence.absent_days"))

    @property
    def overdue_factor(self) -> float:
        return float(self._v.get("absence.overdue_factor"))

    @property
    def overdue_min_days(self) -> int:
        return int(self._v.get("absence.overdue_min_days"))

    @property
    def contacted_days(self) -> int:
        return int(self._v.get("absence.contacted_days"))

    @property
    def vip_top_percent(self) -> float:
        return float(self._v.get("absence.vip_top_percent"))

    @property
    def rfm_window_months(self) -> int:
        return int(self._v.get("absence.rfm_window_months"))


class Settings(SettingsView):
    """Resolved settings: typed accessors (``settings.sms.sender``) or ``get("sms.sender")``."""

    def __init__(
        self,
        path: Path | None = None,
        env: Mapping[str, str] | None = None,
        *,
        secrets: Any = None,
    ) -> None:
        self.path = path or settings_file()
        self._env: Mapping[str, str] = os.environ if env is None else env
        self._file: dict[str, dict[str, Any]] = self._read_file()
        self._overrides: dict[str, Any] = {}
        self._secrets = secrets

    def _read_file(self) -> dict[str, dict[str, Any]]:
        if not self.path.exists():
            return {}
        import tomllib  # only with a settings file: a command without one starts lighter

        try:
            with self.path.open("rb") as fh:
                return tomllib.load(fh)
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise InvalidInput("bad_setting", key=str(self.path), detail=str(exc)) from exc

    def env(self, name: str) -> str | None:
        """A declared non-setting ``SHOPCRM_*`` variable as these settings see it."""
        return env_vars.read(name, self._env)

    @property
    def language(self) -> Language:
        lang = self.env("SHOPCRM_LANG")
        if lang in ("fa", "en"):
            return cast(Language, lang)
        return cast(Language, self.get("ui.language"))

    def source(self, name: str) -> str:
        """Where the value comes from: env, override, file, keyring or default."""
        opt = option(name)
        if opt.env_name in self._env:
            return "env"
        if name in self._overrides:
            return "override"
        if opt.secret:
            return "keyring" if self._secret(opt) else "default"
        return "file" if opt.key in self._file.get(opt.section, {}) else "default"

    def get(self, name: str) -> Any:
        opt = option(name)
        if opt.env_name in self._env:
            return opt.check(self._env[opt.env_name])
        if name in self._overrides:
            return self._overrides[name]
        if opt.secret:
            return self._secret(opt) or opt.default
        raw = self._file.get(opt.section, {}).get(opt.key, opt.default)
        try:
            return opt.check(raw)
        except InvalidInput as exc:  # the file was edited by hand: say where
            exc.data.setdefault("where", str(self.path))
            raise

    def _store(self) -> Any:
        if self._secrets is None:
            from shopcrm.secrets import SecretStore

            self._secrets = SecretStore(self)
        return self._secrets

    def _secret(self, opt: Option) -> str:
        return self._store().get(opt.name) or ""

    def override(self, name: str, value: Any) -> None:
        """Change a value for this run only (``--days`` on the command line...)."""
        self._overrides[name] = option(name).check(value)

    def set(self, name: str, value: Any) -> None:
        """Change and persist a value; secrets go to the keyring, never the file.

        Plain values are kept in memory until :meth:`save`; a secret is stored at once."""
        opt = option(name)
        value = opt.check(value)
        if opt.secret:
            self._store().set(opt.name, value)
            return
        self._file.setdefault(opt.section, {})[opt.key] = value
        self._overrides.pop(name, None)

    def unset(self, name: str) -> None:
        """Back to the default: the value leaves the file (a secret leaves the keyring)."""
        opt = option(name)
        if opt.secret:
            self._store().set(opt.name, "")
            return
        section = self._file.get(opt.section, {})
        section.pop(opt.key, None)
        if not section:
            self._file.pop(opt.section, None)
        self._overrides.pop(name, None)

    def save(self) -> None:
        from shopcrm.paths import create_private_file

        create_private_file(self.path)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(dump_toml(self._file), encoding="utf-8")
        os.chmod(tmp, 0o600)
        os.replace(tmp, self.path)

    def as_dict(self, *, mask_secrets: bool = True) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for opt in OPTIONS:
            value = self.get(opt.name)
            if opt.secret and mask_secrets:
                value = mask(value)
            result[opt.name] = value
        return result


def mask(secret: str) -> str:
    """The one masker: a secret shows as ``ab…yz`` (``***`` when short); empty stays empty."""
    if not secret:
        return ""
    if len(secret) < 10:
        return "***"
    return f"{secret[:2]}…{secret[-2:]}"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def dump_toml(data: Mapping[str, Mapping[str, Any]]) -> str:
    lines: list[str] = []
    for section, values in data.items():
        lines.append(f"[{section}]")
        for key, value in values.items():
            lines.append(f'"{key}" = {_toml_value(value)}' if key == "from" else
                         f"{key} = {_toml_value(value)}")
        lines.append("")
    return "\n".join(lines)

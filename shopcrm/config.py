"""Settings: a declared registry of options with types and defaults.

Values come from the defaults below, then the TOML settings file in the user config
dir, then environment variables named ``SHOPCRM_<SECTION>_<KEY>`` (for example
``SHOPCRM_SMS_API_KEY`` or ``SHOPCRM_ABSENCE_ABSENT_DAYS``). Secrets (the SMS API key,
the SMTP password) are never written to the settings file: they live in the system
keyring (see ``shopcrm.secrets``); an environment variable still overrides them.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shopcrm.errors import InvalidInput
from shopcrm.paths import settings_file


@dataclass(frozen=True)
class Option:
    section: str
    key: str
    default: Any
    choices: tuple[str, ...] = ()
    secret: bool = False

    @property
    def name(self) -> str:
        return f"{self.section}.{self.key}"

    @property
    def env_name(self) -> str:
        return f"SHOPCRM_{self.section}_{self.key}".upper()


OPTIONS: tuple[Option, ...] = (
    Option("shop", "name", "آرایشگاه من"),
    Option("shop", "address", ""),
    Option("shop", "phone", ""),
    Option("shop", "new_address", ""),
    # auto: Kavenegar when an API key is set, else the test file (see messaging/factory.py)
    Option("sms", "provider", "auto", ("auto", "kavenegar", "file", "none")),
    Option("sms", "api_key", "", secret=True),
    Option("sms", "base_url", "https://api.kavenegar.com"),
    Option("sms", "sender", ""),
    Option("sms", "line", "service", ("service", "advertising")),
    Option("sms", "quiet_hours", "21:00-08:00"),
    Option("sms", "timeout", 30.0),
    Option("sms", "test_mobile", ""),
    # rials per SMS part by line type: the estimate before a send (learned from the gateway)
    Option("sms", "price_service", 1_180),
    Option("sms", "price_advertising", 1_180),
    Option("campaign", "repeat_days", 30),  # the same message to the same person: left out
    Option("smtp", "host", ""),
    Option("smtp", "port", 587),
    Option("smtp", "user", ""),
    Option("smtp", "password", "", secret=True),
    Option("smtp", "security", "starttls", ("none", "starttls", "ssl")),
    Option("smtp", "from", ""),
    Option("smtp", "rate_per_minute", 60),
    Option("absence", "min_visits", 3),
    Option("absence", "absent_days", 90),
    Option("absence", "overdue_factor", 2.0),
    Option("absence", "overdue_min_days", 21),
    Option("absence", "contacted_days", 14),
    Option("absence", "vip_top_percent", 0.0),
    Option("absence", "rfm_window_months", 12),
    Option("ui", "language", "fa", ("fa", "en")),
    Option("ui", "calendar", "jalali", ("jalali", "gregorian")),
    Option("ui", "currency", "toman", ("rial", "toman")),
    Option("backup", "dir", ""),
    Option("backup", "keep_daily", 7),
    Option("backup", "keep_weekly", 8),
    Option("backup", "auto", True),
    Option("secrets", "store", "keyring", ("keyring", "file")),
)
_BY_NAME = {o.name: o for o in OPTIONS}


def option(name: str) -> Option:
    try:
        return _BY_NAME[name]
    except KeyError:
        raise InvalidInput("bad_setting", key=name, detail="unknown setting") from None


def coerce(opt: Option, value: Any) -> Any:
    """Turn ``value`` (from TOML, an env var or a form) into the option's type."""
    kind = type(opt.default)
    try:
        if kind is bool:
            if isinstance(value, str):
                lowered = value.strip().lower()
                if lowered not in ("1", "0", "true", "false", "yes", "no", "on", "off"):
                    raise ValueError(value)
                return lowered in ("1", "true", "yes", "on")
            return bool(value)
        if kind is int:
            from shopcrm.domain.text import fold_digits

            return int(fold_digits(str(value)).strip()) if isinstance(value, str) else int(value)
        if kind is float:
            from shopcrm.domain.text import fold_digits

            text = fold_digits(str(value)).replace("٫", ".").strip()
            return float(text)
    except (TypeError, ValueError):
        raise InvalidInput("bad_setting", key=opt.name, detail=repr(value)) from None
    text = "" if value is None else str(value)
    if opt.choices and text not in opt.choices:
        raise InvalidInput("bad_setting", key=opt.name, detail=f"{text!r} not in {opt.choices}")
    return text


class Settings:
    """Resolved settings. Read with ``settings.get("sms.sender")`` or ``settings["..."]``."""

    def __init__(
        self,
        path: Path | None = None,
        env: Mapping[str, str] | None = None,
        *,
        secrets: Any = None,
    ) -> None:
        self.path = path or settings_file()
        self._env = os.environ if env is None else env
        self._file: dict[str, dict[str, Any]] = self._read_file()
        self._overrides: dict[str, Any] = {}
        self._secrets = secrets

    def _read_file(self) -> dict[str, dict[str, Any]]:
        if not self.path.exists():
            return {}
        try:
            with self.path.open("rb") as fh:
                return tomllib.load(fh)
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise InvalidInput("bad_setting", key=str(self.path), detail=str(exc)) from exc

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
            return coerce(opt, self._env[opt.env_name])
        if name in self._overrides:
            return self._overrides[name]
        if opt.secret:
            return self._secret(opt) or opt.default
        raw = self._file.get(opt.section, {}).get(opt.key, opt.default)
        return coerce(opt, raw)

    __getitem__ = get

    def _secret(self, opt: Option) -> str:
        if self._secrets is None:
            from shopcrm.secrets import SecretStore

            self._secrets = SecretStore(self)
        return self._secrets.get(opt.name) or ""

    def override(self, name: str, value: Any) -> None:
        """Change a value for this run only (``--days`` on the command line...)."""
        self._overrides[name] = coerce(option(name), value)

    def set(self, name: str, value: Any) -> None:
        """Change and persist a value; secrets go to the keyring, never the file."""
        opt = option(name)
        value = coerce(opt, value)
        if opt.secret:
            if self._secrets is None:
                from shopcrm.secrets import SecretStore

                self._secrets = SecretStore(self)
            self._secrets.set(opt.name, value)
            return
        self._file.setdefault(opt.section, {})[opt.key] = value
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
    """Show a secret as ``ab…yz`` (or ``***`` when short); empty stays empty."""
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

"""Secrets (SMS API key, SMTP password) in the system keyring.

Where no keyring backend exists the owner may choose ``secrets.store = "file"``: the
secrets then go to ``secrets.toml`` in the config dir, readable only by the owner.
Nothing secret is ever written to the database, the settings file or a log.
"""

from __future__ import annotations

import contextlib
import os
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

from shopcrm.errors import StorageError
from shopcrm.paths import config_dir, create_private_file

if TYPE_CHECKING:
    from shopcrm.config import SettingsView

SERVICE = "ShopCRM"


def keyring_available() -> bool:
    try:
        import keyring
        from keyring.backends import fail, null

        backend = keyring.get_keyring()
        return not isinstance(backend, fail.Keyring | null.Keyring)
    except Exception:
        return False


class SecretStore:
    def __init__(self, settings: SettingsView) -> None:
        self._settings = settings

    def _use_file(self) -> bool:
        return self._settings.get("secrets.store") == "file" or not keyring_available()

    def get(self, name: str) -> str | None:
        value = self._get(name)
        if value:
            from shopcrm.logs import register_secret

            register_secret(value)  # the log filter masks it from now on
        return value

    def _get(self, name: str) -> str | None:
        if self._use_file():
            return _file_secrets().get(name)
        import keyring

        try:
            return keyring.get_password(SERVICE, name)
        except Exception:
            return None

    def set(self, name: str, value: str) -> None:
        if value:
            from shopcrm.logs import register_secret

            register_secret(value)
        if self._use_file():
            if self._settings.get("secrets.store") != "file":
                raise StorageError("no_keyring")
            data = _file_secrets()
            if value:
                data[name] = value
            else:
                data.pop(name, None)
            _write_file_secrets(data)
            return
        import keyring

        if value:
            keyring.set_password(SERVICE, name, value)
        else:
            with contextlib.suppress(Exception):  # nothing stored is fine
                keyring.delete_password(SERVICE, name)


def _secrets_path() -> Path:
    return config_dir() / "secrets.toml"


def _file_secrets() -> dict[str, str]:
    path = _secrets_path()
    if not path.exists():
        return {}
    with path.open("rb") as fh:
        return {k: str(v) for k, v in tomllib.load(fh).items()}


def _write_file_secrets(data: dict[str, str]) -> None:
    path = _secrets_path()
    create_private_file(path)
    os.chmod(path, 0o600)
    lines = [f'"{k}" = "{v.replace(chr(92), chr(92) * 2).replace(chr(34), chr(92) + chr(34))}"'
             for k, v in sorted(data.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

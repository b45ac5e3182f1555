"""A keyring that lives in a dict, and putting a keyring backend in place for a test.

The fixtures ``config_dir``, ``memory_keyring`` and ``no_keyring`` (tests/conftest.py) are
built on these; the Settings page, ``shopcrm settings`` and the secrets tests share them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TypeVar

import keyring
from keyring.backend import KeyringBackend

B = TypeVar("B", bound=KeyringBackend)


class MemoryKeyring(KeyringBackend):
    """A keyring backend in a dict; below every real backend, so never picked on its own."""

    priority = -1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@contextlib.contextmanager
def keyring_in_place(backend: B) -> Iterator[B]:
    """``backend`` is the keyring until the block ends; then the one before it again."""
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)

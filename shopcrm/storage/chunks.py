"""How many ids go into one ``IN (...)`` list or one batch of rows.

SQLite allows 32,766 bound parameters and PostgreSQL 65,535, but a statement with
thousands of them is slow to plan and holds its lock longer. Every batched read and write
of the book (lists by id, imports, campaigns, the outbox) cuts its ids into chunks of
``CHUNK_SIZE``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

CHUNK_SIZE = 500

T = TypeVar("T")


def chunks(items: Sequence[T], size: int = CHUNK_SIZE) -> Iterator[Sequence[T]]:
    """``items`` cut into consecutive slices of at most ``size``."""
    for start in range(0, len(items), size):
        yield items[start:start + size]

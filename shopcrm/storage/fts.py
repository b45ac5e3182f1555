"""The SQLite FTS5 search index of customers, kept by triggers (migration 0002)."""

from __future__ import annotations

from sqlalchemy import Connection


class FtsPaused:
    """On SQLite, one FTS5 trigger of the customer table dropped for a bulk write and
    created again (same SQL) before the transaction ends; the writer keeps the index
    itself with plain executemany, five times faster than the per-row trigger (each
    trigger firing is a statement savepoint, which flushes FTS5's pending terms). SQLite
    DDL is transactional: a rollback or a crash brings the trigger back untouched."""

    def __init__(self, conn: Connection, trigger: str, enabled: bool = True) -> None:
        self.conn = conn
        self.trigger = trigger
        self.enabled = enabled
        self.sql: str | None = None

    def __enter__(self) -> bool:
        """True when the caller must keep ``customer_fts`` itself."""
        if self.conn.dialect.name != "sqlite" or not self.enabled:
            return False
        self.sql = self.conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
            (self.trigger,)).scalar()
        if self.sql:
            self.conn.exec_driver_sql(f"DROP TRIGGER {self.trigger}")
        return bool(self.sql)

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if self.sql and exc_type is None:
            self.conn.exec_driver_sql(self.sql)


def add_to_index(conn: Connection, rows: list[tuple[int, str]]) -> None:
    """Index ``(customer id, search_text)`` pairs while the insert trigger is paused."""
    conn.exec_driver_sql("INSERT INTO customer_fts(rowid, search_text) VALUES (?, ?)", rows)

"""The throwaway PostgreSQL server of the test setup works, and its databases are isolated."""

from __future__ import annotations

import pytest
import sqlalchemy as sa


def test_server_accepts_connections_on_loopback_only(postgres_server, request):
    # conftest marks every test that uses the server, so -m "not postgres" leaves it out.
    assert request.node.get_closest_marker("postgres") is not None
    with postgres_server.connect() as conn:
        version, listen, fsync, encoding = conn.execute(
            "SELECT current_setting('server_version_num')::int,"
            " current_setting('listen_addresses'), current_setting('fsync'),"
            " current_setting('server_encoding')"
        ).fetchone()
    assert version >= 130000  # DROP DATABASE ... WITH (FORCE)
    assert listen == "127.0.0.1"
    assert fsync == "off"
    assert encoding == "UTF8"


def test_postgres_url_is_a_fresh_empty_database(postgres_url, postgres_server):
    assert postgres_url.startswith(f"postgresql+psycopg://shop@127.0.0.1:{postgres_server.port}/")
    engine = sa.create_engine(postgres_url)
    try:
        with engine.connect() as conn:
            tables = conn.execute(
                sa.text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
            ).scalar_one()
            encoding = conn.execute(
                sa.text(
                    "SELECT pg_encoding_to_char(encoding) FROM pg_database"
                    " WHERE datname = current_database()"
                )
            ).scalar_one()
            echoed = conn.execute(sa.text("SELECT :t"), {"t": "مریم ۰۹۱۲"}).scalar_one()
    finally:
        engine.dispose()
    assert tables == 0
    assert encoding == "UTF8"
    assert echoed == "مریم ۰۹۱۲"


def test_pg_trgm_can_be_created_and_sees_persian_words(postgres_url):
    engine = sa.create_engine(postgres_url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
            trigrams = conn.execute(sa.text("SELECT show_trgm('زهرا')")).scalar_one()
            same = conn.execute(sa.text("SELECT similarity('زهرا', 'زهرا')")).scalar_one()
    finally:
        engine.dispose()
    # Under the C locale pg_trgm finds no word characters in Persian and returns nothing.
    assert trigrams
    assert same == pytest.approx(1.0)


def test_two_databases_are_isolated_and_dropped_after(postgres_server):
    with postgres_server.database() as url_a, postgres_server.database() as url_b:
        assert url_a != url_b
        engine_a, engine_b = sa.create_engine(url_a), sa.create_engine(url_b)
        try:
            with engine_a.begin() as conn:
                conn.execute(sa.text("CREATE TABLE customer (name text)"))
                conn.execute(sa.text("INSERT INTO customer VALUES ('سارا')"))
            with engine_b.connect() as conn:
                exists = conn.execute(sa.text("SELECT to_regclass('customer')")).scalar_one()
            assert exists is None
            # An open connection must not keep the database from being dropped.
            leaked = engine_a.connect()
        finally:
            engine_b.dispose()
        name_a = url_a.rsplit("/", 1)[1]
    with postgres_server.connect() as conn:
        left = conn.execute(
            "SELECT count(*) FROM pg_database WHERE datname = %s", (name_a,)
        ).fetchone()[0]
    assert left == 0
    leaked.invalidate()
    engine_a.dispose()


def test_db_url_gives_a_working_database_on_each_backend(db_url, request):
    backend = request.node.callspec.params["db_url"]
    if backend == "sqlite":
        assert db_url.startswith("sqlite:///") and db_url.endswith("/book.sqlite3")
        assert request.node.get_closest_marker("postgres") is None
    else:
        assert db_url.startswith("postgresql+psycopg://shop@127.0.0.1:")
        assert request.node.get_closest_marker("postgres") is not None
    engine = sa.create_engine(db_url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("CREATE TABLE t (v text)"))
            conn.execute(sa.text("INSERT INTO t VALUES ('ok')"))
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT v FROM t")).scalar_one() == "ok"
    finally:
        engine.dispose()


def test_missing_binaries_skip_outside_ci_but_fail_in_ci(monkeypatch):
    from support import postgres

    monkeypatch.setattr(postgres, "find_bindir", lambda: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception), postgres.session_server():
        pass
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI is set"), postgres.session_server():
        pass


def test_a_server_that_cannot_start_fails_even_outside_ci(monkeypatch, tmp_path):
    from support import postgres

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(postgres, "find_bindir", lambda: tmp_path)
    with pytest.raises(pytest.fail.Exception, match="did not start"), postgres.session_server():
        pass

"""A throwaway PostgreSQL cluster on loopback for the test session.

``PostgresServer(bindir).start()`` runs ``initdb`` into a fresh temp dir and ``pg_ctl start`` on
a free port of 127.0.0.1 with durability turned off (fsync, full_page_writes,
synchronous_commit). Authentication is ``trust`` for the role ``shop``. ``database()`` makes a
fresh UTF-8 database and drops it afterwards. The server refuses to run as root, so under root
the cluster belongs to the ``postgres`` OS user (Debian's package creates it) and the binaries
run as that user.

A cluster whose pytest process died without stopping it (kill -9) is stopped and removed by the
next ``start()``.
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import os
import pwd
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROLE = "shop"
HOST = "127.0.0.1"
DIR_PREFIX = "shopcrm-pg-"

# Applied to postgresql.conf; the port goes on the command line (it changes on a retry).
SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "unix_socket_directories": "'{sockdir}'",
    "fsync": "off",
    "full_page_writes": "off",
    "synchronous_commit": "off",
    "max_connections": "200",
    "timezone": "'UTC'",
    "log_min_messages": "warning",
}


class PostgresError(RuntimeError):
    """The test server could not be found, started or used."""


def find_bindir() -> Path | None:
    """The directory holding initdb, pg_ctl and postgres, or None.

    Looks at $SHOPCRM_TEST_PG_BINDIR, PATH, /usr/local/bin, then the newest
    /usr/lib/postgresql/*/bin (Debian keeps the server binaries off PATH). Symlinks are
    resolved so that the three binaries come from one installation.
    """
    candidates: list[Path] = []
    if env_dir := os.environ.get("SHOPCRM_TEST_PG_BINDIR"):
        candidates.append(Path(env_dir) / "initdb")
    if on_path := shutil.which("initdb"):
        candidates.append(Path(on_path))
    candidates.append(Path("/usr/local/bin/initdb"))
    debian = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: _version_key(p.parent.parent.name),
        reverse=True,
    )
    candidates.extend(debian)
    for initdb in candidates:
        if not initdb.is_file():
            continue
        bindir = initdb.resolve().parent
        if all(os.access(bindir / name, os.X_OK) for name in ("initdb", "pg_ctl", "postgres")):
            return bindir
    return None


def _version_key(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _run_as_user() -> pwd.struct_passwd | None:
    """The OS user to run the server as: None for the current user, else postgres/nobody."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    raise PostgresError("running as root and there is no 'postgres' (or 'nobody') OS user")


def _temp_parent(as_user: pwd.struct_passwd | None) -> Path:
    """Where the cluster dir goes: the temp dir, or /tmp if another user cannot reach it."""
    parent = Path(tempfile.gettempdir()).resolve()
    if as_user is not None:
        reachable = all(p.stat().st_mode & 0o001 for p in (parent, *parent.parents))
        if not reachable:
            parent = Path("/tmp")
    return parent


def _pick_locale() -> str | None:
    """A UTF-8 locale for the cluster, so pg_trgm and lower() treat Persian letters as letters.

    Under the C locale pg_trgm sees no word characters in Persian text at all.
    """
    try:
        out = subprocess.run(
            ["locale", "-a"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        out = ""
    available = {line.strip().lower().replace("-", ""): line.strip() for line in out.splitlines()}
    for wanted in ("c.utf8", "en_us.utf8"):
        if wanted in available:
            return available[wanted]
    return None


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class PostgresServer:
    """One throwaway cluster. Use ``start()``/``stop()`` or ``with PostgresServer(...)``."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = Path(bindir)
        self.host = HOST
        self.user = ROLE
        self.port: int | None = None
        self.base: Path | None = None
        self.start_seconds: float | None = None
        self._as_user = _run_as_user()
        self._names = itertools.count(1)

    # -- paths and commands --------------------------------------------------------------

    @property
    def datadir(self) -> Path:
        assert self.base is not None
        return self.base / "data"

    @property
    def logfile(self) -> Path:
        assert self.base is not None
        return self.base / "server.log"

    def _run(self, args: list[str], timeout: float = 60, cwd: Path | None = None):
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env.update(LC_ALL="C", LANG="C")  # English messages whatever the user's locale
        kwargs: dict[str, Any] = {}
        if self._as_user is not None:
            kwargs.update(user=self._as_user.pw_uid, group=self._as_user.pw_gid, extra_groups=[])
            env.update(HOME=self._as_user.pw_dir, USER=self._as_user.pw_name)
        return subprocess.run(
            args,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
            cwd=cwd or self.base or "/",
            check=False,
            **kwargs,
        )

    def _chown(self, path: Path) -> None:
        if self._as_user is not None:
            os.chown(path, self._as_user.pw_uid, self._as_user.pw_gid)

    def _log_tail(self, lines: int = 20) -> str:
        try:
            text = self.logfile.read_text(errors="replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:])

    # -- lifecycle -----------------------------------------------------------------------

    def start(self, attempts: int = 3) -> PostgresServer:
        if self.port is not None:
            return self
        began = time.monotonic()
        parent = _temp_parent(self._as_user)
        self._reap_stale(parent)
        self.base = Path(tempfile.mkdtemp(prefix=DIR_PREFIX, dir=parent))
        (self.base / "owner.pid").write_text(str(os.getpid()))
        self._chown(self.base)
        atexit.register(self.stop)
        try:
            self._initdb()
            last = ""
            for _ in range(attempts):
                port = _free_port()
                result = self._run(
                    [
                        str(self.bindir / "pg_ctl"),
                        "-D",
                        str(self.datadir),
                        "-l",
                        str(self.logfile),
                        "-o",
                        f"-p {port}",
                        "-w",
                        "-t",
                        "60",
                        "start",
                    ],
                    timeout=90,
                )
                if result.returncode == 0:
                    self.port = port
                    break
                last = f"{result.stdout}{result.stderr}\n{self._log_tail()}"
                if "could not bind" not in last and "already in use" not in last:
                    break
            if self.port is None:
                raise PostgresError(f"pg_ctl start failed:\n{last.strip()}")
        except BaseException:
            self.stop()
            raise
        self.start_seconds = time.monotonic() - began
        return self

    def _initdb(self) -> None:
        args = [
            str(self.bindir / "initdb"),
            "-D",
            str(self.datadir),
            "-A",
            "trust",
            "-U",
            ROLE,
            "-E",
            "UTF8",
            "--no-sync",
        ]
        if locale := _pick_locale():
            args.append(f"--locale={locale}")
        else:
            args.append("--no-locale")
        result = self._run(args, timeout=120)
        if result.returncode != 0:
            raise PostgresError(f"initdb failed:\n{result.stdout}{result.stderr}".strip())
        conf_lines = ["", "# shopcrm tests"]
        for key, value in SETTINGS.items():
            conf_lines.append(f"{key} = {value.format(sockdir=self.base)}")
        with (self.datadir / "postgresql.conf").open("a") as conf:
            conf.write("\n".join(conf_lines) + "\n")

    def stop(self) -> None:
        """Stop the server and delete the cluster; safe to call twice."""
        base, self.base, self.port = self.base, None, None
        if base is not None:
            self._stop_cluster(base)

    def _stop_cluster(self, base: Path) -> None:
        try:
            if (base / "data" / "postmaster.pid").exists():
                self._run(
                    [
                        str(self.bindir / "pg_ctl"),
                        "-D",
                        str(base / "data"),
                        "-m",
                        "immediate",
                        "-w",
                        "stop",
                    ],
                    timeout=60,
                    cwd=base.parent,
                )
        finally:
            shutil.rmtree(base, ignore_errors=True)

    def _reap_stale(self, parent: Path) -> None:
        """Stop and delete clusters left by test sessions that died without cleaning up."""
        uid = self._as_user.pw_uid if self._as_user is not None else os.geteuid()
        for old in parent.glob(f"{DIR_PREFIX}*"):
            try:
                if old.stat().st_uid != uid:
                    continue  # someone else's; not ours to stop
                pid = int((old / "owner.pid").read_text())
            except (OSError, ValueError):
                continue
            if _pid_alive(pid):
                continue
            self._stop_cluster(old)

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- databases -----------------------------------------------------------------------

    def url(self, dbname: str, driver: str = "psycopg") -> str:
        """SQLAlchemy URL of a database on this server."""
        if self.port is None:
            raise PostgresError("the server is not running")
        return f"postgresql+{driver}://{self.user}@{self.host}:{self.port}/{dbname}"

    def connect(self, dbname: str = "postgres", **kwargs: Any):
        """A psycopg (v3) connection, autocommit unless told otherwise."""
        import psycopg

        if self.port is None:
            raise PostgresError("the server is not running")
        kwargs.setdefault("autocommit", True)
        return psycopg.connect(
            host=self.host,
            port=self.port,
            user=self.user,
            dbname=dbname,
            connect_timeout=10,
            **kwargs,
        )

    def create_database(self, name: str | None = None) -> str:
        """Create an empty UTF-8 database (from template0) and return its name."""
        name = name or f"test_{next(self._names)}_{secrets.token_hex(4)}"
        if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
            raise ValueError(f"bad database name {name!r}")
        with self.connect() as conn:
            conn.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
        return name

    def drop_database(self, name: str) -> None:
        """Drop a database even if a test left connections open to it."""
        with self.connect() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    @contextlib.contextmanager
    def database(self) -> Iterator[str]:
        """A fresh database for the duration of the block; yields its SQLAlchemy URL."""
        name = self.create_database()
        try:
            yield self.url(name)
        finally:
            self.drop_database(name)


@contextlib.contextmanager
def session_server() -> Iterator[PostgresServer]:
    """The session's server for the ``postgres_server`` fixture.

    Skips when no binaries are installed, except in CI, where that and every failure to
    start fail the tests with the reason: in CI the PostgreSQL tests must never be skipped.
    """
    import pytest

    from . import in_ci

    bindir = find_bindir()
    if bindir is None:
        message = (
            "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found on PATH, in "
            "/usr/local/bin or /usr/lib/postgresql/*/bin; run bash scripts/install_system_deps.sh"
        )
        if in_ci():
            pytest.fail(f"CI is set: {message}", pytrace=False)
        pytest.skip(message)
    server = PostgresServer(bindir)
    try:
        server.start()
    except Exception as exc:
        pytest.fail(f"the PostgreSQL test server did not start ({bindir}): {exc}", pytrace=False)
    try:
        yield server
    finally:
        server.stop()

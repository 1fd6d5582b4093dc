"""Fixtures: the database (SQLite, or a throwaway PostgreSQL server), the app
in-process, the app on a real uvicorn, and a client for either.

`pytest` runs on a SQLite file; `pytest --database postgresql` starts a
PostgreSQL server for the session and runs the same tests on it.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from tests.conduit_api import Client
from tests.postgres import free_port, throwaway_server

EXAMPLE = Path(__file__).resolve().parents[1]
SECRET_KEY = "conduit-test-secret-of-at-least-32-bytes"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database",
        choices=["sqlite", "postgresql"],
        default="sqlite",
        help="the database the app runs on (default: a SQLite file)",
    )


@pytest.fixture(scope="session")
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The database of the session, named in the environment the app reads."""
    if request.config.getoption("--database") == "postgresql":
        with throwaway_server() as url:
            yield url
    else:
        yield f"sqlite:///{tmp_path_factory.mktemp('database') / 'conduit.db'}"


@pytest.fixture(scope="session")
def environment(database_url: str) -> dict[str, str]:
    variables = {"DATABASE_URL": database_url, "CONDUIT_SECRET_KEY": SECRET_KEY}
    os.environ.update(variables)
    return {**os.environ, **variables}


@pytest.fixture(scope="session")
def in_process(environment: dict[str, str]) -> Iterator[TestClient]:
    """The app in this process; entering the client runs its migrations."""
    from app import app

    with TestClient(app, base_url="http://testserver/api") as client:
        yield client


@pytest.fixture(scope="session")
def engine(in_process: TestClient) -> Iterator[Engine]:
    from conduit.db import engine

    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def served(environment: dict[str, str], in_process: TestClient) -> Iterator[str]:
    """The app on uvicorn with two worker processes; yields the API's base URL."""
    with uvicorn_serving(environment) as base:
        yield base


@contextmanager
def uvicorn_serving(
    environment: dict[str, str], log: Path | None = None, workers: int = 2
) -> Iterator[str]:
    """`uvicorn app:app --workers 2` on a free loopback port, until it answers.

    The server's warnings and errors go to `log` when given.
    """
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "app:app", "--port", str(port)]
    with ExitStack() as cleanup:
        server = subprocess.Popen(
            [*command, "--workers", str(workers), "--log-level", "warning"],
            cwd=EXAMPLE,
            env=environment,
            stderr=cleanup.enter_context(log.open("w")) if log else None,
            start_new_session=True,  # its workers in its group, killed with it
        )
        base = f"http://127.0.0.1:{port}/api"
        try:
            wait_until_serving(base, server)
            yield base
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            finally:
                with suppress(ProcessLookupError):
                    os.killpg(server.pid, signal.SIGKILL)
                server.wait()


def wait_until_serving(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"uvicorn exited with {server.returncode}")
        try:
            httpx.get(f"{base}/tags", timeout=5).raise_for_status()
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError("uvicorn did not start serving within 60 s")


def fresh_database(engine: Engine, tmp_path: Path) -> str:
    """The URL of a database that does not exist yet (SQLite), or is empty."""
    if engine.dialect.name == "sqlite":
        (tmp_path / "new").mkdir()
        return f"sqlite:///{tmp_path / 'new' / 'conduit.db'}"
    name = f"fresh_{secrets.token_hex(4)}"
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as admin:
        admin.execute(text(f"CREATE DATABASE {name}"))
    return (
        make_url(str(engine.url))
        .set(database=name)
        .render_as_string(hide_password=False)
    )


@pytest.fixture
def empty_tables(engine: Engine) -> Iterator[Engine]:
    """The test's database, emptied afterwards (the schema stays)."""
    yield engine
    from conduit.models import Base

    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.fixture(params=["in-process", "uvicorn"])
def api(request: pytest.FixtureRequest, empty_tables: Engine) -> Iterator[Client]:
    """A client of the API's base URL, in-process and over real HTTP."""
    if request.param == "in-process":
        yield request.getfixturevalue("in_process")
    else:
        with httpx.Client(base_url=request.getfixturevalue("served")) as client:
            yield client

"""A new database is created and migrated when the server first starts, once,
even by several processes migrating at the same moment; settings come from
the environment, and the server refuses to start without a key."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, inspect, text

from conduit.migrations import ALEMBIC_INI
from tests.conftest import EXAMPLE, fresh_database, uvicorn_serving


def test_the_first_start_creates_and_migrates_a_new_database(
    engine: Engine, environment: dict[str, str], tmp_path: Path
) -> None:
    url = fresh_database(engine, tmp_path)
    log = tmp_path / "server.log"

    with uvicorn_serving({**environment, "DATABASE_URL": url}, log) as base:
        assert httpx.get(f"{base}/articles").json() == {
            "articles": [],
            "articlesCount": 0,
        }

    assert "Traceback" not in log.read_text(), log.read_text()

    assert migrated_versions(url) == [head_revision()]


def test_processes_migrating_one_new_database_at_once_all_succeed(
    engine: Engine, environment: dict[str, str], tmp_path: Path
) -> None:
    url = fresh_database(engine, tmp_path)
    upgrade = "import conduit.migrations as m; m.upgrade_to_head()"

    migrations = [
        subprocess.Popen(
            [sys.executable, "-c", upgrade],
            cwd=EXAMPLE,
            env={**environment, "DATABASE_URL": url},
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(6)
    ]

    outcomes = [
        (migration.communicate(timeout=120)[1], migration.returncode)
        for migration in migrations
    ]

    assert [code for _, code in outcomes] == [0] * len(migrations), outcomes
    assert migrated_versions(url) == [head_revision()]


def test_without_migrations_at_start_alembic_upgrade_head_migrates(
    engine: Engine, environment: dict[str, str], tmp_path: Path
) -> None:
    """Production with several workers: `CONDUIT_MIGRATE_ON_START=0`, and one
    `alembic upgrade head` before the workers start."""
    url = fresh_database(engine, tmp_path)
    without = {**environment, "DATABASE_URL": url, "CONDUIT_MIGRATE_ON_START": "0"}
    start = "from fastapi.testclient import TestClient; from app import app\n"
    start += "with TestClient(app): pass"

    started = subprocess.run(
        [sys.executable, "-c", start], cwd=EXAMPLE, env=without, check=False
    )
    assert started.returncode == 0
    assert "articles" not in table_names(url)

    subprocess.run(
        [sys.executable, "-m", "alembic", "upgrade", "head"],
        cwd=EXAMPLE,
        env=without,
        check=True,
    )
    assert migrated_versions(url) == [head_revision()]


def table_names(url: str) -> list[str]:
    database = create_engine(url)
    try:
        return inspect(database).get_table_names()
    finally:
        database.dispose()


def migrated_versions(url: str) -> list[str]:
    """The database's Alembic versions, checking that the tables exist."""
    database = create_engine(url)
    try:
        assert "articles" in inspect(database).get_table_names()
        with database.connect() as connection:
            versions = connection.execute(
                text("SELECT version_num FROM alembic_version")
            )
            return list(versions.scalars())
    finally:
        database.dispose()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(Config(ALEMBIC_INI)).get_current_head()


def settings_import(**variables: str) -> subprocess.CompletedProcess[str]:
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("CONDUIT_")
    }
    return subprocess.run(
        [sys.executable, "-c", "import conduit.settings"],
        cwd=EXAMPLE,
        env={**environment, **variables},
        capture_output=True,
        text=True,
        check=False,
    )


def test_without_a_secret_key_the_server_refuses_to_start() -> None:
    """Else anyone who read the source could sign a token for any user."""
    result = settings_import()

    assert result.returncode == 1
    assert "CONDUIT_SECRET_KEY is not set" in result.stderr
    assert "CONDUIT_DEVELOPMENT=1" in result.stderr
    assert "Traceback" not in result.stderr


def test_development_mode_uses_the_development_key_and_says_so() -> None:
    result = settings_import(CONDUIT_DEVELOPMENT="1")

    assert result.returncode == 0
    assert "development mode (CONDUIT_DEVELOPMENT=1)" in result.stderr


def test_a_secret_key_shorter_than_32_bytes_is_refused_at_start() -> None:
    result = settings_import(CONDUIT_SECRET_KEY="short")

    assert result.returncode == 1
    assert "CONDUIT_SECRET_KEY must be at least 32 bytes" in result.stderr
    assert "Traceback" not in result.stderr

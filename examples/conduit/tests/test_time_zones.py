"""Timestamps are UTC on the wire (`...Z`) whatever the database's time zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, create_engine, text

from tests.conduit_api import comment, publish, register
from tests.conftest import fresh_database, uvicorn_serving


def test_timestamps_end_in_z_on_a_postgresql_server_in_another_time_zone(
    engine: Engine, environment: dict[str, str], tmp_path: Path
) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no time zone: it stores what it is given")
    url = fresh_database(engine, tmp_path)
    set_time_zone(url, "Asia/Kolkata")  # +05:30, all year

    with (
        uvicorn_serving({**environment, "DATABASE_URL": url}) as base,
        httpx.Client(base_url=base) as api,
    ):
        author = register(api, "author")
        slug = publish(api, author, "Late")["slug"]
        comment(api, author, slug, "Early.")
        article = api.get(f"/articles/{slug}").json()["article"]  # as stored
        said = api.get(f"/articles/{slug}/comments").json()["comments"][0]

    stamps = [article["createdAt"], article["updatedAt"], said["createdAt"]]
    assert all(stamp.endswith("Z") for stamp in stamps), stamps
    moment = datetime.fromisoformat(article["createdAt"])
    assert abs(datetime.now(UTC) - moment) < timedelta(minutes=5), moment


def set_time_zone(url: str, zone: str) -> None:
    database = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with database.connect() as connection:
            name = connection.scalar(text("SELECT current_database()"))
            connection.execute(text(f"ALTER DATABASE {name} SET timezone TO '{zone}'"))
    finally:
        database.dispose()

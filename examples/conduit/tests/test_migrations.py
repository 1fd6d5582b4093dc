"""The Alembic migrations build exactly the schema the models describe."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from fastapi.testclient import TestClient
from sqlalchemy import Engine, inspect

from conduit.migrations import ALEMBIC_INI


def test_the_migrated_database_matches_the_models(engine: Engine) -> None:
    config = Config(ALEMBIC_INI)
    config.attributes["logging"] = False

    command.check(config)  # raises when autogenerate finds a change


def test_migrations_go_down_to_nothing_and_up_again(
    engine: Engine, in_process: TestClient
) -> None:
    config = Config(ALEMBIC_INI)
    config.attributes["logging"] = False

    command.downgrade(config, "base")
    assert inspect(engine).get_table_names() == ["alembic_version"]
    command.upgrade(config, "head")

    assert set(inspect(engine).get_table_names()) == {
        "alembic_version",
        "article_tags",
        "articles",
        "comments",
        "favorites",
        "follows",
        "tags",
        "users",
    }
    assert in_process.get("/articles").status_code == 200

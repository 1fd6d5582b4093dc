"""The queries of a list page and of the tag filter find their rows through
indexes, not by scanning `favorites` or `article_tags`: the database's own
EXPLAIN of the statements the app sends says which."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, event

from tests.conduit_api import publish, register

Statement = tuple[str, Any]


def test_a_list_page_counts_favorites_through_the_article_id_index(
    in_process: TestClient, empty_tables: Engine
) -> None:
    articles_with_tags(in_process)

    with statements_sent(empty_tables) as sent:
        assert in_process.get("/articles").status_code == 200

    counting = [s for s in sent if "count" in s[0] and "FROM favorites" in s[0]]
    assert counting, sent
    assert "ix_favorites_article_id" in plan(empty_tables, counting[0])


def test_the_tag_filter_finds_articles_through_the_tag_id_index(
    in_process: TestClient, empty_tables: Engine
) -> None:
    articles_with_tags(in_process)

    with statements_sent(empty_tables) as sent:
        assert in_process.get("/articles", params={"tag": "dragons"}).status_code == 200

    filtering = [s for s in sent if "tags.name =" in s[0]]  # the count and the page
    assert len(filtering) == 2, sent
    assert all("ix_article_tags_tag_id" in plan(empty_tables, s) for s in filtering)


def articles_with_tags(api: TestClient) -> None:
    author = register(api, "author")
    for number in range(3):
        publish(api, author, f"Dragons {number}", ["dragons", f"tag{number}"])
        api.post(f"/articles/dragons-{number}/favorite", headers=author)


@contextmanager
def statements_sent(engine: Engine) -> Iterator[list[Statement]]:
    """The SQL (with its parameters) the app sends while the block runs."""
    sent: list[Statement] = []

    def record(
        _connection: object, _cursor: object, sql: str, parameters: Any, *_: object
    ) -> None:
        sent.append((sql, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", record)


def plan(engine: Engine, statement: Statement) -> str:
    """The database's plan for the statement, as text.

    PostgreSQL is told to avoid scanning whole tables where it can, since a
    table this small is cheaper to scan: what is tested is that an index can
    serve the query at all.
    """
    sql, parameters = statement
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
            rows = connection.exec_driver_sql(f"EXPLAIN {sql}", parameters)
        else:
            rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", parameters)
        return "\n".join(str(row) for row in rows)

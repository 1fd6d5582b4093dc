"""The database: one engine per process, one session per request.

The same code runs on SQLite (the default, a file beside the app) and on
PostgreSQL (`DATABASE_URL=postgresql+psycopg://...`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import Engine, Executable, create_engine, event
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from conduit.errors import invalid
from conduit.settings import settings

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def connect(url: str) -> Engine:
    """An engine for `url`, with SQLite made safe for concurrent writers."""
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"check_same_thread": False})
    event.listen(engine, "connect", configure_sqlite)
    event.listen(engine, "begin", begin_sqlite)
    return engine


def configure_sqlite(connection: Any, _record: object) -> None:
    """WAL, enforced foreign keys, and waiting for a lock instead of failing.

    The driver's own transaction handling is switched off so that
    `begin_sqlite` decides how each transaction starts.
    """
    connection.isolation_level = None
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "busy_timeout=30000"):
        connection.execute(f"PRAGMA {pragma}")


def begin_sqlite(connection: Any) -> None:
    """Writers take SQLite's write lock when they begin.

    A transaction that reads, then writes, cannot wait for the lock once
    another writer has committed since its read (SQLite answers "database is
    locked" at once), so a request that may write asks for the lock first.
    """
    writes = connection.get_execution_options().get("writes", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


engine = connect(settings.database_url)


def open_session(request: Request) -> Iterator[Session]:
    """The request's session; handlers commit what they change."""
    with Session(engine, expire_on_commit=False) as session:
        if request.method not in SAFE_METHODS:
            session.connection(execution_options={"writes": True})
        yield session


DbSession = Annotated[Session, Depends(open_session)]


def commit(session: Session, conflict: str) -> None:
    """Commit; a unique value taken meanwhile by another request is a 422.

    Handlers check uniqueness first, for a precise message; the constraint
    catches the race between that check and the commit.
    """
    try:
        session.commit()
    except IntegrityError as error:
        session.rollback()
        raise invalid(conflict) from error


def insert_once(session: Session, insert: Executable) -> None:
    """Run `insert`, unless its row already exists (then nothing happens).

    Following or favoriting twice, even in two requests at once, is one row:
    the pair's primary key refuses the second, inside a savepoint.
    """
    try:
        with session.begin_nested():
            session.execute(insert)
    except IntegrityError:
        pass  # the row is there already

"""The database: one engine per process, one session per request.

The same code runs on SQLite (the default, a file beside the app) and on
PostgreSQL (`DATABASE_URL=postgresql+psycopg://...`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from fastapi import Depends, HTTPException
from sqlalchemy import Engine, Table, create_engine, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from conduit.settings import settings


def connect(url: str) -> Engine:
    """An engine for `url`, with SQLite made safe for concurrent writers.

    Each worker keeps `database_pool_size` connections open and opens no
    more: a session holds one only while its handler runs, and a request
    beyond them waits for one (up to 30 s). PostgreSQL is not asked for more
    connections than it allows, and SQLite connections are not opened and
    closed, each with a cold cache, under load.
    """
    pool = {"pool_size": settings.database_pool_size, "max_overflow": 0}
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, **pool)
    if make_url(url).database in (None, "", ":memory:"):
        pool = {}  # one connection per thread, SQLAlchemy's pool for memory
    engine = create_engine(url, connect_args={"check_same_thread": False}, **pool)
    event.listen(engine, "connect", configure_sqlite)
    event.listen(engine, "begin", begin_sqlite)
    return engine


def configure_sqlite(connection: Any, _record: object) -> None:
    """WAL, enforced foreign keys, and waiting for a lock instead of failing.

    The driver's own transaction handling is switched off so that
    `begin_sqlite` decides how each transaction starts.
    """
    connection.isolation_level = None
    for pragma in ("busy_timeout=30000", "journal_mode=WAL", "foreign_keys=ON"):
        connection.execute(f"PRAGMA {pragma}")


def begin_sqlite(connection: Any) -> None:
    """A transaction that writes takes SQLite's write lock as it begins.

    One that reads, then writes, could not wait for the lock once another
    writer has committed since its read (SQLite answers "database is
    locked" at once), so writes run in transactions of their own that ask
    for the lock first (`writing`).
    """
    writes = connection.get_execution_options().get("writes", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


engine = connect(settings.database_url)


def open_session() -> Iterator[Session]:
    """The request's session, closed as soon as its handler returns: its
    connection goes back to the pool before the response is serialized and
    sent."""
    with Session(engine, expire_on_commit=False) as session:
        yield session


DbSession = Annotated[Session, Depends(open_session, scope="function")]


@contextmanager
def writing(session: Session, refusal: HTTPException | None = None) -> Iterator[None]:
    """Run the block's reads and writes in one transaction, and commit it.

    The transaction begins here, after whatever the request did before
    (authentication's lookup, hashing a password), and holds SQLite's write
    lock from its start to its commit, a few milliseconds. A constraint that
    refuses the writes (a name another request took, or a row it deleted,
    since the block's checks) answers `refusal`.
    """
    session.commit()  # the reads so far were a transaction of their own
    session.connection(execution_options={"writes": True})
    try:
        yield
        session.commit()
    except BaseException as error:
        session.rollback()
        if refusal is not None and isinstance(error, IntegrityError):
            raise refusal from error
        raise


def insert_once(session: Session, table: Table, row: dict[str, int]) -> None:
    """Insert `row`, unless its key is there already (then nothing happens).

    Following or favoriting twice, even in two requests at once, is one row.
    Only a duplicate key is ignored: a row that refers to one deleted
    meanwhile is still refused.
    """
    insert = (
        postgresql.insert
        if session.get_bind().dialect.name == "postgresql"
        else sqlite.insert
    )
    session.execute(insert(table).values(row).on_conflict_do_nothing())

"""Alembic's entry point: migrate the app's own database, online only.

Several processes may start at once (uvicorn's workers each run the
migrations on start-up), so the migration runs under a lock that the others
wait for; they then find the database at head and do nothing. The whole
upgrade is one transaction on both databases: Alembic would otherwise commit
after each SQLite migration, releasing the lock to a process that planned
the same steps.
"""

from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection, text

from conduit.db import engine
from conduit.models import Base

MIGRATION_LOCK = 0x636F6E64  # any number the app uses for nothing else


def lock_out_other_migrations(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))
    # SQLite: the transaction began with BEGIN IMMEDIATE, SQLite's write lock.


if context.config.attributes.get("logging", True):
    fileConfig(context.config.config_file_name or "", disable_existing_loggers=False)

with engine.connect().execution_options(writes=True) as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        transactional_ddl=True,  # SQLite's DDL is transactional too
    )
    with context.begin_transaction():
        lock_out_other_migrations(connection)
        context.run_migrations()

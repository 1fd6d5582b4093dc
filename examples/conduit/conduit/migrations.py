"""Bring the database up to date when the app starts.

A new SQLite file is created and migrated on the first start; an existing
database is migrated to the code's schema. `alembic upgrade head` does the
same from the command line.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

ALEMBIC_INI = Path(__file__).resolve().parents[1] / "alembic.ini"


def upgrade_to_head() -> None:
    config = Config(ALEMBIC_INI)
    config.attributes["logging"] = False  # the server's logging stays as it is
    command.upgrade(config, "head")

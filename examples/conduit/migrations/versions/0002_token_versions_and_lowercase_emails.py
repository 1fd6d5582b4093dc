"""token versions, revoked by password changes; emails in lower case

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05 16:00:00.000000

Emails are compared in lower case from now on. Upgrading fails, changing
nothing, where two accounts differ only in an email's case: merge or rename
one of them first.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as users:
        users.add_column(
            sa.Column("token_version", sa.Integer(), server_default="0", nullable=False)
        )
    op.execute("UPDATE users SET email = lower(email)")


def downgrade() -> None:
    with op.batch_alter_table("users") as users:
        users.drop_column("token_version")

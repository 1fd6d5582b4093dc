"""indexes on the second key of favorites and article_tags

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05 17:15:00.000000

A pair's primary key finds rows by its first column only: counting an
article's favorites and filtering articles by tag need their own indexes.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        op.f("ix_favorites_article_id"), "favorites", ["article_id"], unique=False
    )
    op.create_index(
        op.f("ix_article_tags_tag_id"), "article_tags", ["tag_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_article_tags_tag_id"), table_name="article_tags")
    op.drop_index(op.f("ix_favorites_article_id"), table_name="favorites")

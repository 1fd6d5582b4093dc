"""Tables: users, follows, articles, tags, favorites and comments.

Uniqueness lives in the database, where concurrent requests cannot race it:
usernames, emails and slugs are unique, and a follow or a favorite is a row
whose primary key is the pair, so it exists once.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
)
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def now() -> datetime:
    return datetime.now(UTC)


def when_created(context: DefaultExecutionContext) -> datetime:
    """A new row's `updated_at`: its `created_at` to the microsecond, not a
    second reading of the clock."""
    row = context.current_parameters  # the row being inserted, defaults so far
    assert row is not None
    created: datetime = row["created_at"]
    return created


class Base(DeclarativeBase):
    pass


follows = Table(
    "follows",
    Base.metadata,
    Column("follower_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("followed_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    CheckConstraint("follower_id <> followed_id", name="no_self_follow"),
)

favorites = Table(
    "favorites",
    Base.metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "article_id",
        ForeignKey("articles.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,  # an article's favorites, without scanning everyone's
    ),
)

article_tags = Table(
    "article_tags",
    Base.metadata,
    Column(
        "article_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    ),
    Column(
        "tag_id",
        ForeignKey("tags.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,  # a tag's articles, without scanning every article's tags
    ),
    Column("position", Integer, nullable=False),  # the author's order
)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String, unique=True)
    email: Mapped[str] = mapped_column(String, unique=True)
    password_hash: Mapped[str] = mapped_column(String)
    bio: Mapped[str] = mapped_column(Text, default="")
    image: Mapped[str] = mapped_column(String, default="")
    # Moves with each password change: tokens issued before it are refused.
    token_version: Mapped[int] = mapped_column(default=0, server_default="0")


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String, unique=True)
    title: Mapped[str] = mapped_column(String)
    description: Mapped[str] = mapped_column(String)
    body: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=now, index=True
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=when_created
    )

    author: Mapped[User] = relationship(lazy="joined", innerjoin=True)


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)


class Comment(Base):
    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=when_created
    )

    author: Mapped[User] = relationship(lazy="joined", innerjoin=True)

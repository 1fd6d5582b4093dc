"""Comments on an article, oldest first, as their readers see them."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from conduit import profiles, schemas
from conduit.errors import not_found
from conduit.models import Article, Comment, User


def on_article(session: Session, article: Article) -> Sequence[Comment]:
    return session.scalars(
        select(Comment).where(Comment.article_id == article.id).order_by(Comment.id)
    ).all()


def find_comment(session: Session, article: Article, comment_id: int) -> Comment:
    comment = session.get(Comment, comment_id)
    if comment is None or comment.article_id != article.id:
        raise not_found("comment")
    return comment


def present(
    session: Session, comments: Sequence[Comment], viewer: User | None
) -> list[schemas.Comment]:
    followed = profiles.followed_among(
        session, viewer, {comment.author_id for comment in comments}
    )
    return [
        schemas.Comment(
            id=comment.id,
            created_at=comment.created_at,
            updated_at=comment.updated_at,
            body=comment.body,
            author=profiles.present(comment.author, comment.author_id in followed),
        )
        for comment in comments
    ]

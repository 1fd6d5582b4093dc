"""PUT /api/articles/{slug}: the author edits an article."""

from typing import Annotated

from fastapi import Depends

from conduit import articles
from conduit.auth import current_user
from conduit.db import DbSession, writing
from conduit.errors import forbidden, invalid
from conduit.models import User, now
from conduit.schemas import SingleArticleResponse, Text, UpdateArticleRequest
from conduit.slugs import slugify, unique_slug

meta = {
    "operation_id": "UpdateArticle",
    "summary": "Update an article",
    "tags": ["Articles"],
}


def handler(
    slug: Text,
    body: UpdateArticleRequest,
    user: Annotated[User, Depends(current_user)],
    session: DbSession,
) -> SingleArticleResponse:
    """Update an article. Auth is required"""
    changes = body.article
    with writing(session, refusal=invalid(articles.SLUG_TAKEN)):
        article = articles.find_article(session, slug, to_change=True)
        if article.author_id != user.id:
            raise forbidden("only the author may edit an article")
        if changes.title is not None and slugify(changes.title) != slugify(
            article.title
        ):
            article.slug = unique_slug(session, changes.title)  # a new URL, as titled
        edited = {
            field: value
            for field, value in changes.model_dump(exclude_unset=True).items()
            if getattr(article, field) != value
        }
        for field, value in edited.items():
            setattr(article, field, value)
        if edited:
            article.updated_at = now()
    return articles.present_one(session, article, user)

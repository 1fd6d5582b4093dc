"""DELETE /api/articles/{slug}/favorite: take a favorite back."""

from typing import Annotated

from fastapi import Depends

from conduit import articles
from conduit.auth import current_user
from conduit.db import DbSession, writing
from conduit.models import User
from conduit.schemas import SingleArticleResponse, Text

meta = {"operation_id": "DeleteArticleFavorite", "summary": "Unfavorite an article"}


def handler(
    slug: Text, user: Annotated[User, Depends(current_user)], session: DbSession
) -> SingleArticleResponse:
    """Unfavorite an article. Auth is required"""
    with writing(session):
        article = articles.find_article(session, slug)
        articles.unfavorite(session, user, article)
    return articles.present_one(session, article, user)

"""POST /api/articles/{slug}/favorite: favorite an article."""

from typing import Annotated

from fastapi import Depends

from conduit import articles
from conduit.auth import current_user
from conduit.db import DbSession, writing
from conduit.errors import not_found
from conduit.models import User
from conduit.schemas import SingleArticleResponse, Text

meta = {"operation_id": "CreateArticleFavorite", "summary": "Favorite an article"}


def handler(
    slug: Text, user: Annotated[User, Depends(current_user)], session: DbSession
) -> SingleArticleResponse:
    """Favorite an article. Auth is required"""
    with writing(session, refusal=not_found("article")):  # deleted meanwhile
        article = articles.find_article(session, slug)
        articles.favorite(session, user, article)
    return articles.present_one(session, article, user)

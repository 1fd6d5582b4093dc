"""GET /api/articles/{slug}: one article."""

from typing import Annotated

from fastapi import Depends

from conduit import articles
from conduit.auth import optional_user
from conduit.db import DbSession
from conduit.models import User
from conduit.schemas import SingleArticleResponse, Text

meta = {"operation_id": "GetArticle", "summary": "Get an article", "tags": ["Articles"]}


def handler(
    slug: Text,
    viewer: Annotated[User | None, Depends(optional_user)],
    session: DbSession,
) -> SingleArticleResponse:
    """Get an article. Auth not required"""
    article = articles.find_article(session, slug)
    return articles.present_one(session, article, viewer)

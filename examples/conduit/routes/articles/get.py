"""GET /api/articles: the newest articles, filtered by tag, author or fan."""

from typing import Annotated

from fastapi import Depends

from conduit import articles
from conduit.auth import optional_user
from conduit.db import DbSession
from conduit.models import User
from conduit.params import Limit, Offset
from conduit.schemas import MultipleArticlesResponse, Text

meta = {
    "operation_id": "GetArticles",
    "summary": "Get recent articles globally",
    "tags": ["Articles"],
}


def handler(
    viewer: Annotated[User | None, Depends(optional_user)],
    session: DbSession,
    tag: Text | None = None,
    author: Text | None = None,
    favorited: Text | None = None,
    offset: Offset = 0,
    limit: Limit = 20,
) -> MultipleArticlesResponse:
    """Get most recent articles globally. Use query parameters to filter results. Auth is optional"""
    sets = articles.matching(articles.Filters(tag, author, favorited))
    found, total = articles.page(session, sets, limit, offset)
    listed = articles.present(session, found, viewer)
    return MultipleArticlesResponse(articles=listed, articles_count=total)

"""GET /api/articles/feed: the newest articles by the authors one follows."""

from typing import Annotated

from fastapi import Depends

from conduit import articles
from conduit.auth import current_user
from conduit.db import DbSession
from conduit.models import User
from conduit.params import Limit, Offset
from conduit.schemas import MultipleArticlesResponse

meta = {
    "operation_id": "GetArticlesFeed",
    "summary": "Get recent articles from users you follow",
    "tags": ["Articles"],
}


def handler(
    reader: Annotated[User, Depends(current_user)],
    session: DbSession,
    offset: Offset = 0,
    limit: Limit = 20,
) -> MultipleArticlesResponse:
    """Get most recent articles from users you follow. Use query parameters to limit. Auth is required"""
    sets = articles.by_followed_authors(reader)
    found, total = articles.page(session, sets, limit, offset)
    listed = articles.present(session, found, reader)
    return MultipleArticlesResponse(articles=listed, articles_count=total)

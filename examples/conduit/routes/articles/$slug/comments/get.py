"""GET /api/articles/{slug}/comments: an article's comments, oldest first."""

from typing import Annotated

from fastapi import Depends

from conduit import articles, comments
from conduit.auth import optional_user
from conduit.db import DbSession
from conduit.models import User
from conduit.schemas import MultipleCommentsResponse, Text

meta = {
    "operation_id": "GetArticleComments",
    "summary": "Get comments for an article",
}


def handler(
    slug: Text,
    viewer: Annotated[User | None, Depends(optional_user)],
    session: DbSession,
) -> MultipleCommentsResponse:
    """Get the comments for an article. Auth is optional"""
    article = articles.find_article(session, slug)
    found = comments.on_article(session, article)
    return MultipleCommentsResponse(comments=comments.present(session, found, viewer))

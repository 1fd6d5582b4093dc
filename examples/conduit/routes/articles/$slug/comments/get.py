"""GET /api/articles/{slug}/comments: an article's comments, oldest first."""

from conduit import articles, comments
from conduit.auth import OptionalUser
from conduit.db import DbSession
from conduit.schemas import MultipleCommentsResponse, Text

meta = {
    "operation_id": "GetArticleComments",
    "summary": "Get comments for an article",
    "responses": {401: {"description": "Unauthorized"}},
}


def handler(
    slug: Text, viewer: OptionalUser, session: DbSession
) -> MultipleCommentsResponse:
    """Get the comments for an article. Auth is optional"""
    article = articles.find_article(session, slug)
    found = comments.on_article(session, article)
    return MultipleCommentsResponse(comments=comments.present(session, found, viewer))

"""GET /api/articles/{slug}: one article."""

from conduit import articles
from conduit.auth import OptionalUser
from conduit.db import DbSession
from conduit.schemas import SingleArticleResponse, Text

meta = {"operation_id": "GetArticle", "summary": "Get an article", "tags": ["Articles"]}


def handler(
    slug: Text, viewer: OptionalUser, session: DbSession
) -> SingleArticleResponse:
    """Get an article. Auth not required"""
    article = articles.find_article(session, slug)
    return articles.present_one(session, article, viewer)

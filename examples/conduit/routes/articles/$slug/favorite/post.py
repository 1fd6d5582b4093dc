"""POST /api/articles/{slug}/favorite: favorite an article."""

from conduit import articles
from conduit.auth import CurrentUser
from conduit.db import DbSession, writing
from conduit.errors import not_found
from conduit.schemas import SingleArticleResponse, Text

meta = {"operation_id": "CreateArticleFavorite", "summary": "Favorite an article"}


def handler(slug: Text, user: CurrentUser, session: DbSession) -> SingleArticleResponse:
    """Favorite an article. Auth is required"""
    with writing(session, refusal=not_found("article")):  # deleted meanwhile
        article = articles.find_article(session, slug)
        articles.favorite(session, user, article)
    return articles.present_one(session, article, user)

"""POST /api/articles/{slug}/favorite: favorite an article."""

from conduit import articles
from conduit.auth import CurrentUser
from conduit.db import DbSession
from conduit.schemas import SingleArticleResponse, Text

meta = {"operation_id": "CreateArticleFavorite", "summary": "Favorite an article"}


def handler(slug: Text, user: CurrentUser, session: DbSession) -> SingleArticleResponse:
    """Favorite an article. Auth is required"""
    article = articles.find_article(session, slug)
    articles.favorite(session, user, article)
    session.commit()
    return articles.present_one(session, article, user)

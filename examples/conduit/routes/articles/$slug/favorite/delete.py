"""DELETE /api/articles/{slug}/favorite: take a favorite back."""

from conduit import articles
from conduit.auth import CurrentUser
from conduit.db import DbSession, writing
from conduit.schemas import SingleArticleResponse, Text

meta = {"operation_id": "DeleteArticleFavorite", "summary": "Unfavorite an article"}


def handler(slug: Text, user: CurrentUser, session: DbSession) -> SingleArticleResponse:
    """Unfavorite an article. Auth is required"""
    with writing(session):
        article = articles.find_article(session, slug)
        articles.unfavorite(session, user, article)
    return articles.present_one(session, article, user)

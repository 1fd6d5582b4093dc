"""DELETE /api/articles/{slug}: the author deletes an article."""

from typing import Annotated

from fastapi import Depends, Response, status

from conduit import articles
from conduit.auth import current_user
from conduit.db import DbSession, writing
from conduit.errors import forbidden
from conduit.models import User
from conduit.schemas import Text

meta = {
    "operation_id": "DeleteArticle",
    "summary": "Delete an article",
    "tags": ["Articles"],
    "status_code": status.HTTP_204_NO_CONTENT,
    "response_class": Response,
}


def handler(
    slug: Text, user: Annotated[User, Depends(current_user)], session: DbSession
) -> None:
    """Delete an article. Auth is required"""
    with writing(session):
        article = articles.find_article(session, slug, to_change=True)
        if article.author_id != user.id:
            raise forbidden("only the author may delete an article")
        session.delete(article)

"""DELETE /api/articles/{slug}/comments/{id}: the author deletes a comment."""

from typing import Annotated

from fastapi import Depends, Response, status

from conduit import articles, comments
from conduit.auth import current_user
from conduit.db import DbSession, writing
from conduit.errors import forbidden
from conduit.models import User
from conduit.params import CommentId
from conduit.schemas import Text

meta = {
    "operation_id": "DeleteArticleComment",
    "summary": "Delete a comment for an article",
    "status_code": status.HTTP_204_NO_CONTENT,
    "response_class": Response,
}


def handler(
    slug: Text,
    id: CommentId,
    user: Annotated[User, Depends(current_user)],
    session: DbSession,
) -> None:
    """Delete a comment for an article. Auth is required"""
    with writing(session):
        article = articles.find_article(session, slug)
        comment = comments.find_comment(session, article, id)
        if comment.author_id != user.id:
            raise forbidden("only the author may delete a comment")
        session.delete(comment)

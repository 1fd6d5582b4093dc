"""POST /api/articles/{slug}/comments: comment on an article."""

from typing import Annotated

from fastapi import Depends

from conduit import articles, comments
from conduit.auth import current_user
from conduit.db import DbSession, writing
from conduit.errors import not_found
from conduit.models import Comment, User
from conduit.schemas import NewCommentRequest, SingleCommentResponse, Text

meta = {
    "operation_id": "CreateArticleComment",
    "summary": "Create a comment for an article",
}


def handler(
    slug: Text,
    body: NewCommentRequest,
    user: Annotated[User, Depends(current_user)],
    session: DbSession,
) -> SingleCommentResponse:
    """Create a comment for an article. Auth is required"""
    with writing(session, refusal=not_found("article")):  # deleted meanwhile
        article = articles.find_article(session, slug)
        comment = Comment(article_id=article.id, author=user, body=body.comment.body)
        session.add(comment)
    return SingleCommentResponse(comment=comments.present(session, [comment], user)[0])

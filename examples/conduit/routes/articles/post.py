"""POST /api/articles: publish an article."""

from typing import Annotated

from fastapi import Depends, status

from conduit import articles
from conduit.auth import current_user
from conduit.db import DbSession, writing
from conduit.errors import invalid
from conduit.models import Article, User
from conduit.schemas import NewArticleRequest, SingleArticleResponse
from conduit.slugs import unique_slug

meta = {
    "operation_id": "CreateArticle",
    "summary": "Create an article",
    "tags": ["Articles"],
    "status_code": status.HTTP_201_CREATED,
}


def handler(
    body: NewArticleRequest,
    user: Annotated[User, Depends(current_user)],
    session: DbSession,
) -> SingleArticleResponse:
    """Create an article. Auth is required"""
    new = body.article
    with writing(session, refusal=invalid(articles.SLUG_TAKEN)):
        article = Article(
            slug=unique_slug(session, new.title),
            title=new.title,
            description=new.description,
            body=new.body,
            author=user,
        )
        session.add(article)
        session.flush()
        articles.set_tags(session, article, new.tag_list)
    return articles.present_one(session, article, user)

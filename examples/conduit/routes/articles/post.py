"""POST /api/articles: publish an article."""

from fastapi import status

from conduit import articles
from conduit.auth import CurrentUser
from conduit.db import DbSession, writing
from conduit.errors import invalid
from conduit.models import Article
from conduit.schemas import NewArticleRequest, SingleArticleResponse
from conduit.slugs import unique_slug

meta = {
    "operation_id": "CreateArticle",
    "summary": "Create an article",
    "tags": ["Articles"],
    "status_code": status.HTTP_201_CREATED,
    "responses": {401: {"description": "Unauthorized"}},
}


def handler(
    body: NewArticleRequest, user: CurrentUser, session: DbSession
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

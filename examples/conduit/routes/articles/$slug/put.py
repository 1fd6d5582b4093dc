"""PUT /api/articles/{slug}: the author edits an article."""

from conduit import articles
from conduit.auth import CurrentUser
from conduit.db import DbSession, commit
from conduit.errors import forbidden
from conduit.models import now
from conduit.schemas import SingleArticleResponse, Text, UpdateArticleRequest
from conduit.slugs import unique_slug

meta = {
    "operation_id": "UpdateArticle",
    "summary": "Update an article",
    "tags": ["Articles"],
    "responses": {401: {"description": "Unauthorized"}},
}


def handler(
    slug: Text, body: UpdateArticleRequest, user: CurrentUser, session: DbSession
) -> SingleArticleResponse:
    """Update an article. Auth is required"""
    article = articles.find_article(session, slug)
    if article.author_id != user.id:
        raise forbidden("only the author may edit an article")
    changes = body.article
    if changes.title is not None and changes.title != article.title:
        article.slug = unique_slug(session, changes.title)
        article.title = changes.title
    if changes.description is not None:
        article.description = changes.description
    if changes.body is not None:
        article.body = changes.body
    article.updated_at = now()
    commit(session, articles.SLUG_TAKEN)
    return articles.present_one(session, article, user)

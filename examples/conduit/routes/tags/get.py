"""GET /api/tags: the tags in use."""

from conduit import articles
from conduit.db import DbSession
from conduit.schemas import TagsResponse

meta = {"operation_id": "GetTags", "summary": "Get tags", "tags": ["Tags"]}


def handler(session: DbSession) -> TagsResponse:
    """Get tags. Auth not required"""
    return TagsResponse(tags=articles.used_tags(session))

"""GET /api/profiles/{username}: a user's public profile."""

from typing import Annotated

from fastapi import Depends

from conduit import profiles
from conduit.auth import optional_user
from conduit.db import DbSession
from conduit.models import User
from conduit.schemas import ProfileResponse, Text

meta = {
    "operation_id": "GetProfileByUsername",
    "summary": "Get a profile",
}


def handler(
    username: Text,
    viewer: Annotated[User | None, Depends(optional_user)],
    session: DbSession,
) -> ProfileResponse:
    """Get a profile of a user of the system. Auth is optional"""
    user = profiles.find_user(session, username)
    return ProfileResponse(profile=profiles.profile_of(session, user, viewer))

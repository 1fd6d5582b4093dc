"""GET /api/profiles/{username}: a user's public profile."""

from conduit import profiles
from conduit.auth import OptionalUser
from conduit.db import DbSession
from conduit.schemas import ProfileResponse, Text

meta = {
    "operation_id": "GetProfileByUsername",
    "summary": "Get a profile",
    "responses": {401: {"description": "Unauthorized"}},
}


def handler(
    username: Text, viewer: OptionalUser, session: DbSession
) -> ProfileResponse:
    """Get a profile of a user of the system. Auth is optional"""
    user = profiles.find_user(session, username)
    return ProfileResponse(profile=profiles.profile_of(session, user, viewer))

"""DELETE /api/profiles/{username}/follow: stop following a user."""

from conduit import profiles
from conduit.auth import CurrentUser
from conduit.db import DbSession, writing
from conduit.schemas import ProfileResponse, Text

meta = {"operation_id": "UnfollowUserByUsername", "summary": "Unfollow a user"}


def handler(username: Text, user: CurrentUser, session: DbSession) -> ProfileResponse:
    """Unfollow a user by username"""
    with writing(session):
        followed = profiles.find_user(session, username)
        profiles.unfollow(session, user, followed)
    return ProfileResponse(profile=profiles.present(followed, following=False))

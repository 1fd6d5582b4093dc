"""DELETE /api/profiles/{username}/follow: stop following a user."""

from typing import Annotated

from fastapi import Depends

from conduit import profiles
from conduit.auth import current_user
from conduit.db import DbSession, writing
from conduit.models import User
from conduit.schemas import ProfileResponse, Text

meta = {"operation_id": "UnfollowUserByUsername", "summary": "Unfollow a user"}


def handler(
    username: Text, user: Annotated[User, Depends(current_user)], session: DbSession
) -> ProfileResponse:
    """Unfollow a user by username"""
    with writing(session):
        followed = profiles.find_user(session, username)
        profiles.unfollow(session, user, followed)
    return ProfileResponse(profile=profiles.present(followed, following=False))

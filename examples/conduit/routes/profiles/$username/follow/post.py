"""POST /api/profiles/{username}/follow: follow a user."""

from typing import Annotated

from fastapi import Depends

from conduit import profiles
from conduit.auth import current_user
from conduit.db import DbSession, writing
from conduit.errors import invalid, not_found
from conduit.models import User
from conduit.schemas import ProfileResponse, Text

meta = {"operation_id": "FollowUserByUsername", "summary": "Follow a user"}


def handler(
    username: Text, user: Annotated[User, Depends(current_user)], session: DbSession
) -> ProfileResponse:
    """Follow a user by username"""
    with writing(session, refusal=not_found("profile")):
        followed = profiles.find_user(session, username)
        if followed.id == user.id:
            raise invalid("you cannot follow yourself")
        profiles.follow(session, user, followed)
    return ProfileResponse(profile=profiles.present(followed, following=True))

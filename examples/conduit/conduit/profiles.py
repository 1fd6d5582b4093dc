"""Users as others see them: profiles, and who follows whom."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from conduit import schemas
from conduit.db import insert_once
from conduit.errors import not_found
from conduit.models import User, follows


def find_user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise not_found("profile")
    return user


def followed_among(
    session: Session, viewer: User | None, user_ids: Iterable[int]
) -> set[int]:
    """Which of `user_ids` the viewer follows (none, for an anonymous viewer)."""
    wanted = set(user_ids)
    if viewer is None or not wanted:
        return set()
    rows = session.scalars(
        select(follows.c.followed_id).where(
            follows.c.follower_id == viewer.id, follows.c.followed_id.in_(wanted)
        )
    )
    return set(rows)


def follow(session: Session, follower: User, followed: User) -> None:
    insert_once(
        session, follows, {"follower_id": follower.id, "followed_id": followed.id}
    )


def unfollow(session: Session, follower: User, followed: User) -> None:
    session.execute(
        delete(follows).where(
            follows.c.follower_id == follower.id, follows.c.followed_id == followed.id
        )
    )


def present(user: User, following: bool) -> schemas.Profile:
    return schemas.Profile(
        username=user.username, bio=user.bio, image=user.image, following=following
    )


def profile_of(session: Session, user: User, viewer: User | None) -> schemas.Profile:
    return present(user, user.id in followed_among(session, viewer, [user.id]))

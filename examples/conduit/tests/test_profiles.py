"""Profiles and following (`/profiles/{username}`, `.../follow`)."""

from __future__ import annotations

from tests.conduit_api import Client, errors, register


def test_a_profile_is_public_and_says_whether_the_viewer_follows(
    api: Client,
) -> None:
    register(api, "celeb")
    fan = register(api, "fan")

    anonymous = api.get("/profiles/celeb")
    followed = api.post("/profiles/celeb/follow", headers=fan)
    as_fan = api.get("/profiles/celeb", headers=fan)

    expected = {"username": "celeb", "bio": "", "image": "", "following": False}
    assert (anonymous.status_code, anonymous.json()) == (200, {"profile": expected})
    assert followed.json() == {"profile": {**expected, "following": True}}
    assert as_fan.json() == {"profile": {**expected, "following": True}}


def test_following_twice_is_one_follow_and_unfollowing_ends_it(api: Client) -> None:
    register(api, "celeb")
    fan = register(api, "fan")

    api.post("/profiles/celeb/follow", headers=fan)
    again = api.post("/profiles/celeb/follow", headers=fan)
    unfollowed = api.delete("/profiles/celeb/follow", headers=fan)

    assert again.status_code == 200
    assert unfollowed.status_code == 200
    assert unfollowed.json()["profile"]["following"] is False
    assert (
        api.get("/profiles/celeb", headers=fan).json()["profile"]["following"] is False
    )


def test_an_unknown_profile_is_a_404(api: Client) -> None:
    fan = register(api, "fan")

    for response in [
        api.get("/profiles/nobody"),
        api.post("/profiles/nobody/follow", headers=fan),
        api.delete("/profiles/nobody/follow", headers=fan),
    ]:
        assert response.status_code == 404
        assert errors(response) == ["profile not found"]


def test_following_needs_a_token_and_not_oneself(api: Client) -> None:
    fan = register(api, "fan")

    anonymous = api.post("/profiles/fan/follow")
    oneself = api.post("/profiles/fan/follow", headers=fan)

    assert anonymous.status_code == 401
    assert (oneself.status_code, errors(oneself)) == (
        422,
        ["you cannot follow yourself"],
    )

"""Registration, login, the current user and its updates (`/users`, `/user`)."""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime, timedelta

import jwt

from tests.conduit_api import PASSWORD, Client, errors, register, token_header
from tests.conftest import SECRET_KEY


def test_registering_returns_the_user_with_a_token_that_authenticates(
    api: Client,
) -> None:
    new = {"username": "jake", "email": "jake@jake.jake", "password": "jakejake"}

    response = api.post("/users", json={"user": new})

    assert response.status_code == 201
    user = response.json()["user"]
    assert user == {
        "email": "jake@jake.jake",
        "token": user["token"],
        "username": "jake",
        "bio": "",
        "image": "",
    }
    current = api.get("/user", headers=token_header(user["token"]))
    assert current.status_code == 200
    assert current.json()["user"]["username"] == "jake"


def test_a_taken_username_or_email_is_a_422_naming_it(api: Client) -> None:
    register(api, "jake")

    same_name = {"username": "jake", "email": "other@example.org", "password": "x"}
    same_email = {"username": "other", "email": "jake@example.org", "password": "x"}

    by_name = api.post("/users", json={"user": same_name})
    by_email = api.post("/users", json={"user": same_email})
    assert (by_name.status_code, errors(by_name)) == (
        422,
        ["username has already been taken"],
    )
    assert (by_email.status_code, errors(by_email)) == (
        422,
        ["email has already been taken"],
    )


def test_a_registration_missing_a_field_is_a_422_in_the_spec_format(
    api: Client,
) -> None:
    response = api.post("/users", json={"user": {"username": "jake"}})

    assert response.status_code == 422
    assert errors(response) == [
        "body.user.email: Field required",
        "body.user.password: Field required",
    ]


def test_login_with_the_right_password_returns_a_working_token(api: Client) -> None:
    register(api, "jake")

    response = api.post(
        "/users/login",
        json={"user": {"email": "jake@example.org", "password": PASSWORD}},
    )

    assert response.status_code == 200
    token = response.json()["user"]["token"]
    assert api.get("/user", headers=token_header(token)).status_code == 200


def test_login_with_a_wrong_password_or_unknown_email_is_a_401(api: Client) -> None:
    register(api, "jake")

    for email, password in [
        ("jake@example.org", "wrong"),
        ("nobody@example.org", PASSWORD),
    ]:
        credentials = {"email": email, "password": password}
        response = api.post("/users/login", json={"user": credentials})
        assert response.status_code == 401
        assert errors(response) == ["email or password is invalid"]


def test_the_current_user_needs_a_valid_token(api: Client) -> None:
    token = register(api, "jake")["Authorization"].removeprefix("Token ")

    for headers in [
        {},
        {"Authorization": f"Bearer {token}"},
        {"Authorization": "Token not-a-jwt"},
        {"Authorization": f"Token {token[:-2]}xx"},
    ]:
        response = api.get("/user", headers=headers)
        assert response.status_code == 401, headers
        assert response.headers["www-authenticate"] == "Token"
        errors(response)


def test_a_token_forged_with_the_development_key_or_without_expiry_is_a_401(
    api: Client,
) -> None:
    """The key in the source signs nothing once a real key is set, and a
    token must say when it expires: one that does not would never expire."""
    from conduit.settings import DEVELOPMENT_SECRET  # once the key is set

    token = register(api, "jake")["Authorization"].removeprefix("Token ")
    user_id = jwt.decode(token, options={"verify_signature": False})["sub"]
    in_a_day = datetime.now(UTC) + timedelta(days=1)
    forged = jwt.encode({"sub": user_id, "exp": in_a_day}, DEVELOPMENT_SECRET)
    everlasting = jwt.encode({"sub": user_id}, SECRET_KEY)

    for bad in [forged, everlasting]:
        response = api.get("/user", headers=token_header(bad))
        assert response.status_code == 401
        errors(response)
    assert api.get("/user", headers=token_header(token)).status_code == 200


def test_updating_the_user_changes_only_the_given_fields(api: Client) -> None:
    jake = register(api, "jake")

    response = api.put(
        "/user",
        json={"user": {"bio": "I work at statefarm", "password": "new password"}},
        headers=jake,
    )

    assert response.status_code == 200
    user = response.json()["user"]
    assert (user["username"], user["bio"], user["image"]) == (
        "jake",
        "I work at statefarm",
        "",
    )
    old = {"email": "jake@example.org", "password": PASSWORD}
    new = {"email": "jake@example.org", "password": "new password"}
    assert api.post("/users/login", json={"user": old}).status_code == 401
    assert api.post("/users/login", json={"user": new}).status_code == 200


def test_updating_to_another_users_name_is_a_422_and_an_empty_update_too(
    api: Client,
) -> None:
    jake = register(api, "jake")
    register(api, "anne")

    taken = api.put("/user", json={"user": {"username": "anne"}}, headers=jake)
    empty = api.put("/user", json={"user": {}}, headers=jake)
    own = api.put("/user", json={"user": {"username": "jake"}}, headers=jake)

    assert (taken.status_code, errors(taken)) == (
        422,
        ["username has already been taken"],
    )
    assert empty.status_code == 422
    assert errors(empty) == ["body.user: Value error, at least one field is required"]
    assert own.status_code == 200


def test_the_current_user_comes_with_the_token_it_was_asked_with(api: Client) -> None:
    """A fresh 60-day token on every call would outlive any revocation."""
    headers = register(api, "jake")
    time.sleep(1.1)  # a token issued now would expire a second later

    response = api.get("/user", headers=headers)

    assert response.json()["user"]["token"] == headers["Authorization"].removeprefix(
        "Token "
    )


def test_a_password_change_revokes_every_token_issued_before(api: Client) -> None:
    old = register(api, "jake")
    login = {"email": "jake@example.org", "password": PASSWORD}
    other = api.post("/users/login", json={"user": login}).json()["user"]["token"]

    changed = api.put("/user", headers=old, json={"user": {"password": "new one"}})

    assert changed.status_code == 200
    new = token_header(changed.json()["user"]["token"])
    for revoked in [old, token_header(other)]:
        response = api.get("/user", headers=revoked)
        assert response.status_code == 401
        assert errors(response) == ["the token was revoked by a password change"]
    assert api.get("/user", headers=new).status_code == 200
    bio = api.put("/user", headers=new, json={"user": {"bio": "hi"}})
    assert bio.json()["user"]["token"] == new["Authorization"].removeprefix("Token ")


def test_an_email_is_one_account_however_it_is_capitalised(api: Client) -> None:
    user = {"username": "ada", "email": "Ada@Example.org", "password": PASSWORD}
    assert api.post("/users", json={"user": user}).status_code == 201

    again = {**user, "username": "ada2", "email": " ada@example.ORG"}
    response = api.post("/users", json={"user": again})

    assert response.status_code == 422
    assert errors(response) == ["email has already been taken"]
    login = {"email": "ADA@example.org", "password": PASSWORD}
    logged_in = api.post("/users/login", json={"user": login})
    assert logged_in.json()["user"]["email"] == "ada@example.org"


def test_a_login_takes_as_long_for_an_unknown_email_as_for_a_known_one(
    api: Client,
) -> None:
    """Else its timing tells which emails have an account."""
    register(api, "jake")

    def median_login(email: str) -> float:
        times = []
        for _ in range(9):
            credentials = {"email": email, "password": "wrong"}
            start = time.perf_counter()
            assert (
                api.post("/users/login", json={"user": credentials}).status_code == 401
            )
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    known, unknown = median_login("jake@example.org"), median_login("nobody@x.org")

    assert 0.8 < unknown / known < 1.25, (known, unknown)

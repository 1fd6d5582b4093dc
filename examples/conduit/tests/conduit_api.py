"""Calls the tests make again and again: register, publish, comment."""

from __future__ import annotations

from typing import Any, Protocol

import httpx
from fastapi.testclient import TestClient

Client = httpx.Client | TestClient


class Response(Protocol):
    """A response of either client (httpx, or the test client's httpx2)."""

    def json(self) -> Any: ...


Json = dict[str, Any]
PASSWORD = "correct horse battery staple"


def register(api: Client, username: str) -> dict[str, str]:
    """A new user's `Authorization` header."""
    user = {"username": username, "email": f"{username}@example.org"}
    response = api.post("/users", json={"user": {**user, "password": PASSWORD}})
    assert response.status_code == 201, response.text
    return token_header(response.json()["user"]["token"])


def token_header(token: str) -> dict[str, str]:
    return {"Authorization": f"Token {token}"}


def publish(
    api: Client, author: dict[str, str], title: str, tags: list[str] | None = None
) -> Json:
    article = {"title": title, "description": f"About {title}", "body": "Text."}
    response = api.post(
        "/articles",
        json={"article": {**article, "tagList": tags or []}},
        headers=author,
    )
    assert response.status_code == 201, response.text
    article_json: Json = response.json()["article"]
    return article_json


def comment(api: Client, author: dict[str, str], slug: str, body: str) -> Json:
    response = api.post(
        f"/articles/{slug}/comments", json={"comment": {"body": body}}, headers=author
    )
    assert response.status_code == 200, response.text
    comment_json: Json = response.json()["comment"]
    return comment_json


def errors(response: Response) -> list[str]:
    """The messages of an error in the spec's format (asserting the format)."""
    body = response.json()
    assert list(body) == ["errors"] and list(body["errors"]) == ["body"], body
    messages: list[str] = body["errors"]["body"]
    assert messages and all(isinstance(message, str) for message in messages)
    return messages

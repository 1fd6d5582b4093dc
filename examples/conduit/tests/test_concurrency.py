"""Many clients at once, on uvicorn with two worker processes: no update lost.

Every fan favorites one article twice at the same moment and comments on it
three times, all concurrently; afterwards the counts are exact.
"""

from __future__ import annotations

import asyncio

import httpx
from sqlalchemy import Engine

from tests.conduit_api import PASSWORD, publish, register, token_header

FANS = 24
COMMENTS_EACH = 3


async def register_fans(client: httpx.AsyncClient) -> list[dict[str, str]]:
    async def one(number: int) -> dict[str, str]:
        user = {"username": f"fan{number}", "email": f"fan{number}@example.org"}
        response = await client.post(
            "/users", json={"user": {**user, "password": PASSWORD}}
        )
        assert response.status_code == 201, response.text
        return token_header(response.json()["user"]["token"])

    return await asyncio.gather(*(one(number) for number in range(FANS)))


async def crowd(base: str, slug: str) -> list[httpx.Response]:
    limits = httpx.Limits(max_connections=FANS * 2)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        fans = await register_fans(client)
        favorites = [
            client.post(f"/articles/{slug}/favorite", headers=fan)
            for fan in fans
            for _ in range(2)
        ]
        comments = [
            client.post(
                f"/articles/{slug}/comments",
                json={"comment": {"body": f"comment {number}"}},
                headers=fan,
            )
            for fan in fans
            for number in range(COMMENTS_EACH)
        ]
        return await asyncio.gather(*favorites, *comments)


def test_concurrent_favorites_and_comments_are_all_counted(
    served: str, empty_tables: Engine
) -> None:
    with httpx.Client(base_url=served) as client:
        publish(client, register(client, "author"), "Popular")

        responses = asyncio.run(crowd(served, "popular"))

        assert [r.status_code for r in responses] == [200] * len(responses)
        article = client.get("/articles/popular").json()["article"]
        comments = client.get("/articles/popular/comments").json()["comments"]
        one_fans_favorites = client.get("/articles?favorited=fan0").json()

    assert article["favoritesCount"] == FANS
    assert len({comment["id"] for comment in comments}) == FANS * COMMENTS_EACH
    assert one_fans_favorites["articlesCount"] == 1

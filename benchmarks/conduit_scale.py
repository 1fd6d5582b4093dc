"""The Conduit example at scale: list pages over 10,000 articles, and
comments while passwords are being hashed.

A page of articles must cost about the same whatever the table holds
(indexes, counts without the row query), and a registration's slow argon2
hash must not hold SQLite's write lock that every other write waits for.
Both are measured on uvicorn with two workers and one SQLite file.
"""

from __future__ import annotations

import asyncio
import sqlite3
import statistics
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from benchmarks.conduit import APPS, conduit_environment, rate, served
from benchmarks.table import Row

FEW, MANY = 40, 10_000  # articles
FANS_PER_ARTICLE = 10  # favorites per article: 100,000 for MANY
USERS, TAGS = 100, 5
LIST_READS = ["/articles", "/articles?tag=tag2"]
COMMENTS, COMMENTS_PER_SECOND = 300, 50
# A new user every quarter second: each argon2 hash keeps both cores of a
# 2-core machine busy for about 0.1 s, so back to back they would measure
# the processor, not the write lock.
REGISTRATION_EVERY = 0.25  # seconds
STORED = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores a datetime in SQLite


def scale_rows(workspace: Path) -> list[Row]:
    milliseconds: dict[tuple[int, str], float] = {}
    for articles in (FEW, MANY):
        database = workspace / f"conduit-{articles}.db"
        environment = conduit_environment(database)
        with served(APPS["ours"], environment):
            pass  # the first start creates and migrates the database
        fill(database, articles)
        with served(APPS["ours"], environment) as base:
            for path in LIST_READS:
                rates = [rate(base + path, 1) for _ in range(3)]
                milliseconds[articles, path] = 1000 / statistics.median(rates)
    rows = [
        Row(
            f"Conduit `GET /api{path}`, {MANY:,} articles and "
            f"{MANY * FANS_PER_ARTICLE:,} favorites (ms per request)",
            milliseconds[MANY, path],
            f"{FEW} articles",
            milliseconds[FEW, path],
            1.5,
        )
        for path in LIST_READS
    ]
    return [*rows, comments_beside_registrations(workspace)]


def fill(database: Path, articles: int) -> None:
    """Users, tagged articles and their favorites, written straight into the
    migrated database (through the API it would take many minutes)."""
    newest = datetime.now(UTC).replace(tzinfo=None)
    with closing(sqlite3.connect(database)) as connection, connection:
        connection.executemany(
            "INSERT INTO users (id, username, email, password_hash, bio, image)"
            " VALUES (?, ?, ?, 'no password', '', '')",
            [(n + 1, f"user{n}", f"user{n}@example.org") for n in range(USERS)],
        )
        connection.executemany(
            "INSERT INTO tags (id, name) VALUES (?, ?)",
            [(n + 1, f"tag{n}") for n in range(TAGS)],
        )
        connection.executemany(
            "INSERT INTO articles (id, slug, title, description, body, author_id,"
            " created_at, updated_at) VALUES (?, ?, ?, 'About it.', ?, ?, ?, ?)",
            [
                (
                    n + 1,
                    f"article-{n}",
                    f"Article {n}",
                    "Text. " * 200,
                    n % USERS + 1,
                    stamp,
                    stamp,
                )
                for n in range(articles)
                for stamp in [(newest - timedelta(seconds=n)).strftime(STORED)]
            ],
        )
        connection.executemany(
            "INSERT INTO article_tags (article_id, tag_id, position) VALUES (?, ?, ?)",
            [
                (n + 1, (n + shift) % TAGS + 1, shift)
                for n in range(articles)
                for shift in range(2)
            ],
        )
        connection.executemany(
            "INSERT INTO favorites (user_id, article_id) VALUES (?, ?)",
            [
                ((n + fan) % USERS + 1, n + 1)
                for n in range(articles)
                for fan in range(FANS_PER_ARTICLE)
            ],
        )
    with closing(sqlite3.connect(database)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # no reader pays it


def comments_beside_registrations(workspace: Path) -> Row:
    """The 95th percentile of a comment's time, alone and while another
    client keeps registering users (each an argon2 hash)."""
    database = workspace / "conduit-comments.db"
    with (
        served(APPS["ours"], conduit_environment(database)) as base,
        httpx.Client(base_url=base, timeout=60) as client,
    ):
        author = registered(client, "author")
        article = {"title": "Busy", "description": "Busy.", "body": "Busy."}
        client.post("/articles", json={"article": article}, headers=author)
        alone = comment_times(base, author)
        with registrations(base):
            beside = comment_times(base, author)
    return Row(
        "Conduit comment p95, 2 workers, while registrations run (ms)",
        percentile_95(beside),
        "no registrations",
        percentile_95(alone),
        2.0,
    )


def registered(client: httpx.Client, name: str) -> dict[str, str]:
    user = {"username": name, "email": f"{name}@example.org", "password": "pw"}
    response = client.post("/users", json={"user": user})
    response.raise_for_status()
    return {"Authorization": f"Token {response.json()['user']['token']}"}


def comment_times(base: str, author: dict[str, str]) -> list[float]:
    """Each comment's time in ms, from the moment it was due to be sent.

    Comments are sent at a steady rate whether or not earlier ones have been
    answered, as independent users send them: a client that waited for each
    answer before sending the next would send nothing while the server is
    held up, and the delay would hardly show (coordinated omission).
    """

    async def comment(client: httpx.AsyncClient, due: float, number: int) -> float:
        await asyncio.sleep(due - time.perf_counter())
        response = await client.post(
            "/articles/busy/comments",
            json={"comment": {"body": f"Comment {number}."}},
            headers=author,
        )
        response.raise_for_status()
        return (time.perf_counter() - due) * 1000

    async def steadily() -> list[float]:
        async with httpx.AsyncClient(base_url=base, timeout=60) as client:
            start = time.perf_counter() + 0.1
            return await asyncio.gather(
                *(
                    comment(client, start + number / COMMENTS_PER_SECOND, number)
                    for number in range(COMMENTS)
                )
            )

    return asyncio.run(steadily())


@contextmanager
def registrations(base: str) -> Iterator[None]:
    """Another client registering users, one every `REGISTRATION_EVERY`."""
    stop = threading.Event()
    failures: list[Exception] = []

    def keep_registering() -> None:
        try:
            with httpx.Client(base_url=base, timeout=60) as client:
                number = 0
                while not stop.wait(REGISTRATION_EVERY):
                    registered(client, f"newcomer{number}")
                    number += 1
        except Exception as error:  # raised below: else nothing would register
            failures.append(error)

    registering = threading.Thread(target=keep_registering)
    registering.start()
    try:
        time.sleep(0.5)  # the first hashes are under way
        yield
    finally:
        stop.set()
        registering.join()
    if failures:
        raise failures[0]


def percentile_95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1]

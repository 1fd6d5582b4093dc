"""Locks held briefly: a write takes SQLite's write lock when its transaction
begins, after authentication and password hashing, and releases it at
commit; a row deleted by another request meanwhile is a 404, not stale data
or a 500."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from functools import partial
from pathlib import Path

import httpx
from sqlalchemy import Connection, Engine, Executable, delete, text, update

from conduit.models import Article, User
from tests.conduit_api import (
    PASSWORD,
    comment,
    errors,
    publish,
    register,
)
from tests.conftest import uvicorn_serving

# argon2 passes that make one hash take about a second here (3 is the default).
SLOW_HASH = "50"


def test_a_slow_password_hash_in_one_worker_does_not_delay_another_workers_comment(
    environment: dict[str, str], empty_tables: Engine, tmp_path: Path
) -> None:
    slow = {**environment, "CONDUIT_PASSWORD_TIME_COST": SLOW_HASH}
    with ExitStack() as servers, ThreadPoolExecutor() as pool:
        registering = servers.enter_context(uvicorn_serving(slow, workers=1))
        commenting = servers.enter_context(uvicorn_serving(environment, workers=1))
        with httpx.Client(base_url=registering, timeout=60) as api:
            author = register(api, "author")  # and the route is built, hashes ready
        with httpx.Client(base_url=commenting) as api:
            slug = publish(api, author, "Busy")["slug"]
        alone = seconds(lambda: comment_on(commenting, author, slug))

        registration = pool.submit(register_at, registering, "newcomer")
        time.sleep(0.2)  # the registration is hashing its password now
        during = seconds(lambda: comment_on(commenting, author, slug))
        hashing = registration.result()

    assert hashing > 0.5, "the password hash was not slow: raise SLOW_HASH"
    assert during < alone + hashing / 4, (alone, during, hashing)


def seconds(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def comment_on(base: str, author: dict[str, str], slug: str) -> None:
    with httpx.Client(base_url=base, timeout=60) as client:
        comment(client, author, slug, "Still here.")


def register_at(base: str, username: str) -> float:
    """Register, and say how long it took."""
    user = {"username": username, "email": f"{username}@example.org"}
    started = time.perf_counter()
    response = httpx.post(
        f"{base}/users", json={"user": {**user, "password": PASSWORD}}, timeout=60
    )
    assert response.status_code == 201, response.text
    return time.perf_counter() - started


def test_writing_to_an_article_deleted_meanwhile_is_a_404(
    served: str, empty_tables: Engine
) -> None:
    """Favoriting, commenting and editing, each while another transaction
    deletes the article and commits only once the request waits for it."""
    with httpx.Client(base_url=served, timeout=60) as api:
        author, reader = register(api, "author"), register(api, "reader")
        requests = {
            "favorite": lambda slug: api.post(
                f"/articles/{slug}/favorite", headers=reader
            ),
            "comment": lambda slug: api.post(
                f"/articles/{slug}/comments",
                json={"comment": {"body": "Too late?"}},
                headers=reader,
            ),
            "edit": lambda slug: api.put(
                f"/articles/{slug}",
                json={"article": {"body": "Edited."}},
                headers=author,
            ),
        }
        answers = {}
        for name, request in requests.items():
            slug = publish(api, author, name.title())["slug"]
            gone = delete(Article).where(Article.slug == slug)
            answers[name] = while_committing(empty_tables, gone, partial(request, slug))

    for name, answer in answers.items():
        assert answer.status_code == 404, (name, answer.text)
        assert errors(answer) == ["article not found"], name


def test_a_password_changed_meanwhile_revokes_the_token_of_a_request_under_way(
    served: str, empty_tables: Engine
) -> None:
    with httpx.Client(base_url=served, timeout=60) as api:
        ada = register(api, "ada")
        changed = (
            update(User)
            .where(User.username == "ada")
            .values(token_version=User.token_version + 1)
        )

        answer = while_committing(
            empty_tables,
            changed,
            lambda: api.put(
                "/user", json={"user": {"bio": "Mathematician"}}, headers=ada
            ),
        )

        assert answer.status_code == 401, answer.text
        assert api.get("/profiles/ada").json()["profile"]["bio"] == ""


def while_committing(
    engine: Engine, change: Executable, request: Callable[[], httpx.Response]
) -> httpx.Response:
    """`request`'s response, sent while another transaction makes `change`
    and commits it only once the request is waiting for its lock."""
    with ThreadPoolExecutor() as pool:
        with engine.connect().execution_options(writes=True) as changing:
            changing.execute(change)
            answer = pool.submit(request)
            wait_until_blocked(changing, answer)
            changing.commit()
        return answer.result()


def wait_until_blocked(connection: Connection, answer: Future[httpx.Response]) -> None:
    """Until the request waits for the other transaction's lock.

    PostgreSQL shows a lock not granted; SQLite shows nothing, so wait long
    enough for the request to have reached its write.
    """
    if connection.dialect.name != "postgresql":
        time.sleep(0.5)
        return
    deadline = time.monotonic() + 30
    waiting = text("SELECT count(*) FROM pg_locks WHERE NOT granted")
    while not answer.done() and time.monotonic() < deadline:
        with connection.engine.connect() as observer:
            if observer.scalar(waiting):
                return
        time.sleep(0.02)

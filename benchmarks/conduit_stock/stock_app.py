"""The same API registered by hand on a stock FastAPI app: `nox -s bench`'s
baseline for the generated router.

The same handler functions, each with its own `meta` (not the folders'
settings, which only document), as generated/router.py, added
with plain `add_api_route` calls in the order of the published spec, and
served without the route index. `nox -s bench` serves it from
examples/conduit, with this folder on the import path.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from conduit.errors import use_error_format
from fastapi import FastAPI

ROUTES = Path(__file__).resolve().parents[2] / "examples" / "conduit" / "routes"


def add(path: str, method: str, file: str) -> None:
    """Register the handler of `routes/<file>` with its meta, as a user would."""
    spec = importlib.util.spec_from_file_location(f"stock.{file}", ROUTES / file)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    options: dict[str, Any] = getattr(module, "meta", {})
    api.add_api_route(path, module.handler, methods=[method], **options)


api = FastAPI(title="RealWorld Conduit API", version="1.1.0")
add("/users/login", "POST", "users/login/post.py")
add("/users", "POST", "users/post.py")
add("/user", "GET", "user/get.py")
add("/user", "PUT", "user/put.py")
add("/profiles/{username}", "GET", "profiles/$username/get.py")
add("/profiles/{username}/follow", "POST", "profiles/$username/follow/post.py")
add("/profiles/{username}/follow", "DELETE", "profiles/$username/follow/delete.py")
add("/articles/feed", "GET", "articles/feed/get.py")
add("/articles", "GET", "articles/get.py")
add("/articles", "POST", "articles/post.py")
add("/articles/{slug}", "GET", "articles/$slug/get.py")
add("/articles/{slug}", "PUT", "articles/$slug/put.py")
add("/articles/{slug}", "DELETE", "articles/$slug/delete.py")
add("/articles/{slug}/comments", "GET", "articles/$slug/comments/get.py")
add("/articles/{slug}/comments", "POST", "articles/$slug/comments/post.py")
add("/articles/{slug}/comments/{id}", "DELETE", "articles/$slug/comments/$id/delete.py")
add("/articles/{slug}/favorite", "POST", "articles/$slug/favorite/post.py")
add("/articles/{slug}/favorite", "DELETE", "articles/$slug/favorite/delete.py")
add("/tags", "GET", "tags/get.py")
use_error_format(api)

app = FastAPI(openapi_url=None)
app.mount("/api", api)

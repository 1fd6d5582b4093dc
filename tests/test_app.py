"""The served example app, as a client sees it (in-process ASGI)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.routing import APIRoute, APIWebSocketRoute
from fastapi.testclient import TestClient

from app import app
from routes._auth import DEMO_TOKEN
from routes.users import _store

# The table a person would write by hand for the example tree, in match order.
EXPECTED_ROUTES = [
    ("GET", "/", "root_get"),
    ("GET", "/admin/stats", "admin_stats_get"),
    ("GET", "/api/demo/custom-header", "api_demo_custom_header_get"),
    ("WS", "/chats/{chat_id}", "chats_chat_id_ws"),
    ("GET", "/files/{path:path}", "files_path_get"),
    ("GET", "/health", "health_get"),
    ("GET", "/items", "items_get"),
    ("GET", "/items/{item_id}", "items_item_id_get"),
    ("GET", "/users", "users_get"),
    ("POST", "/users", "users_post"),
    ("GET", "/users/me", "users_me_get"),
    ("GET", "/users/{user_id}", "users_user_id_get"),
    ("PUT", "/users/{user_id}", "users_user_id_put"),
    ("DELETE", "/users/{user_id}", "users_user_id_delete"),
    ("GET", "/users/{user_id}/posts", "users_user_id_posts_get"),
    ("GET", "/version", "version_get"),
]
HIDDEN_FROM_SCHEMA = {"/health"}


@pytest.fixture
def client() -> Iterator[TestClient]:
    users, posts = dict(_store.USERS), dict(_store.POSTS)
    with TestClient(app) as client:
        yield client
    _store.USERS.clear()
    _store.USERS.update(users)
    _store.POSTS.clear()
    _store.POSTS.update(posts)


def test_routes_are_registered_in_match_order_with_their_names() -> None:
    table: list[tuple[str, str, str]] = []
    for route in app.router.routes:
        if isinstance(route, APIRoute):
            [method] = sorted(route.methods or ())
            table.append((method, route.path, route.name))
        elif isinstance(route, APIWebSocketRoute):
            table.append(("WS", route.path, route.name))

    assert table == EXPECTED_ROUTES


def test_openapi_lists_every_http_route_with_its_name_as_operation_id(
    client: TestClient,
) -> None:
    paths = client.get("/openapi.json").json()["paths"]

    operations = {
        (method.upper(), path, operation["operationId"])
        for path, methods in paths.items()
        for method, operation in methods.items()
    }
    assert operations == {
        (method, path.replace(":path", ""), name)
        for method, path, name in EXPECTED_ROUTES
        if method != "WS" and path not in HIDDEN_FROM_SCHEMA
    }


def test_url_path_for_uses_the_route_names() -> None:
    assert app.url_path_for("users_user_id_posts_get", user_id="7") == "/users/7/posts"
    assert app.url_path_for("chats_chat_id_ws", chat_id="general") == "/chats/general"


def test_root(client: TestClient) -> None:
    assert client.get("/").json() == {
        "name": "fastapi-dynamic-routes example",
        "docs": "/docs",
    }


def test_static_segment_wins_over_the_parameter_beside_it(client: TestClient) -> None:
    me = client.get("/users/me")

    assert me.status_code == 200
    assert me.json()["id"] == _store.CURRENT_USER_ID


def test_users_list_create_read_replace_delete(client: TestClient) -> None:
    assert [user["id"] for user in client.get("/users").json()] == [1, 2]

    created = client.post(
        "/users", json={"name": "Grace", "email": "grace@example.com"}
    )
    assert created.status_code == 201
    user_id = created.json()["id"]
    assert client.get(f"/users/{user_id}").json()["name"] == "Grace"

    replaced = client.put(f"/users/{user_id}", json={"name": "G", "email": "g@x.org"})
    assert replaced.json() == {"id": user_id, "name": "G", "email": "g@x.org"}

    deleted = client.delete(f"/users/{user_id}")
    assert (deleted.status_code, deleted.content) == (204, b"")
    assert client.get(f"/users/{user_id}").status_code == 404


def test_bodies_and_path_parameters_are_validated(client: TestClient) -> None:
    assert client.post("/users", json={"name": "no email"}).status_code == 422
    assert client.get("/users/not-a-number").status_code == 422


def test_meta_summary_tags_and_responses_reach_openapi(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/users/{user_id}"]["get"]

    assert operation["summary"] == "Get a user"
    assert operation["tags"] == ["users"]
    assert operation["responses"]["404"] == {"description": "No user has this id"}


def test_nested_resource(client: TestClient) -> None:
    posts = client.get("/users/2/posts")

    assert posts.json() == [{"id": 2, "title": "On Computable Numbers"}]
    assert client.get("/users/99/posts").status_code == 404


def test_items_with_query_parameters(client: TestClient) -> None:
    page = client.get("/items", params={"offset": 5, "limit": 2}).json()

    assert page == [{"id": 6, "name": "item 6"}, {"id": 7, "name": "item 7"}]
    assert client.get("/items", params={"limit": 100}).status_code == 422
    assert client.get("/items/3").json() == {"id": 3, "name": "item 3"}
    assert client.get("/items/51").status_code == 404


def test_header_route_under_a_hyphenated_folder(client: TestClient) -> None:
    response = client.get("/api/demo/custom-header", headers={"X-Demo": "hello"})

    assert response.json() == {"x_demo": "hello"}


def test_folder_settings_protect_and_describe_the_admin_subtree(
    client: TestClient,
) -> None:
    denied = client.get("/admin/stats")
    allowed = client.get(
        "/admin/stats", headers={"Authorization": f"Bearer {DEMO_TOKEN}"}
    )
    operation = client.get("/openapi.json").json()["paths"]["/admin/stats"]["get"]

    assert denied.status_code == 401
    assert allowed.json() == {"users": 2}
    assert operation["tags"] == ["admin"]
    assert operation["summary"] == "Usage statistics"
    assert operation["responses"]["401"] == {
        "description": "Missing or wrong bearer token"
    }


def test_group_folders_add_no_url_segment(client: TestClient) -> None:
    assert client.get("/health").json() == {"status": "ok"}
    assert client.get("/version").json() == {"version": app.version}
    assert client.get("/system/health").status_code == 404


def test_catch_all_matches_the_rest_of_the_path(client: TestClient) -> None:
    response = client.get("/files/docs/2026/report.pdf")

    assert response.json() == {
        "path": "docs/2026/report.pdf",
        "parts": ["docs", "2026", "report.pdf"],
    }


def test_websocket_echo_with_path_parameter(client: TestClient) -> None:
    with client.websocket_connect("/chats/general") as websocket:
        websocket.send_text("hello")
        assert websocket.receive_json() == {"chat_id": "general", "message": "hello"}
        websocket.send_text("again")
        assert websocket.receive_json() == {"chat_id": "general", "message": "again"}


def test_unknown_path_and_wrong_method(client: TestClient) -> None:
    assert client.get("/nope").status_code == 404
    assert client.patch("/users").status_code == 405

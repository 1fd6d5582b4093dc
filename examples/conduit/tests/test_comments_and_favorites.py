"""Comments and favorites on an article."""

from __future__ import annotations

from tests.conduit_api import Client, comment, errors, publish, register


def test_comments_are_listed_oldest_first_with_their_authors(api: Client) -> None:
    jake = register(api, "jake")
    anne = register(api, "anne")
    publish(api, jake, "Talk")
    first = comment(api, anne, "talk", "First!")
    second = comment(api, jake, "talk", "Thanks.")
    api.post("/profiles/anne/follow", headers=jake)

    listed = api.get("/articles/talk/comments", headers=jake)

    assert listed.status_code == 200
    comments = listed.json()["comments"]
    assert [c["id"] for c in comments] == [first["id"], second["id"]]
    assert [(c["body"], c["author"]["username"]) for c in comments] == [
        ("First!", "anne"),
        ("Thanks.", "jake"),
    ]
    assert [c["author"]["following"] for c in comments] == [True, False]
    assert set(first) == {"id", "createdAt", "updatedAt", "body", "author"}


def test_only_its_author_may_delete_a_comment(api: Client) -> None:
    jake = register(api, "jake")
    anne = register(api, "anne")
    publish(api, jake, "Talk")
    remark = comment(api, anne, "talk", "Mine")

    by_jake = api.delete(f"/articles/talk/comments/{remark['id']}", headers=jake)
    anonymous = api.delete(f"/articles/talk/comments/{remark['id']}")
    by_anne = api.delete(f"/articles/talk/comments/{remark['id']}", headers=anne)
    again = api.delete(f"/articles/talk/comments/{remark['id']}", headers=anne)

    assert (by_jake.status_code, errors(by_jake)) == (
        403,
        ["only the author may delete a comment"],
    )
    assert anonymous.status_code == 401
    assert (by_anne.status_code, by_anne.content) == (204, b"")
    assert (again.status_code, errors(again)) == (404, ["comment not found"])
    assert api.get("/articles/talk/comments").json() == {"comments": []}


def test_a_comment_is_found_only_under_its_own_article(api: Client) -> None:
    jake = register(api, "jake")
    publish(api, jake, "One")
    publish(api, jake, "Two")
    remark = comment(api, jake, "one", "on one")

    response = api.delete(f"/articles/two/comments/{remark['id']}", headers=jake)

    assert response.status_code == 404
    assert len(api.get("/articles/one/comments").json()["comments"]) == 1


def test_commenting_needs_a_token_and_a_body(api: Client) -> None:
    jake = register(api, "jake")
    publish(api, jake, "Talk")

    anonymous = api.post("/articles/talk/comments", json={"comment": {"body": "x"}})
    empty = api.post(
        "/articles/talk/comments", json={"comment": {"body": ""}}, headers=jake
    )

    assert anonymous.status_code == 401
    assert empty.status_code == 422
    errors(empty)


def test_favorites_count_once_per_user_and_show_who_favorited(api: Client) -> None:
    jake = register(api, "jake")
    fans = [register(api, f"fan{number}") for number in range(3)]
    publish(api, jake, "Popular")

    for fan in fans:
        api.post("/articles/popular/favorite", headers=fan)
    twice = api.post("/articles/popular/favorite", headers=fans[0])
    taken_back = api.delete("/articles/popular/favorite", headers=fans[1])

    assert twice.json()["article"]["favoritesCount"] == 3
    assert twice.json()["article"]["favorited"] is True
    assert taken_back.json()["article"]["favoritesCount"] == 2
    assert taken_back.json()["article"]["favorited"] is False
    assert api.get("/articles/popular").json()["article"]["favorited"] is False
    seen_by_fan = api.get("/articles/popular", headers=fans[2]).json()["article"]
    assert (seen_by_fan["favorited"], seen_by_fan["favoritesCount"]) == (True, 2)
    assert api.post("/articles/popular/favorite").status_code == 401

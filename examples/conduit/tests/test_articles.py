"""Articles: publishing, reading, editing, deleting, lists, the feed, tags."""

from __future__ import annotations

from datetime import datetime

from tests.conduit_api import Client, errors, publish, register


def test_publishing_returns_the_article_as_the_spec_shapes_it(api: Client) -> None:
    jake = register(api, "jake")

    article = publish(api, jake, "How to train your dragon", ["training", "dragons"])

    assert article == {
        "slug": "how-to-train-your-dragon",
        "title": "How to train your dragon",
        "description": "About How to train your dragon",
        "body": "Text.",
        "tagList": ["dragons", "training"],
        "createdAt": article["createdAt"],
        "updatedAt": article["createdAt"],
        "favorited": False,
        "favoritesCount": 0,
        "author": {"username": "jake", "bio": "", "image": "", "following": False},
    }
    assert article["createdAt"].endswith("Z")
    datetime.fromisoformat(article["createdAt"])
    assert api.get("/articles/how-to-train-your-dragon").json() == {"article": article}


def test_a_second_article_with_the_same_title_gets_its_own_slug(api: Client) -> None:
    jake = register(api, "jake")

    first = publish(api, jake, "Dragons!")
    second = publish(api, jake, "Dragons!")

    assert first["slug"] == "dragons"
    assert second["slug"].startswith("dragons-") and second["slug"] != "dragons"
    assert api.get(f"/articles/{second['slug']}").status_code == 200


def test_publishing_needs_a_token_and_the_required_fields(api: Client) -> None:
    jake = register(api, "jake")

    anonymous = api.post(
        "/articles", json={"article": {"title": "t", "description": "d", "body": "b"}}
    )
    incomplete = api.post("/articles", json={"article": {"title": "t"}}, headers=jake)

    assert anonymous.status_code == 401
    assert incomplete.status_code == 422
    assert errors(incomplete) == [
        "body.article.description: Field required",
        "body.article.body: Field required",
    ]


def test_the_author_may_edit_an_article_and_a_new_title_moves_its_slug(
    api: Client,
) -> None:
    jake = register(api, "jake")
    publish(api, jake, "Old title")

    response = api.put(
        "/articles/old-title",
        json={"article": {"title": "New title", "body": "New body."}},
        headers=jake,
    )

    assert response.status_code == 200
    article = response.json()["article"]
    assert (article["slug"], article["title"], article["body"]) == (
        "new-title",
        "New title",
        "New body.",
    )
    assert article["description"] == "About Old title"
    assert article["updatedAt"] > article["createdAt"]
    assert api.get("/articles/old-title").status_code == 404
    assert api.get("/articles/new-title").status_code == 200


def test_only_the_author_may_edit_or_delete_an_article(api: Client) -> None:
    jake = register(api, "jake")
    anne = register(api, "anne")
    publish(api, jake, "Mine")

    edit = api.put("/articles/mine", json={"article": {"body": "x"}}, headers=anne)
    delete = api.delete("/articles/mine", headers=anne)

    assert (edit.status_code, errors(edit)) == (
        403,
        ["only the author may edit an article"],
    )
    assert (delete.status_code, errors(delete)) == (
        403,
        ["only the author may delete an article"],
    )
    assert api.get("/articles/mine").json()["article"]["body"] == "Text."


def test_deleting_an_article_removes_it_and_its_comments(api: Client) -> None:
    jake = register(api, "jake")
    publish(api, jake, "Short lived")
    api.post(
        "/articles/short-lived/comments",
        json={"comment": {"body": "first"}},
        headers=jake,
    )

    response = api.delete("/articles/short-lived", headers=jake)

    assert (response.status_code, response.content) == (204, b"")
    assert api.get("/articles/short-lived").status_code == 404
    assert api.get("/articles/short-lived/comments").status_code == 404


def test_an_unknown_slug_is_a_404_everywhere(api: Client) -> None:
    jake = register(api, "jake")

    for response in [
        api.get("/articles/nope"),
        api.put("/articles/nope", json={"article": {"body": "x"}}, headers=jake),
        api.delete("/articles/nope", headers=jake),
        api.get("/articles/nope/comments"),
        api.post("/articles/nope/favorite", headers=jake),
        api.delete("/articles/nope/favorite", headers=jake),
    ]:
        assert response.status_code == 404
        assert errors(response) == ["article not found"]


def test_the_list_is_newest_first_filtered_and_paged(api: Client) -> None:
    jake = register(api, "jake")
    anne = register(api, "anne")
    for number in range(5):
        publish(api, jake, f"Jake {number}", ["dragons"] if number % 2 else [])
    publish(api, anne, "Anne 0", ["dragons"])
    api.post("/articles/jake-0/favorite", headers=anne)

    def slugs(query: str) -> tuple[list[str], int]:
        response = api.get(f"/articles{query}")
        assert response.status_code == 200, response.text
        body = response.json()
        assert all("body" not in article for article in body["articles"])
        return [article["slug"] for article in body["articles"]], body["articlesCount"]

    newest_first = ["anne-0", "jake-4", "jake-3", "jake-2", "jake-1", "jake-0"]
    assert slugs("") == (newest_first, 6)
    assert slugs("?limit=2&offset=1") == (["jake-4", "jake-3"], 6)
    assert slugs("?offset=6") == ([], 6)
    assert slugs("?author=jake") == (newest_first[1:], 5)
    assert slugs("?tag=dragons") == (["anne-0", "jake-3", "jake-1"], 3)
    assert slugs("?tag=dragons&author=jake&limit=1") == (["jake-3"], 2)
    assert slugs("?favorited=anne") == (["jake-0"], 1)
    assert slugs("?author=nobody") == ([], 0)


def test_limit_and_offset_out_of_range_are_422s(api: Client) -> None:
    for query in ["limit=0", "limit=101", "offset=-1", "limit=x"]:
        response = api.get(f"/articles?{query}")
        assert response.status_code == 422, query
        errors(response)


def test_the_feed_holds_articles_of_followed_authors_only(api: Client) -> None:
    jake = register(api, "jake")
    anne = register(api, "anne")
    reader = register(api, "reader")
    publish(api, jake, "By jake")
    publish(api, anne, "By anne")
    publish(api, jake, "By jake again")
    api.post("/profiles/jake/follow", headers=reader)

    feed = api.get("/articles/feed", headers=reader)
    paged = api.get("/articles/feed?limit=1&offset=1", headers=reader)

    assert feed.status_code == 200
    assert [article["slug"] for article in feed.json()["articles"]] == [
        "by-jake-again",
        "by-jake",
    ]
    assert feed.json()["articlesCount"] == 2
    assert all(article["author"]["following"] for article in feed.json()["articles"])
    assert [article["slug"] for article in paged.json()["articles"]] == ["by-jake"]
    assert api.get("/articles/feed").status_code == 401


def test_tags_are_those_in_use_most_used_first(api: Client) -> None:
    jake = register(api, "jake")
    assert api.get("/tags").json() == {"tags": []}
    publish(api, jake, "One", ["zebra", "apple"])
    publish(api, jake, "Two", ["zebra"])

    assert api.get("/tags").json() == {"tags": ["zebra", "apple"]}
    api.delete("/articles/one", headers=jake)
    assert api.get("/tags").json() == {"tags": ["zebra"]}


def test_an_update_may_leave_fields_out_but_not_set_them_to_null(
    api: Client,
) -> None:
    jake = register(api, "jake")
    publish(api, jake, "Kept")

    response = api.put("/articles/kept", json={"article": {"body": None}}, headers=jake)

    assert response.status_code == 422
    assert errors(response) == [
        "body.article.body: Value error, must be a string, not null"
    ]


def test_oversized_input_is_a_422_in_the_spec_format(api: Client) -> None:
    """Every string and list in a request is bounded (README, "Validation")."""
    headers = register(api, "jake")
    article = {"title": "Dragons", "description": "d", "body": "b"}

    for oversized in [
        {**article, "tagList": [f"tag{number}" for number in range(100_000)]},
        {**article, "title": "x" * 10_000_000},
        {**article, "tagList": ["x" * 65]},
    ]:
        response = api.post("/articles", headers=headers, json={"article": oversized})
        assert response.status_code == 422
        assert len(errors(response)) == 1
    user = {"username": "x" * 65, "email": "x@example.org", "password": "p"}
    response = api.post("/users", json={"user": user})
    assert response.status_code == 422
    assert errors(response) == [
        "body.user.username: String should have at most 64 characters"
    ]
    assert api.get("/articles", params={"tag": "x" * 2_049}).status_code == 422


def test_a_retitled_article_keeps_its_slug_when_the_title_slugs_the_same(
    api: Client,
) -> None:
    jake = register(api, "jake")
    publish(api, jake, "Hello world")

    recased = api.put(
        "/articles/hello-world",
        headers=jake,
        json={"article": {"title": "Hello World!"}},
    )
    renamed = api.put(
        "/articles/hello-world", headers=jake, json={"article": {"title": "Goodbye"}}
    )

    assert recased.json()["article"]["slug"] == "hello-world"
    assert recased.json()["article"]["title"] == "Hello World!"
    assert renamed.json()["article"]["slug"] == "goodbye"


def test_an_update_that_changes_nothing_leaves_updated_at_alone(api: Client) -> None:
    jake = register(api, "jake")
    article = publish(api, jake, "Dragons")
    url = f"/articles/{article['slug']}"

    empty = api.put(url, headers=jake, json={"article": {}})
    same = api.put(url, headers=jake, json={"article": {"title": "Dragons"}})

    assert empty.status_code == 422
    assert errors(empty) == [
        "body.article: Value error, at least one field is required"
    ]
    assert same.status_code == 200
    assert same.json()["article"]["updatedAt"] == article["updatedAt"]

from fastapi.testclient import TestClient

from library.main import Book, app


def test_create_read_list():
    with TestClient(app) as client:
        created = client.post("/books/", json={"title": "Dune"})
        assert created.status_code == 201
        book = Book(**created.json())
        assert client.get(f"/books/{book.id}").json() == {"id": book.id, "title": "Dune"}
        assert [b["title"] for b in client.get("/books/").json()] == ["Dune"]
        assert client.get("/books/999").status_code == 404

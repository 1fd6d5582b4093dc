from fastapi.testclient import TestClient

from main import app

client = TestClient(app)


def test_enum_path():
    assert client.get("/models/alexnet").json()["message"] == "Deep Learning FTW!"
    assert client.get("/models/other").status_code == 422


def test_path_parameter_with_slashes():
    assert client.get("/files/home/johndoe/myfile.txt").json() == {
        "file_path": "home/johndoe/myfile.txt"
    }


def test_query_validation_and_alias():
    assert client.get("/search?item-query=abc&tags=a&tags=b").json() == {
        "q": "abc", "page": 1, "tags": ["a", "b"]
    }
    assert client.get("/search?item-query=ab").status_code == 422


def test_body_and_path_validation():
    body = {"item": {"name": "x", "price": 2}, "importance": 5}
    assert client.put("/items/5", json=body).json()["importance"] == 5
    assert client.put("/items/5000", json=body).status_code == 422


def test_header_and_cookie():
    client.cookies.set("ads_id", "c")
    response = client.get("/headers", headers={"User-Agent": "me"})
    assert response.json() == {"User-Agent": "me", "ads_id": "c"}


def test_form_and_file():
    assert client.post("/login/", data={"username": "u", "password": "p"}).json() == {"username": "u"}
    response = client.post("/uploadfile/", files={"file": ("a.txt", b"hello")})
    assert response.json() == {"filename": "a.txt", "size": 5, "note": 0}

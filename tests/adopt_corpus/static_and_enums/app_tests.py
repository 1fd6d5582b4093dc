from fastapi.testclient import TestClient

from main import Tags, app

client = TestClient(app)


def test_static_files_stay_mounted():
    assert client.get("/static/hello.txt").text == "hello static\n"
    assert app.url_path_for("static", path="hello.txt") == "/static/hello.txt"


def test_enum_tags_and_openapi_extra():
    schema = app.openapi()
    assert schema["paths"]["/v1/"]["get"]["tags"] == [Tags.items.value]
    assert schema["paths"]["/users/"]["get"]["x-owner"] == "team-a"


def test_routes():
    assert client.get("/v1/").json() == ["a", "b"]
    assert client.get("/users/").json() == ["rick", "morty"]

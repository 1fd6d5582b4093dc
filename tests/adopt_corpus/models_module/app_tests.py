from fastapi.testclient import TestClient

from main import NOTES, app
from models import Note

client = TestClient(app)


def test_create_list_read():
    created = client.post("/notes/", json={"text": "hi", "tags": [{"name": "x"}]})
    assert created.status_code == 201
    assert isinstance(NOTES[1], Note)
    assert [n["text"] for n in client.get("/notes/?tag=x").json()] == ["hi"]
    assert "created" not in client.get("/notes/1").json()
    assert client.get("/notes/9").status_code == 404


def test_annotations_stay_strings_as_the_module_declared():
    [endpoint] = [r.endpoint for r in app.routes if getattr(r, "name", "") == "read_note"]
    assert endpoint.__annotations__["note_id"] == "int"

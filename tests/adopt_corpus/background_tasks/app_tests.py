from fastapi.testclient import TestClient

from main import LOG, app
from notifications import SENT

client = TestClient(app)


def test_tasks_run_after_the_response():
    assert client.post("/send-notification/a@b.c").status_code == 202
    assert LOG == ["notification for a@b.c"]
    assert SENT == ["a@b.c"]

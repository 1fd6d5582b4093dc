from fastapi.testclient import TestClient

from main import CALLS, app

client = TestClient(app)


def test_the_own_decorator_still_wraps_the_endpoint(caplog):
    caplog.set_level("INFO")
    assert client.get("/reports/2001?detailed=true").json() == {"year": 2001, "detailed": True}
    assert CALLS == ["read_report"]
    assert ("main", "report for 2001") in [(r.name, r.getMessage()) for r in caplog.records]


def test_docstring_is_the_description():
    operation = app.openapi()["paths"]["/reports/{year}"]["get"]
    assert operation["description"].startswith("Read the report of a year.")
    assert operation["deprecated"] is True

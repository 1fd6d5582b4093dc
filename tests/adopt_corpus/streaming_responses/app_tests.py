from fastapi.testclient import TestClient

from main import app

client = TestClient(app)


def test_streaming():
    assert client.get("/count/3").text == "0\n1\n2\n"


def test_file_response():
    response = client.get("/report")
    assert response.headers["content-disposition"] == 'attachment; filename="report.txt"'
    assert b"test_file_response" in response.content


def test_headers_on_the_response():
    assert client.get("/custom").headers["x-custom"] == "yes"

"""The example app on a real uvicorn, under fuzzed, heavy and malformed traffic.

- schemathesis generates requests from the app's own OpenAPI document: no
  5xx, and every response matches the schema it documents;
- a load test from a second process (many concurrent HTTP requests and
  WebSocket sessions, bounded) has no errors, and the server's memory stays
  flat from one round to the next;
- malformed HTTP requests and WebSocket frames are refused without taking
  the server down.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.project import Project, clean_environment, uvicorn_server

# What "matches the schema" means here. Left out, as behaviour of stock
# FastAPI that the generator does not change: a 404 or 400 that a route does
# not declare (an unknown path, a body that is not UTF-8), `Allow` listing
# only the methods of the first route that matches the path, and a method
# a path lacks answered by another route whose parameter matches it.
SCHEMA_CHECKS = [
    "not_a_server_error",
    "response_schema_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "negative_data_rejection",
]


@pytest.fixture
def served(project: Project) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    with uvicorn_server(sys.executable, project.root) as server:
        yield server


def test_schemathesis_finds_no_server_error_and_no_schema_violation(
    served: tuple[str, subprocess.Popen[bytes]], tmp_path: Path
) -> None:
    base, _ = served
    command = [sys.executable, "-m", "schemathesis.cli", "run", f"{base}/openapi.json"]
    options = ["--checks", ",".join(SCHEMA_CHECKS), "--max-examples", "25"]
    options += ["--seed", "20261128", "--generation-database", "none"]
    options += ["-H", "Authorization: Bearer demo-token", "--no-color"]

    result = subprocess.run(
        [*command, *options],
        cwd=tmp_path,  # where schemathesis keeps its cache, not the working tree
        capture_output=True,
        text=True,
        timeout=600,
        env=clean_environment(),
        check=False,
    )

    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "Tested: 14" in result.stdout


LOAD = textwrap.dedent(
    """\
    import asyncio, json, sys
    import httpx
    from websockets.asyncio.client import connect

    BASE, CONNECTIONS = sys.argv[1], 20  # requests in flight at any time
    EXPECTED = {"/": 200, "/users": 200, "/users/2": 200, "/items/7": 200,
                "/items?offset=3&limit=5": 200, "/files/a/b.txt": 200,
                "/api/demo/custom-header": 200, "/version": 200, "/health": 200,
                "/nowhere": 404, "/users/999": 404, "/users/x": 422}
    errors = []

    async def http(client, path, expected):
        try:
            answer = await client.get(path)
            if answer.status_code != expected:
                errors.append(f"{path}: {answer.status_code}")
        except Exception as error:
            errors.append(f"{path}: {error!r}")

    async def chat(number):
        url = BASE.replace("http://", "ws://") + f"/chats/room{number % 7}"
        try:
            async with connect(url, open_timeout=30) as socket:
                for message in range(5):
                    await socket.send(f"m{message}")
                    reply = json.loads(await socket.recv())
                    if reply != {"chat_id": f"room{number % 7}", "message": f"m{message}"}:
                        errors.append(f"chat {number}: {reply}")
        except Exception as error:
            errors.append(f"chat {number}: {error!r}")

    async def worker(client, calls):
        while calls:
            await http(client, *calls.pop())

    async def main():
        calls = [item for _ in range(100) for item in EXPECTED.items()]
        count = len(calls)
        limits = httpx.Limits(max_connections=CONNECTIONS)
        async with httpx.AsyncClient(base_url=BASE, limits=limits, timeout=30) as client:
            workers = [worker(client, calls) for _ in range(CONNECTIONS)]
            await asyncio.gather(*workers, *(chat(number) for number in range(100)))
        print(json.dumps({"requests": count, "sessions": 100, "errors": errors[:10]}))

    asyncio.run(main())
    """
)


def resident_memory(pid: int) -> int:
    """The process's resident set size in kB (Linux)."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(
        next(line for line in status.splitlines() if line.startswith("VmRSS")).split()[
            1
        ]
    )


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_a_load_of_requests_and_websocket_sessions_has_no_errors_and_flat_memory(
    served: tuple[str, subprocess.Popen[bytes]],
) -> None:
    base, server = served
    memory = []
    for _ in range(6):
        result = subprocess.run(
            [sys.executable, "-c", LOAD, base],
            capture_output=True,
            text=True,
            timeout=300,
            env=clean_environment(),
            check=False,
        )
        report = json.loads(result.stdout or "{}")
        assert report == {"requests": 1200, "sessions": 100, "errors": []}, (
            result.stderr
        )
        memory.append(resident_memory(server.pid))

    assert server.poll() is None
    # Resident memory grows while allocators warm up (about 4.5 MB a round at
    # first, with or without the route index), then levels off: the last two
    # rounds, 2,400 requests and 200 sessions, may add 5 MB, 2 kB each.
    assert memory[5] - memory[3] < 5_000, memory


def exchange(base: str, data: bytes, *, then: bytes = b"") -> bytes:
    """Send raw bytes on a fresh connection; everything the server answers
    (until it closes, or goes quiet for 3 s)."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=3) as connection:
        connection.sendall(data)
        received = b""
        if then:
            received = connection.recv(65536)  # the handshake's answer
            connection.sendall(then)
        try:
            while chunk := connection.recv(65536):
                received += chunk
        except (TimeoutError, ConnectionResetError):
            pass
    return received


def status_of(answer: bytes) -> int | None:
    """The HTTP status code of a raw answer, None if the server just closed."""
    if not answer.startswith(b"HTTP/1.1 "):
        return None
    return int(answer.split(b" ", 2)[1])


MALFORMED_HTTP = {
    "garbage": b"GARBAGE\r\n\r\n",
    "header line without a colon": b"GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
    "bad chunk size": b"POST /users HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
    b"Content-Type: application/json\r\n\r\nZZZ\r\n\r\n",
    "body shorter than its length": b"POST /users HTTP/1.1\r\nHost: x\r\n"
    b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{}",
    "bytes that are not ASCII in the path": b"GET /\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n",
    "NUL in the path": b"GET /a\x00b HTTP/1.1\r\nHost: x\r\n\r\n",
    "unknown HTTP version": b"GET / HTTP/7.0\r\nHost: x\r\n\r\n",
    "two Content-Length headers": b"POST /users HTTP/1.1\r\nHost: x\r\n"
    b"Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
}

HANDSHAKE = (
    b"GET /chats/lobby HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
    b"Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
    b"Sec-WebSocket-Version: 13\r\n\r\n"
)
MASK = b"\x01\x02\x03\x04"


def masked(payload: bytes) -> bytes:
    return MASK + bytes(byte ^ MASK[index % 4] for index, byte in enumerate(payload))


MALFORMED_FRAMES = {
    "unmasked client frame": b"\x81\x05hello",
    "reserved bits set": b"\xf1\x85" + masked(b"hello"),
    "unknown opcode": b"\x83\x85" + masked(b"hello"),
    "text that is not UTF-8": b"\x81\x82" + masked(b"\xff\xfe"),
    "fragmented ping": b"\x09\x80" + MASK,
    "frame claiming 8 EB": b"\x81\xff\x7f\xff\xff\xff\xff\xff\xff\xff" + MASK,
    "truncated frame": b"\x81\x85\x01\x02",
}


def test_malformed_http_is_refused_and_the_server_stays_up(
    served: tuple[str, subprocess.Popen[bytes]],
) -> None:
    base, server = served

    answers = {
        name: status_of(exchange(base, data)) for name, data in MALFORMED_HTTP.items()
    }

    refused = {name: status for name, status in answers.items() if status is not None}
    assert all(400 <= status < 500 for status in refused.values()), answers
    assert server.poll() is None
    assert httpx.get(f"{base}/users/1").status_code == 200


def test_malformed_websocket_frames_close_the_session_not_the_server(
    served: tuple[str, subprocess.Popen[bytes]],
) -> None:
    base, server = served
    bad_handshake = HANDSHAKE.replace(b"Version: 13", b"Version: 99")

    closes = {
        name: exchange(base, HANDSHAKE, then=frame)
        for name, frame in MALFORMED_FRAMES.items()
    }

    assert 400 <= (status_of(exchange(base, bad_handshake)) or 0) < 500
    for name, answer in closes.items():
        assert answer.startswith(b"HTTP/1.1 101 "), name
        # After the handshake: nothing but, at most, a close frame (0x88).
        frames = answer.split(b"\r\n\r\n", 1)[1]
        assert frames == b"" or frames.startswith(b"\x88"), (name, frames)
    assert server.poll() is None
    assert httpx.get(f"{base}/").status_code == 200

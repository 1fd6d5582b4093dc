"""`--watch` and the dev loop, with real file changes and a real uvicorn."""

from __future__ import annotations

import shutil
import signal
import socket
from collections.abc import Iterator

import httpx
import pytest

from tests.project import (
    Project,
    Running,
    alive,
    answers,
    children,
    free_port,
    wait_until,
)

ROUTE = "async def handler() -> dict[str, str]:\n    return {'route': '%s'}\n"


@pytest.fixture
def watcher(project: Project) -> Iterator[Running]:
    running = Running(["-m", "codegen", "--watch"], project.root)
    running.wait_for_line("Watching")
    yield running
    running.stop()


def router_has(project: Project, text: str) -> bool:
    return text in project.router.read_text()


def test_watch_follows_creates_edits_moves_and_deletes(
    project: Project, watcher: Running
) -> None:
    urls = project.root / "generated" / "urls.py"
    original = project.router.read_bytes(), urls.read_bytes()
    project.write("routes/orders/get.py", ROUTE % "orders")
    wait_until(lambda: router_has(project, '"/orders"'))

    project.write(
        "routes/orders/get.py", "meta = {'summary': 'All orders'}\n" + ROUTE % "x"
    )
    wait_until(lambda: router_has(project, 'summary="All orders"'))

    (project.root / "routes" / "orders").rename(project.root / "routes" / "sales")
    wait_until(
        lambda: router_has(project, '"/sales"') and not router_has(project, '"/orders"')
    )

    shutil.rmtree(project.root / "routes" / "sales")
    wait_until(lambda: not router_has(project, '"/sales"'))
    wait_until(lambda: (project.router.read_bytes(), urls.read_bytes()) == original)


def test_a_broken_file_keeps_the_last_good_router_until_it_is_fixed(
    project: Project, watcher: Running
) -> None:
    project.write("routes/orders/get.py", ROUTE % "orders")
    wait_until(lambda: router_has(project, '"/orders"'))
    good = project.router.read_bytes()
    seen = len(watcher.lines)

    project.write("routes/broken/get.py", "def handler(:\n")
    watcher.wait_for_line("routes/broken/get.py:1:13: FR002", after=seen)
    assert project.router.read_bytes() == good
    assert watcher.process.poll() is None

    project.write("routes/broken/get.py", ROUTE % "fixed")
    wait_until(lambda: router_has(project, '"/broken"'))


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


@pytest.mark.parametrize("stop", STOP_SIGNALS, ids=lambda number: number.name)
@pytest.mark.parametrize(
    "ignoring", [(), STOP_SIGNALS], ids=["default handlers", "inherited as ignored"]
)
def test_ctrl_c_sigterm_and_sighup_stop_the_watcher_cleanly(
    project: Project, stop: signal.Signals, ignoring: tuple[signal.Signals, ...]
) -> None:
    """Whatever the watcher inherited: a script's background job, for one,
    starts with SIGINT ignored."""
    watcher = Running(["-m", "codegen", "--watch"], project.root, ignoring=ignoring)
    try:
        watcher.wait_for_line("Watching")
        watcher.process.send_signal(stop)

        assert watcher.process.wait(timeout=15) == 0
    finally:
        watcher.stop()
    assert watcher.lines[-1] == "Stopped watching."
    assert not any("Traceback" in line for line in watcher.lines)


def test_dev_loop_serves_a_new_route_file_without_a_restart_by_hand(
    project: Project,
) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    dev = Running(
        ["-m", "codegen", "dev", "--port", str(port)],
        project.root,
        ignoring=[signal.SIGINT],  # Ctrl-C stops it all the same
    )
    try:
        wait_until(lambda: answers(f"{base}/users/me"), timeout=60)

        project.write("routes/fresh/get.py", ROUTE % "fresh")
        wait_until(lambda: answers(f"{base}/fresh"), timeout=60)

        assert httpx.get(f"{base}/fresh").json() == {"route": "fresh"}
        assert dev.interrupt() == 0
        with pytest.raises(httpx.TransportError):
            httpx.get(f"{base}/users/me", timeout=2)
    finally:
        dev.stop()
    assert dev.lines[-1] == "Stopped serving."
    assert not any("Traceback" in line for line in dev.lines)


def test_dev_loop_explains_a_port_in_use(project: Project) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = project.codegen("dev", "--port", str(port))

    assert result.code == 1
    assert result.stderr.splitlines()[-1] == (
        f"cannot listen on 127.0.0.1:{port}: Address already in use"
    )


def test_dev_loop_stopped_by_sigterm_leaves_no_server_behind(project: Project) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    dev = Running(["-m", "codegen", "dev", "--port", str(port)], project.root)
    try:
        wait_until(lambda: answers(f"{base}/users/me"), timeout=60)

        dev.process.terminate()

        assert dev.process.wait(timeout=30) == 0
        dev.wait_for_line("Stopped serving.")
        # The server and the standby one, which would have served on after
        # it, are gone: nothing holds the port.
        with socket.create_server(("127.0.0.1", port)):
            pass
    finally:
        dev.stop()


def test_dev_servers_exit_when_the_dev_loop_is_killed(project: Project) -> None:
    """SIGKILL runs no clean-up: the server and the standby one see the dev
    loop's pipe close, and exit of themselves."""
    port = free_port()
    dev = Running(["-m", "codegen", "dev", "--port", str(port)], project.root)
    try:
        wait_until(lambda: answers(f"http://127.0.0.1:{port}/users/me"), timeout=60)
        servers = children(dev.process.pid)
        assert len(servers) == 2  # serving, and standing by

        dev.process.kill()
        dev.process.wait()

        wait_until(lambda: not any(alive(pid) for pid in servers), timeout=20)
        with socket.create_server(("127.0.0.1", port)):
            pass  # nothing holds the port any more
    finally:
        dev.stop()


def test_dev_loop_serves_the_app_fastapi_names(project: Project) -> None:
    """`[tool.fastapi] entrypoint`, as `fastapi dev` reads it."""
    project.write("server.py", "from app import app\n\napp.title = 'Named'\n")
    pyproject = project.root / "pyproject.toml"
    text = pyproject.read_text()
    assert 'entrypoint = "app:app"' in text
    pyproject.write_text(text.replace('"app:app"', '"server:app"'))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    dev = Running(["-m", "codegen", "dev", "--port", str(port)], project.root)
    try:
        wait_until(lambda: answers(f"{base}/openapi.json"), timeout=60)

        assert httpx.get(f"{base}/openapi.json").json()["info"]["title"] == "Named"
        dev.wait_for_line(f"Serving server:app on {base}")
    finally:
        dev.stop()

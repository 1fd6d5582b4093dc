"""Throwaway copies of the project, and running its command line in them."""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

REPOSITORY = Path(__file__).resolve().parent.parent
TEMPLATE = ["codegen", "routes", "generated", "app.py", "pyproject.toml"]


@dataclass(frozen=True)
class Completed:
    """What a `python -m codegen` run printed and returned."""

    code: int
    stdout: str
    stderr: str


@dataclass(frozen=True)
class Project:
    """A copy of the template in a temporary folder."""

    root: Path

    @property
    def router(self) -> Path:
        return self.root / "generated" / "router.py"

    def write(self, relative: str, source: str) -> Path:
        """Create a file (and its folders) with dedented `source`."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source), encoding="utf-8")
        return path

    def codegen(self, *arguments: str) -> Completed:
        """Run `python -m codegen` in the project, as a user would."""
        return self.python("-m", "codegen", *arguments)

    def python(self, *arguments: str) -> Completed:
        """Run the interpreter in the project folder, with a clean environment."""
        result = subprocess.run(
            [sys.executable, *arguments],
            cwd=self.root,
            capture_output=True,
            text=True,
            env=clean_environment(),
            timeout=120,
            check=False,
        )
        return Completed(result.returncode, result.stdout, result.stderr)


def clean_environment() -> dict[str, str]:
    """This environment, without what would let the project import from here."""
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    environment.pop("PYTHONPATH", None)
    return environment


def copy_template(destination: Path, *, with_routes: bool = True) -> Project:
    destination.mkdir(parents=True, exist_ok=True)
    for name in TEMPLATE:
        source = REPOSITORY / name
        if name == "routes" and not with_routes:
            (destination / name).mkdir()
        elif source.is_dir():
            shutil.copytree(
                source, destination / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy2(source, destination / name)
    return Project(destination)


Tree = Callable[[dict[str, str]], Path]


# Ignores the signals numbered in argv[1], then becomes the Python command
# of the rest of argv: an ignored signal stays ignored across `exec`.
IGNORING_THEN = """\
import os, signal, sys
for number in sys.argv[1].split(","):
    signal.signal(int(number), signal.SIG_IGN)
os.execv(sys.executable, [sys.executable, *sys.argv[2:]])
"""


class Running:
    """A background process whose stderr lines are collected as they come.

    It leads a process group of its own, which `stop` kills whole: nothing it
    started can outlive the test and hold its pipe.
    """

    def __init__(
        self,
        arguments: list[str],
        cwd: Path,
        *,
        ignoring: Collection[signal.Signals] = (),
    ) -> None:
        """`ignoring`: signals the process inherits as ignored, as a script's
        background job (`&` without job control) inherits SIGINT."""
        if ignoring:
            numbers = ",".join(str(int(number)) for number in ignoring)
            arguments = ["-c", IGNORING_THEN, numbers, *arguments]
        self.process = subprocess.Popen(
            [sys.executable, *arguments],
            cwd=cwd,
            stderr=subprocess.PIPE,
            text=True,
            env=clean_environment(),
            start_new_session=True,
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line.rstrip("\n"))

    def wait_for_line(self, text: str, *, after: int = 0, timeout: float = 30) -> int:
        """Wait until a line from index `after` on contains `text`; its index."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for index in range(after, len(self.lines)):
                if text in self.lines[index]:
                    return index
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise AssertionError(f"no line with {text!r} in:\n" + "\n".join(self.lines))

    def interrupt(self, timeout: float = 15) -> int:
        """Press Ctrl-C: SIGINT to the whole process group, as a terminal sends
        it; wait for the process to exit."""
        os.killpg(self.process.pid, signal.SIGINT)
        code = self.process.wait(timeout=timeout)
        self.stop()
        return code

    def stop(self) -> None:
        """Kill the process group, and read the pipe to its end."""
        kill_group(self.process)
        self.reader.join()
        assert self.process.stderr is not None
        self.process.stderr.close()


def kill_group(process: subprocess.Popen[str] | subprocess.Popen[bytes]) -> None:
    """Kill a process that leads its own group, and all that is left of the
    group (servers, workers), then reap it."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def children(pid: int) -> set[int]:
    """The processes whose parent is `pid` now (Linux's /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            # "pid (command) state ppid ...": the command may hold spaces.
            fields = stat.read_text().rpartition(")")[2].split()
            if int(fields[1]) == pid:
                found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    """Whether a process runs (exists and is not a zombie waiting to be reaped)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def wait_until(condition: Callable[[], bool], timeout: float = 30) -> float:
    """Poll `condition` until true; return the seconds it took."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(0.02)
    return time.monotonic() - start


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def answers(url: str) -> bool:
    """Whether a GET of `url` gets a 200 (a refused connection is a no)."""
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.TransportError:
        return False


@contextlib.contextmanager
def uvicorn_server(
    python: str, cwd: Path, *options: str, timeout: float = 60
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`uvicorn app:app` on a free loopback port: its base URL and process."""
    port = free_port()
    command = [python, "-m", "uvicorn", "app:app", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--log-level", "warning", *options]
    with serving(command, cwd, port, clean_environment(), timeout) as running:
        yield running


@contextlib.contextmanager
def serving(
    command: list[str],
    cwd: Path,
    port: int,
    environment: dict[str, str],
    timeout: float = 60,
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A server `command` starts on `port` of the loopback interface, once `/`
    answers: its base URL and process. Terminated on leaving, and then its
    whole process group (its workers) killed."""
    server = subprocess.Popen(command, cwd=cwd, env=environment, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: answers(f"{base}/") or server.poll() is not None, timeout)
        assert server.poll() is None, f"`{shlex.join(command)}` exited"
        yield base, server
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        finally:
            kill_group(server)

"""The documentation's examples, read the way MkDocs reads them and run.

A page's fenced blocks are either files included with `--8<-- "path"`, or
shell sessions: a `console` block is commands after `$ ` each followed by the
output it must print, an `sh` block commands alone. `Console` runs a page's
sessions in one project folder, in order, so a later command sees what an
earlier one did.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
import shlex
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from tests.project import REPOSITORY, clean_environment, free_port, serving

DOCS = REPOSITORY / "docs"
PAGES = [REPOSITORY / "README.md", *sorted(DOCS.glob("*.md"))]
INCLUDE = re.compile(r'^--8<-- "(?P<path>[^"]+)"$')
FENCE = re.compile(r"^(?P<indent> *)```(?P<language>[\w-]*)(?P<options>.*)$")
SHOWN_BASE = "http://127.0.0.1:8000"


@dataclass(frozen=True)
class Block:
    """A fenced block of a page, dedented, with the line it starts on."""

    page: Path
    line: int
    language: str
    body: str

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(REPOSITORY)}:{self.line}"

    @property
    def includes(self) -> list[str]:
        """The paths it includes, if it consists of `--8<--` lines alone."""
        lines = self.body.splitlines()
        found = [INCLUDE.match(line) for line in lines]
        return [match["path"] for match in found if match] if all(found) else []


@dataclass(frozen=True)
class Step:
    """One command of a session, and the output shown for it (or none)."""

    command: str
    shown: str | None


def blocks(page: Path) -> list[Block]:
    """The page's fenced blocks, a Markdown file it includes whole taking its
    place (as `docs/conduit.md` includes the example's README)."""
    found: list[Block] = []
    lines = page.read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        included = INCLUDE.match(lines[index])
        opening = FENCE.match(lines[index])
        if included and included["path"].endswith(".md"):
            found.extend(blocks(REPOSITORY / included["path"]))
        elif opening:
            indent = len(opening["indent"])
            end = next(
                end
                for end in range(index + 1, len(lines))
                if lines[end].strip() == "```"
            )
            body = "\n".join(line[indent:] for line in lines[index + 1 : end])
            found.append(Block(page, index + 1, opening["language"], body))
            index = end
        index += 1
    return found


def steps(block: Block) -> list[Step]:
    """A session's commands; a `console` block shows each one's output."""
    if block.language == "sh":
        return [Step(line, None) for line in block.body.splitlines() if line]
    found: list[Step] = []
    for line in block.body.splitlines():
        if line.startswith("$ "):
            found.append(Step(line[2:], None))
        else:
            shown = found[-1].shown
            found[-1] = Step(found[-1].command, f"{shown}\n{line}" if shown else line)
    return found


def sessions(page: Path) -> Iterator[tuple[Block, Step]]:
    for block in blocks(page):
        if block.language in ("console", "sh"):
            for step in steps(block):
                yield block, step


class Console:
    """A shell in a project folder, with the folder `programs` first on PATH.

    nox commands are not run (each is the test suite itself, or a server
    made of commands run here): the session must exist and the pinned nox be
    the one installed. `uvicorn` starts a server on a free loopback port that
    later `curl` commands reach at the address the page shows; so does
    `fastapi run`.
    """

    def __init__(self, root: Path, programs: Path) -> None:
        self.root = root
        self.environment = clean_environment()
        self.environment["PATH"] = f"{programs}:{self.environment['PATH']}"
        self.servers = contextlib.ExitStack()
        self.base = SHOWN_BASE  # the last server's, once one is started

    def __enter__(self) -> Console:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.servers.close()

    def run(self, block: Block, step: Step) -> None:
        words = shlex.split(step.command)
        if "nox" in words:
            check_nox_command(step.command)
        elif words[0] == "uvicorn" or words[:2] == ["fastapi", "run"]:
            assert step.shown is None, f"{block.where}: a server shows no output"
            self.serve(words)
        else:
            printed = self.shell(step.command.replace(SHOWN_BASE, self.base))
            if step.shown is not None:
                assert lines_of(printed) == lines_of(step.shown), (
                    f"{block.where}: `{step.command}` printed:\n{printed}"
                )

    def shell(self, command: str) -> str:
        result = subprocess.run(
            ["bash", "-c", command],
            cwd=self.root,
            env=self.environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, (
            f"`{command}` exited {result.returncode}:\n{result.stdout}"
        )
        return result.stdout

    def serve(self, words: list[str]) -> None:
        """The page's server command, on 127.0.0.1 and a port of our own."""
        port = free_port()
        options = {"--host": "127.0.0.1", "--port": str(port)}
        command = [
            options.get(before, word)
            for before, word in zip(["", *words], words, strict=False)
        ]
        running = serving(command, self.root, port, self.environment)
        self.base, _ = self.servers.enter_context(running)


def run_sessions(page: Path, root: Path, programs: Path) -> None:
    """Run every session of `page` in `root`, in order, as one `Console`."""
    with Console(root, programs) as console:
        for block, step in sessions(page):
            console.run(block, step)


def lines_of(text: str) -> list[str]:
    return [line.rstrip() for line in text.strip("\n").splitlines()]


def check_nox_command(command: str) -> None:
    """`[python3 -m pip install 'nox[uv]==V' &&] python3 -m nox [-s NAME] [-- ...]`."""
    *install, run = [part.strip() for part in command.split("&&")]
    if install:
        assert install == [f"python3 -m pip install '{pinned_nox()}'"], command
    words = shlex.split(run.split(" -- ", 1)[0])
    assert words[:3] == ["python3", "-m", "nox"], command
    if len(words) > 3:
        assert words[3] == "-s" and len(words) == 5, command
        assert nox_session_exists(words[4]), command


@functools.cache
def nox_session_exists(name: str) -> bool:
    """Whether the noxfile defines the session `name` (asked once per name)."""
    listed = subprocess.run(
        [sys.executable, "-m", "nox", "-l", "--json", "-s", name],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        check=False,
    )
    return listed.returncode == 0 and [
        found["session"] for found in json.loads(listed.stdout)
    ] == [name]


def pinned_nox() -> str:
    """The project's nox requirement, as pinned in its test group."""
    pyproject = tomllib.loads((REPOSITORY / "pyproject.toml").read_text())
    (pin,) = [
        requirement
        for group in pyproject["dependency-groups"].values()
        for requirement in group
        if isinstance(requirement, str) and requirement.startswith("nox[")
    ]
    return pin

"""The README's opening and its walkthrough are true: the route file shown is
the one in the tree, the `curl` transcript is what the served app answers,
and adding an endpoint goes, output for output, as the README shows."""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from tests.conftest import EXAMPLE

README = EXAMPLE / "README.md"
FENCE = re.compile(
    r'^```(?P<language>\w+)(?: title="(?P<title>[^"]+)")?\n(?P<body>.*?)^```$',
    re.MULTILINE | re.DOTALL,
)
SHOWN_BASE = "http://127.0.0.1:8000/api"
WALKTHROUGH = "## Adding an endpoint"
STEP_END = "--- the step ends here ---"
NOT_COPIED = shutil.ignore_patterns(
    "*.db*", "__pycache__", ".pytest_cache", ".codegen_cache", ".hypothesis"
)


@dataclass(frozen=True)
class Block:
    language: str
    title: str | None
    body: str


def blocks(text: str) -> list[Block]:
    return [
        Block(match["language"], match["title"], match["body"])
        for match in FENCE.finditer(text)
    ]


def opening_and_walkthrough() -> tuple[list[Block], list[Block]]:
    opening, walkthrough = README.read_text().split(WALKTHROUGH, 1)
    return blocks(opening), blocks(walkthrough.split("\n## ", 1)[0])


@dataclass(frozen=True)
class Step:
    command: str
    shown: str


def steps(session: str) -> list[Step]:
    """The commands of a console block (`\\` continues one), each with the
    output shown after it."""
    found: list[Step] = []
    command: list[str] = []
    shown: list[str] = []
    for line in session.splitlines():
        if line.startswith("$ ") or (command and command[-1].endswith("\\")):
            if line.startswith("$ ") and command and not command[-1].endswith("\\"):
                found.append(Step("\n".join(command), "".join(shown)))
                command, shown = [], []
            command.append(line.removeprefix("$ "))
        else:
            shown.append(line + "\n")
    found.append(Step("\n".join(command), "".join(shown)))
    return found


def matches(shown: str, printed: str) -> bool:
    """Whether `printed` is `shown`, where `…` is any one JSON string's text
    or number."""
    pattern = '[^",]*'.join(re.escape(part) for part in shown.split("…"))
    return re.fullmatch(pattern, printed) is not None


def test_the_route_file_shown_first_is_the_one_in_the_tree() -> None:
    opening, _ = opening_and_walkthrough()
    files = {block.title: block.body for block in opening if block.title}

    assert files
    for title, body in files.items():
        assert body == (EXAMPLE / title).read_text(), title


def test_the_curl_transcript_is_what_the_served_app_answers(
    served: str, empty_tables: Engine
) -> None:
    opening, _ = opening_and_walkthrough()
    (session,) = [block for block in opening if "$ curl" in block.body]
    transcript = steps(session.body)
    script = "".join(
        f"{step.command.replace(SHOWN_BASE, served)}\necho; echo '{STEP_END}'\n"
        for step in transcript
    )

    ran = subprocess.run(
        ["bash", "-e", "-c", script], capture_output=True, text=True, check=True
    )

    printed = ran.stdout.split(f"\n{STEP_END}\n")  # `echo` ends each output
    assert len(printed) == len(transcript) + 1, ran.stdout
    for step, output in zip(transcript, printed, strict=False):
        assert matches(step.shown.removesuffix("\n"), output), (step.command, output)


def test_adding_an_endpoint_goes_as_the_readme_shows(
    environment: dict[str, str], tmp_path: Path
) -> None:
    _, walkthrough = opening_and_walkthrough()
    route, compile_session, change, test, run = walkthrough
    project = tmp_path / "conduit"
    shutil.copytree(EXAMPLE, project, ignore=NOT_COPIED)
    before = (project / "generated" / "router.py").read_text()

    assert route.title is not None and test.title is not None
    (project / route.title).parent.mkdir(parents=True)
    (project / route.title).write_text(route.body)
    (step,) = steps(compile_session.body)
    compiled = subprocess.run(
        [sys.executable, *step.command.split()[1:]],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert compiled.returncode == 0, compiled.stderr
    assert compiled.stdout + compiled.stderr == step.shown

    after = (project / "generated" / "router.py").read_text()
    diff = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        "a/generated/router.py",
        "b/generated/router.py",
    )
    assert "".join(diff) == change.body

    (project / test.title).write_text(test.body)
    tested = subprocess.run(
        [sys.executable, *run.body.split()[1:], "-q", "-p", "no:randomly"],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert "2 passed" in tested.stdout, tested.stdout

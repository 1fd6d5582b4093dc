"""The documentation cannot go stale: every example is a file or a session
that these tests run, and every diagnostic code has its entry.

The site itself is built by `nox -s docs` in strict mode, where a broken
link, a missing anchor or an included file that does not exist fails it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from codegen.diagnostics import Code
from tests.docs import DOCS, PAGES, blocks, run_sessions, sessions
from tests.project import REPOSITORY, Project, clean_environment, copy_template
from tests.test_adopt import checkout

# Where included files come from, each exercised by the tests.
INCLUDABLE = (
    "routes/",  # the example API: tests/test_app.py serves every route
    "generated/",  # tests/test_golden.py: what routes/ compiles to
    "app.py",
    "Dockerfile",  # tests/test_production.py
    "benchmarks/results.md",  # written by `nox -s bench`
    "tests/adopt_corpus/",  # tests/test_adopt.py
    "tests/adopt_refused/",  # tests/test_adopt.py
    "docs_src/",  # this module, and tests/test_adopt.py for docs_src/adopting/
    "examples/conduit/README.md",  # its tests check its route table
)
# Pages whose sessions run elsewhere, in a project of their own.
RUN_ELSEWHERE = {
    DOCS / "production.md": "tests/test_production.py",
    DOCS / "adopting.md": "test_the_adopting_pages_sessions_adopt_the_tutorial_app",
    # The Conduit example's README, run in that example by its own tests.
    DOCS / "conduit.md": "examples/conduit/tests/test_readme_walkthrough.py",
}
README = REPOSITORY / "README.md"
# Read on the forge, which includes nothing: their pasted blocks are checked
# against the files (below, and examples/conduit/tests/test_readme*.py).
FORGE_READ = ("README.md", "examples/conduit/README.md")
# One broken tree per diagnostic code, and what `python -m codegen` prints.
DIAGNOSED = sorted((REPOSITORY / "docs_src" / "diagnostics").iterdir())
OUTPUT = "output.txt"
# An example's command after `python -m codegen`, if not that alone.
ARGUMENTS = "arguments.txt"
WARNINGS = {code.value for code in Code if code.is_warning}
# Codes whose cause a file cannot hold, described in words.
PROSE_ONLY = {"FR003": "a file over 1 MB", "FR308": "a link to a folder"}


def every_block() -> list[tuple[str, str, list[str]]]:
    return [
        (block.where, block.language, block.includes)
        for page in PAGES
        for block in blocks(page)
    ]


def test_every_example_is_an_included_file_or_a_shell_session() -> None:
    pasted = [
        where
        for where, language, includes in every_block()
        if language not in ("console", "sh", "mermaid", "text")
        and not includes
        and not where.startswith(FORGE_READ)
    ]
    untagged = [where for where, language, _ in every_block() if not language]

    assert not pasted, "paste nothing: include the file with --8<--"
    assert not untagged


def test_included_files_are_ones_the_tests_exercise() -> None:
    included = {
        path.split(":", 1)[0] for _, _, includes in every_block() for path in includes
    }
    examples = {
        path.relative_to(REPOSITORY).as_posix()
        for path in (REPOSITORY / "docs_src").rglob("*")
        if path.is_file() and not {"adopting", "diagnostics"} & set(path.parts)
    }

    assert not {path for path in included if not path.startswith(INCLUDABLE)}
    assert examples <= included, "an example no page shows"


def test_an_excerpt_of_the_router_is_one_whole_registration() -> None:
    router = (REPOSITORY / "generated" / "router.py").read_text().splitlines()
    excerpts = [
        path
        for _, _, includes in every_block()
        for path in includes
        if path.count(":") == 2
    ]

    assert excerpts
    for excerpt in excerpts:
        path, first, last = excerpt.split(":")
        lines = router[int(first) - 1 : int(last)]
        assert path == "generated/router.py", excerpt
        assert re.fullmatch(r"# [A-Z,]+ /\S*  \(routes/.+\)", lines[0]), excerpt
        assert lines[1].startswith("def add_") and lines[-1] == "    )", excerpt


def test_the_diagnostics_page_has_one_entry_per_code_each_with_its_output() -> None:
    page = (DOCS / "diagnostics.md").read_text()

    entries = re.findall(r"^### (FR\d{3}).*\{ #(fr\d{3}) \}$", page, re.MULTILINE)
    shown = re.findall(
        r'^### (FR\d{3})(?:(?!^### ).)*?--8<-- "[^"]+/(?:output|expected)\.txt"',
        page,
        re.MULTILINE | re.DOTALL,
    )

    assert [code for code, _ in entries] == [code.value for code in Code]
    assert all(anchor == code.lower() for code, anchor in entries)
    assert set(shown) == {code.value for code in Code} - PROSE_ONLY.keys()


def test_the_routes_tree_diagram_is_the_route_table() -> None:
    """Each file drawn points at its route, drawn in match order."""
    (diagram,) = [
        block.body
        for block in blocks(DOCS / "routes-tree.md")
        if block.language == "mermaid"
    ]
    nodes = dict(re.findall(r'^ +(\w+)\["([^"]+)"\]$', diagram, re.MULTILINE))
    order = list(nodes)
    edges = re.findall(r"^ +(\w+) --> (\w+)$", diagram, re.MULTILINE)
    listed = Project(REPOSITORY).codegen("--list", "--json")
    drawn = sorted(edges, key=lambda edge: order.index(edge[1]))

    assert [(f"routes/{nodes[file]}", nodes[route]) for file, route in drawn] == [
        (route["file"], f"{route['method']} {route['path']}")
        for route in json.loads(listed.stdout)
        if route["file"] in {f"routes/{nodes[file]}" for file, _ in edges}
    ]


def test_the_readmes_python_examples_are_the_files_they_name() -> None:
    """README.md is read on the forge, which includes nothing: each Python
    block names its file on its first line and must be it, or a part of it."""
    python = [block for block in blocks(README) if block.language == "python"]

    assert python
    for block in python:
        title, text = block.body.split("\n", 1)
        named = re.fullmatch(r"# (\S+)( \(excerpt\))?", title)
        assert named, f"{block.where}: name the file on the first line"
        source = (REPOSITORY / named[1]).read_text()
        assert (text in source) if named[2] else (text + "\n" == source), block.where


def pages_with_sessions() -> list[Path]:
    return [
        page
        for page in PAGES
        if page not in RUN_ELSEWHERE and any(True for _ in sessions(page))
    ]


@pytest.mark.parametrize("page", pages_with_sessions(), ids=lambda page: page.name)
def test_a_pages_sessions_print_what_the_page_shows(page: Path, tmp_path: Path) -> None:
    project = copy_template(tmp_path / "project")
    subprocess.run(["git", "init", "-q"], cwd=project.root, check=True)
    # The committed OpenAPI document is the pinned FastAPI's (the drift check
    # holds it to that); another release writes its own, as on an upgrade.
    assert project.codegen("openapi").code == 0

    run_sessions(page, project.root, Path(sys.executable).parent)


def test_the_adopting_pages_sessions_adopt_the_tutorial_app(tmp_path: Path) -> None:
    corpus = REPOSITORY / "tests" / "adopt_corpus" / "bigger_application"
    root = checkout(corpus, tmp_path / "app")

    run_sessions(DOCS / "adopting.md", root, Path(sys.executable).parent)


def test_the_typed_urls_example_runs() -> None:
    result = Project(REPOSITORY).python("-m", "docs_src.typed_urls")

    assert result.code == 0, result.stderr


def test_the_configuration_example_configures_a_project(tmp_path: Path) -> None:
    project = copy_template(tmp_path / "project")
    example = REPOSITORY / "docs_src" / "pyproject.toml"
    configure(project, example.read_text())

    result = project.codegen("--check")

    assert tomllib.loads(example.read_text())["tool"]["codegen"]
    assert result.code == 0, result.stderr


def configure(project: Project, settings: str) -> None:
    """Put `settings` in place of the project's `[tool.codegen]` and
    `[tool.fastapi]` tables."""
    pyproject = project.root / "pyproject.toml"
    tables = r"^\[tool\.(codegen|fastapi)\]\n(.+\n)+"
    text, replaced = re.subn(tables, "", pyproject.read_text(), flags=re.M)
    assert replaced == 2
    pyproject.write_text(f"{text}\n{settings}")


@pytest.mark.parametrize("example", DIAGNOSED, ids=lambda path: path.name)
def test_a_diagnostic_example_prints_what_its_entry_shows(
    example: Path, tmp_path: Path
) -> None:
    project = copy_template(tmp_path / "project")
    printed = diagnose(example, project)
    page = (DOCS / "diagnostics.md").read_text()
    entry = page.split(f"### {example.name}", 1)[1].split("\n### ", 1)[0]

    assert printed.splitlines() == (example / OUTPUT).read_text().splitlines()
    assert f": {example.name} " in printed
    assert f'--8<-- "docs_src/diagnostics/{example.name}/{OUTPUT}"' in entry


def diagnose(example: Path, project: Project) -> str:
    """Add the example's files to the project; what `python -m codegen` (then
    the example's arguments, if it has any) prints.

    An error exits 1; the warning exits 0.
    """
    for path in sorted(example.rglob("*")):
        relative = path.relative_to(example)
        if path.is_dir() or path.name in (OUTPUT, ARGUMENTS):
            continue
        if path.name == "pyproject.toml":
            configure(project, path.read_text())
        else:
            (project.root / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, project.root / relative)
    commands: list[list[str]] = [[]]
    if (example / ARGUMENTS).exists():
        commands.append((example / ARGUMENTS).read_text().split())
    for arguments in commands:
        result = subprocess.run(
            [sys.executable, "-m", "codegen", *arguments],
            cwd=project.root,
            env=clean_environment(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            check=False,
        )
    assert result.returncode == (0 if example.name in WARNINGS else 1), result.stdout
    return result.stdout


def test_the_pre_commit_example_uses_the_shipped_hooks() -> None:
    example = REPOSITORY / "docs_src" / "pre-commit-config.yaml"
    shipped = yaml.safe_load((REPOSITORY / ".pre-commit-hooks.yaml").read_text())
    (repository,) = yaml.safe_load(example.read_text())["repos"]

    validated = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", str(example)],
        capture_output=True,
        text=True,
        check=False,
    )

    assert validated.returncode == 0, validated.stdout
    assert {hook["id"] for hook in repository["hooks"]} <= {
        hook["id"] for hook in shipped
    }

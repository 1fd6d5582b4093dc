"""The template's promises about itself: the README's two commands are the
ones CI runs, and production installs the same pins as development.
"""

from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from tests.project import REPOSITORY


def readme_setup_commands() -> list[str]:
    readme = (REPOSITORY / "README.md").read_text()
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+)\n```", quick_start)


def test_the_readme_has_exactly_two_setup_commands() -> None:
    serve, test = readme_setup_commands()

    assert serve.endswith("nox -s serve")
    assert test.endswith("-m nox")


def test_ci_and_the_github_workflow_run_the_readme_test_command() -> None:
    _, test = readme_setup_commands()
    ci = (REPOSITORY / ".ci" / "run").read_text().strip().splitlines()
    workflow = (REPOSITORY / ".github" / "workflows" / "ci.yml").read_text()

    assert test in ci
    assert f"run: {test}\n" in workflow


def test_ci_fails_when_the_tests_leave_the_working_tree_changed() -> None:
    ci = (REPOSITORY / ".ci" / "run").read_text()

    assert ci.index("git status --porcelain") > ci.index("-m nox")
    assert "exit 1" in ci.split("git status --porcelain", 1)[1]


def test_production_installs_the_same_pins_as_development() -> None:
    pyproject = tomllib.loads((REPOSITORY / "pyproject.toml").read_text())

    app = set(pyproject["dependency-groups"]["app"])

    assert app <= set(pyproject["dependency-groups"]["pins"])


def test_the_pins_and_the_oldest_versions_lie_in_the_declared_ranges() -> None:
    pyproject = tomllib.loads((REPOSITORY / "pyproject.toml").read_text())
    conduit = tomllib.loads(
        (REPOSITORY / "examples" / "conduit" / "pyproject.toml").read_text()
    )
    ranges = requirements(pyproject["project"]["dependencies"])
    pins = requirements(pyproject["dependency-groups"]["pins"])
    oldest = requirements(pyproject["dependency-groups"]["oldest"])
    conduit_pins = requirements(conduit["project"]["dependencies"])

    assert pins.keys() == oldest.keys() == ranges.keys()
    for name, allowed in ranges.items():
        lower_bound = next(s.version for s in allowed if s.operator == ">=")
        assert allowed.contains(pinned(pins[name])), name
        assert pinned(oldest[name]) == Version(lower_bound), name
        if name in conduit_pins:
            assert allowed.contains(pinned(conduit_pins[name])), name


def requirements(lines: list[str]) -> dict[str, SpecifierSet]:
    parsed = map(Requirement, lines)
    return {requirement.name: requirement.specifier for requirement in parsed}


def pinned(specifier: SpecifierSet) -> Version:
    (only,) = specifier
    assert only.operator == "==", specifier
    return Version(only.version)


def test_the_image_serves_the_committed_router_without_generating() -> None:
    dockerfile = (REPOSITORY / "Dockerfile").read_text()
    instructions = [
        line for line in dockerfile.splitlines() if not line.startswith("#")
    ]

    assert not any("codegen" in line for line in instructions)
    assert "COPY generated/ generated/" in instructions
    assert "--group app" in dockerfile

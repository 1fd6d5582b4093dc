"""Every developer and CI task. A bare `nox` runs what CI runs."""

from __future__ import annotations

import os

import nox

nox.options.sessions = ["tests", "lint", "typecheck", "drift"]
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = True

PYPROJECT = nox.project.load_toml("pyproject.toml")
TYPED_SOURCES = ["codegen", "generated", "app.py", "noxfile.py", "tests", "benchmarks"]


def install(session: nox.Session, *groups: str) -> None:
    """The project's requirements (app and generator), plus dependency groups."""
    requirements = list(PYPROJECT["project"]["dependencies"])
    for group in groups:
        requirements.extend(nox.project.dependency_groups(PYPROJECT, group))
    session.install(*requirements)


@nox.session
def tests(session: nox.Session) -> None:
    """The test suite: generator stages, CLI, and the served app."""
    install(session, "test")
    session.run("pytest", *session.posargs)


@nox.session
def fuzz(session: nox.Session) -> None:
    """The generator fuzzer at length: 20,000 random trees (1,000 in `tests`)."""
    install(session, "test")
    examples = os.environ.get("CODEGEN_FUZZ_EXAMPLES", "20000")
    session.run(
        "pytest",
        "tests/test_fuzz.py",
        *session.posargs,
        env={"CODEGEN_FUZZ_EXAMPLES": examples},
    )


@nox.session
def lint(session: nox.Session) -> None:
    """ruff's lint rules and formatting, generated file included."""
    install(session, "lint")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict on the importable code; pyright on routes/ too.

    Route folders like `$user_id` are not importable names, which mypy needs;
    pyright checks files by path, so it covers the routes tree.
    """
    install(session, "typecheck")
    session.run("mypy", "--strict", *TYPED_SOURCES)
    session.run("pyright", "routes", "generated", "app.py")


@nox.session
def drift(session: nox.Session) -> None:
    """Fail when generated/router.py is not what routes/ compiles to."""
    install(session)
    session.run("python", "-m", "codegen", "--check")


@nox.session
def serve(session: nox.Session) -> None:
    """Regenerate the router, then serve the example API on 127.0.0.1:8000."""
    install(session)
    session.run("python", "-m", "codegen")
    session.run("uvicorn", "app:app", "--host", "127.0.0.1", "--port", "8000")


@nox.session
def dev(session: nox.Session) -> None:
    """Serve on 127.0.0.1:8000, regenerating and restarting on every save."""
    install(session)
    session.run("python", "-m", "codegen", "dev", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """The benchmark table: printed, and written to benchmarks/results.md."""
    install(session, "test")  # httpx, the client for the served app
    session.run("python", "-m", "benchmarks.run")

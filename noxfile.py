"""Every developer and CI task.

A bare `nox` runs the README's test command; `.ci/run` adds the depth tests
at full size, the Conduit example on PostgreSQL and the generator at both
ends of its dependency ranges. Virtual environments are made and filled by
uv (installed with `nox[uv]`), or by virtualenv and pip where uv is absent.
"""

from __future__ import annotations

import os
from typing import Any

import nox

nox.options.sessions = [
    "tests",
    "conduit_tests(routes='on-demand', database='sqlite')",
    "lint",
    "typecheck",
    "drift",
    "docs",
]
nox.options.reuse_existing_virtualenvs = True
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.error_on_missing_interpreters = True

PYPROJECT = nox.project.load_toml("pyproject.toml")
TYPED_SOURCES = [
    "codegen",
    "generated",
    "app.py",
    "noxfile.py",
    "tests",
    "benchmarks",
    "docs_src/typed_urls.py",
]
FLAT_MEMORY_TEST = (
    "tests/test_hostile_clients.py::"
    "test_a_load_of_requests_and_websocket_sessions_has_no_errors_and_flat_memory"
)
# The tests that serve the example app, which `eager` runs in eager mode.
SERVED_APP_TESTS = [
    "tests/test_app.py",
    "tests/test_server.py",
    "tests/test_hostile_clients.py",
    "tests/test_production.py",
    "tests/test_urls.py",
    "tests/test_on_demand.py",
]
# pytest-xdist: the tests spread over every core.
PARALLEL = ["--numprocesses", "auto"]
# The `depth` tests sample in `tests`; these are their sizes in `nox -s depth`,
# which CI runs, and at length in `nox -s fuzz`.
DEPTH = {
    "CODEGEN_FUZZ_EXAMPLES": "1000",
    "CODEGEN_INCREMENTAL_EXAMPLES": "60",
    "CODEGEN_CRASH_TRIALS": "100",
    "CODEGEN_ADOPT_APPS": "all",
    "CODEGEN_SWAP_EXAMPLES": "40",
}
AT_LENGTH = {
    **DEPTH,
    "CODEGEN_FUZZ_EXAMPLES": "20000",
    "CODEGEN_INCREMENTAL_EXAMPLES": "1000",
    "CODEGEN_SWAP_EXAMPLES": "1000",
}
CONDUIT = "examples/conduit"
# Breaking changes to a project's API agreed on, one line of `openapi
# --breaking` each, reviewed with the change that makes them.
ACCEPTED_BREAKING_CHANGES = "accepted-breaking-changes.txt"
# Importing an app in eager mode builds each of its routes once: the drift
# check fails on a route that would fail only when first requested.
BUILD_EVERY_ROUTE = {"ROUTES_EAGER": "1"}
# Conduit signs tokens with a development key only when told so by name.
DEVELOPMENT_MODE = {"CONDUIT_DEVELOPMENT": "1"}
CONDUIT_PYPROJECT = nox.project.load_toml(f"{CONDUIT}/pyproject.toml")
CONDUIT_TYPED_SOURCES = [
    "conduit",
    "generated",
    "app.py",
    "../../benchmarks/conduit_stock/stock_app.py",
    "migrations",
    "tests",
]


def install(session: nox.Session, *groups: str) -> None:
    """The template's pinned requirements (app and generator), plus groups."""
    session.install(*requirements(PYPROJECT, "pins", *groups))


def install_conduit(session: nox.Session, *groups: str) -> None:
    """The example's pinned requirements, and the generator as a package.

    The generator comes from the repository root as any project installs it
    from its index: `pip install .` builds the `codegen` package alone.
    """
    session.install(".", *requirements(CONDUIT_PYPROJECT, *groups))


def requirements(pyproject: dict[str, Any], *groups: str) -> list[str]:
    """A project's own dependencies (unless `pins` replace them), and groups."""
    found = [] if "pins" in groups else list(pyproject["project"]["dependencies"])
    for group in groups:
        found.extend(nox.project.dependency_groups(pyproject, group))
    return found


@nox.session
def tests(session: nox.Session) -> None:
    """The test suite: generator stages, CLI, and the served app."""
    install(session, "test")
    session.run("pytest", *PARALLEL, *session.posargs)


@nox.session
def eager(session: nox.Session) -> None:
    """The tests of the served example app with every route built at start-up
    (`ROUTES_EAGER=1`): `tests` serves it with routes built on demand."""
    install(session, "test")
    environment = {"ROUTES_EAGER": "1"}
    session.run(
        "pytest", *PARALLEL, *SERVED_APP_TESTS, *session.posargs, env=environment
    )


@nox.session
def depth(session: nox.Session) -> None:
    """The `depth` tests at the sizes CI runs: 1,000 random trees, 60 random
    edit sequences regenerated incrementally, 100 SIGKILL trials, every app
    of the adopt corpus, and 40 random save sequences swapped into a dev
    server."""
    run_depth(session, DEPTH, timeout=1800)


@nox.session
def fuzz(session: nox.Session) -> None:
    """The `depth` tests at length: 20,000 random trees, 1,000 edit sequences,
    1,000 swapped save sequences (hours, so no test timeout)."""
    run_depth(session, AT_LENGTH, timeout=0)


def run_depth(session: nox.Session, sizes: dict[str, str], timeout: int) -> None:
    """Each size may be set from the environment (`CODEGEN_FUZZ_EXAMPLES=...`)."""
    install(session, "test")
    environment = {name: os.environ.get(name, size) for name, size in sizes.items()}
    options = ["-m", "depth", "--timeout", str(timeout)]
    session.run("pytest", *PARALLEL, *options, *session.posargs, env=environment)


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
    session.install(*requirements(CONDUIT_PYPROJECT, "test", "typecheck"))
    session.chdir(CONDUIT)
    session.run("mypy", "--strict", *CONDUIT_TYPED_SOURCES)
    session.run("pyright", "routes", "generated", "app.py")


@nox.session
def drift(session: nox.Session) -> None:
    """Fail when a generated router is not what its routes/ compiles to, or a
    committed OpenAPI document not what its app serves."""
    install(session)
    session.run("python", "-m", "codegen", "--check")
    session.run("python", "-m", "codegen", "openapi", "--check")
    session.run("python", "-c", "import app", env=BUILD_EVERY_ROUTE)
    install_conduit(session)
    session.chdir(CONDUIT)
    session.run("python", "-m", "codegen", "--check")
    session.run("python", "-m", "codegen", "openapi", "--check", env=DEVELOPMENT_MODE)
    session.run(
        "python", "-c", "import app", env={**BUILD_EVERY_ROUTE, **DEVELOPMENT_MODE}
    )


@nox.session
def api_changes(session: nox.Session) -> None:
    """What changed in each committed OpenAPI document since a git revision
    (`-- BASE`, default origin/main); fails on a breaking change that the
    project's accepted-breaking-changes.txt does not accept."""
    session.install(".")  # compares documents: imports no app
    base = session.posargs[0] if session.posargs else "origin/main"
    for project in (".", CONDUIT):
        with session.chdir(project):
            session.run(
                *("python", "-m", "codegen", "openapi", "--breaking", base),
                *("--accept", ACCEPTED_BREAKING_CHANGES),
            )


@nox.session
def docs(session: nox.Session) -> None:
    """Build the docs strict into site/; `-- serve` serves them, rebuilding."""
    install(session, "docs")
    quiet = {"NO_MKDOCS_2_WARNING": "1"}  # Material's notice about MkDocs 2
    if session.posargs == ["serve"]:
        session.run("mkdocs", "serve", "--strict", env=quiet)
    else:
        session.run("mkdocs", "build", "--strict", *session.posargs, env=quiet)


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
def conduit(session: nox.Session) -> None:
    """Serve the Conduit example on 127.0.0.1:8000 (`-- --port N` for another).

    Its database is `DATABASE_URL`, by default the SQLite file
    examples/conduit/conduit.db, created and migrated on the first start.
    """
    install_conduit(session)
    session.chdir(CONDUIT)
    session.run("python", "-m", "codegen")
    session.log(
        "development mode (CONDUIT_DEVELOPMENT=1): tokens are signed with a key "
        "anyone can read; production sets CONDUIT_SECRET_KEY instead"
    )
    session.run(
        "uvicorn",
        "app:app",
        "--host",
        "127.0.0.1",
        "--port",
        "8000",
        *session.posargs,
        env=DEVELOPMENT_MODE,
    )


@nox.session
@nox.parametrize("database", ["sqlite", "postgresql"])
@nox.parametrize("routes", ["on-demand", "eager"])
def conduit_tests(session: nox.Session, database: str, routes: str) -> None:
    """The Conduit example's tests, on SQLite or on a throwaway PostgreSQL,
    its routes built on demand or all at start-up."""
    install_conduit(session, "test")
    session.chdir(CONDUIT)
    session.run("python", "-m", "codegen", "--check")
    environment = {"ROUTES_EAGER": "1" if routes == "eager" else "0"}
    session.run("pytest", "--database", database, *session.posargs, env=environment)


@nox.session
@nox.parametrize("end", ["oldest", "newest"])
def dependency_range(session: nox.Session, end: str) -> None:
    """The generator's tests at each end of its declared dependency ranges.

    `oldest` installs each range's lower bound (the `oldest` group), `newest`
    the newest release each range admits. Warnings are not errors here: old
    FastAPI releases warn under today's Starlette and anyio.
    """
    ranges = PYPROJECT["project"]["dependencies"]
    test = nox.project.dependency_groups(PYPROJECT, "test")
    options = ["-W", "default"]
    if end == "oldest":
        session.install(*test, *nox.project.dependency_groups(PYPROJECT, "oldest"))
        # Under load, the oldest uvicorn, Starlette and FastAPI grow by about
        # 6 MB a round, with or without the route index (measured): the
        # flat-memory guarantee is made for the pinned versions.
        options += ["--deselect", FLAT_MEMORY_TEST]
    else:
        session.install("--upgrade", *test, *ranges)
    session.run(*(["uv"] if session.venv_backend == "uv" else []), "pip", "freeze")
    session.run("pytest", *PARALLEL, *options, *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """The benchmark table: printed, and written to benchmarks/results.md."""
    install(session, "test", "bench")  # httpx, and the other lazy router
    session.install(*requirements(CONDUIT_PYPROJECT))  # the example under load
    session.run("python", "-m", "benchmarks.run")

"""Where the routes tree and the generated router live.

Read from `[tool.codegen]` in the project's pyproject.toml; command-line
flags override it. The app to serve is FastAPI's own setting,
`[tool.fastapi] entrypoint` (what `fastapi dev` and `fastapi run` serve),
unless `[tool.codegen] app` names another.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from codegen.diagnostics import START, Code, Diagnostic
from codegen.runtime import MODULES

PYPROJECT = "pyproject.toml"
DEFAULTS = {
    "routes": "routes",
    "output": "generated/router.py",
    "urls": "generated/urls.py",
    "app": "app:app",
    "operation_ids": "names",
    "openapi": "generated/openapi.json",  # "" turns the committed document off
    "openapi_app": "",  # the app whose document it is; "" for the app served
}


class OperationIds(Enum):
    """Where each route's OpenAPI operationId comes from.

    `names`: its name (`users_user_id_get`), readable in generated clients.
    `fastapi`: FastAPI's default (`read_user_users__user_id__get`), as an app
    written with `@app.get` has it; adopted apps keep theirs this way.
    Either way an app's own `generate_unique_id_function` wins.
    """

    NAMES = "names"
    FASTAPI = "fastapi"


@dataclass(frozen=True)
class Config:
    """Absolute locations, with the root that diagnostics are relative to."""

    root: Path
    routes: Path
    output: Path  # the generated router
    urls: Path  # the generated typed URL builders
    app: str  # what `python -m codegen dev` serves, as uvicorn names it
    operation_ids: OperationIds = OperationIds.NAMES
    openapi: Path | None = None  # the committed OpenAPI document, if kept
    openapi_app: str = ""  # the app that document describes, if not `app`

    @property
    def runtime_modules(self) -> dict[str, Path]:
        """The generated runtime modules (`codegen.runtime`), beside the router."""
        return {name: self.output.parent / f"{name}.py" for name in MODULES}

    @property
    def generated_files(self) -> tuple[Path, ...]:
        return (self.output, self.urls, *self.runtime_modules.values())

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()


class ConfigError(Exception):
    """The configuration is unusable; the diagnostic says why."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def load_config(
    root: Path, routes: str | None = None, output: str | None = None
) -> Config:
    """Combine the defaults, `[tool.codegen]` (the app: `configured_app`) and
    the flags, in that order."""
    tools = read_tools(root)
    settings = {**DEFAULTS, **codegen_table(tools)}
    settings["app"] = configured_app(tools) or DEFAULTS["app"]
    if routes is not None:
        settings["routes"] = routes
    if output is not None:
        settings["output"] = output
    root = root.resolve()
    return Config(
        root=root,
        routes=_inside(root, settings["routes"], "routes"),
        output=_inside(root, settings["output"], "output"),
        urls=_inside(root, settings["urls"], "urls"),
        app=settings["app"],
        operation_ids=_choice(OperationIds, "operation_ids", settings["operation_ids"]),
        openapi=_inside(root, settings["openapi"], "openapi")
        if settings["openapi"]
        else None,
        openapi_app=settings["openapi_app"] or settings["app"],
    )


ChoiceType = TypeVar("ChoiceType", bound=Enum)


def _choice(kind: type[ChoiceType], key: str, value: str) -> ChoiceType:
    try:
        return kind(value)
    except ValueError:
        choices = " or ".join(repr(choice.value) for choice in kind)
        raise _error(f"[tool.codegen] {key} must be {choices}, not {value!r}") from None


def read_tools(root: Path) -> dict[str, Any]:
    """pyproject.toml's `[tool]` table (empty if there is none)."""
    path = root / PYPROJECT
    if not path.is_file():
        return {}
    try:
        pyproject = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise _error(f"cannot read {PYPROJECT}: {error}") from error
    tools: dict[str, Any] = pyproject.get("tool", {})
    return tools


def read_table(root: Path) -> dict[str, str]:
    """`[tool.codegen]` as written in pyproject.toml (empty if there is none)."""
    return codegen_table(read_tools(root))


def codegen_table(tools: dict[str, Any]) -> dict[str, str]:
    settings: dict[str, object] = tools.get("codegen", {})
    checked = {}
    for key, value in settings.items():
        if key not in DEFAULTS:
            close = difflib.get_close_matches(key, DEFAULTS, n=1)
            raise _error(
                f"unknown key {key!r} in [tool.codegen]",
                hint=f"did you mean {close[0]!r}?"
                if close
                else "known keys: " + ", ".join(DEFAULTS),
            )
        if not isinstance(value, str):
            raise _error(f"[tool.codegen] {key} must be a string")
        checked[key] = value
    return checked


def configured_app(tools: dict[str, Any]) -> str | None:
    """The app `dev` serves and `adopt` moves unless told otherwise:
    `[tool.codegen] app`, else `[tool.fastapi] entrypoint`."""
    return codegen_table(tools).get("app") or fastapi_entrypoint(tools)


def fastapi_entrypoint(tools: dict[str, Any]) -> str | None:
    """`[tool.fastapi] entrypoint` (`module:attribute`): the app as FastAPI's
    own command line (`fastapi dev`, `fastapi run`) finds it."""
    table = tools.get("fastapi", {})
    if not isinstance(table, dict):
        raise _error("[tool.fastapi] must be a table")
    entrypoint = table.get("entrypoint")
    if entrypoint is not None and not isinstance(entrypoint, str):
        raise _error("[tool.fastapi] entrypoint must be a string")
    return entrypoint


def _inside(root: Path, setting: str, key: str) -> Path:
    path = (root / setting).resolve()
    if not path.is_relative_to(root):
        raise _error(
            f"{key} {setting!r} is outside the project",
            hint="route modules are imported by their path from the project root",
        )
    return path


def _error(message: str, hint: str | None = None) -> ConfigError:
    return ConfigError(Diagnostic(PYPROJECT, START, Code.CONFIG_INVALID, message, hint))

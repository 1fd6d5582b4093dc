"""Where an adopted app's routes tree and generated files live, and the
`[tool.codegen]` table that tells the generator so."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path

from codegen.config import (
    Config,
    OperationIds,
    fastapi_entrypoint,
    load_config,
    read_table,
)

TABLE = re.compile(r"^\[tool\.codegen\]\s*$", re.MULTILINE)


def adopted_config(
    root: Path, target: str, routes: str | None, output: str | None
) -> Config:
    """The project's configuration for the adopted app.

    An app in a package (`app.main:app`) gets its tree and generated files
    inside that package (`app/routes`, `app/generated`), so that an image
    that copies only the package has them; `[tool.codegen]` and the flags
    win. Adopted routes keep FastAPI's default operationIds, unless the
    project has chosen otherwise.
    """
    table = read_table(root)
    package = target.partition(":")[0].rpartition(".")[0].replace(".", "/")
    base = f"{package}/" if package else ""
    chosen_routes = routes or table.get("routes") or free_folder(root, base)
    chosen_output = output or table.get("output") or f"{base}generated/router.py"
    config = load_config(root, chosen_routes, chosen_output)
    urls = table.get("urls") or str(Path(chosen_output).parent / "urls.py")
    return dataclasses.replace(
        config,
        urls=(config.root / urls).resolve(),
        app=table.get("app") or target,
        # A project that already chose keeps its choice (and the proof says
        # whether the adopted routes' operationIds survive it).
        operation_ids=OperationIds(table.get("operation_ids", "fastapi")),
    )


# The routes folder's name, unless the app's own code has a folder of that
# name (a package of routers called `routes` is common): the first free one.
ROUTES_FOLDERS = ("routes", "endpoints", "route_files")


def free_folder(root: Path, base: str) -> str:
    """The first of `ROUTES_FOLDERS` (in `base`) that is neither a folder nor
    a module yet, unless the generator already reads the first (its router
    is there)."""
    folders = [f"{base}{name}" for name in ROUTES_FOLDERS]
    if (root / f"{base}generated" / "router.py").exists():
        return folders[0]
    return next(
        (
            each
            for each in folders
            if not (root / each).exists() and not (root / f"{each}.py").exists()
        ),
        folders[-1],
    )


def settings_text(config: Config, current: str) -> str:
    """pyproject.toml's text with `[tool.codegen]` saying where things are.

    Keys the table already has are left as they are; missing ones are added
    under its header (or in a new table at the end).
    """
    tools = tomllib.loads(current).get("tool", {})
    wanted = {
        "routes": config.relative(config.routes),
        "output": config.relative(config.output),
        "urls": config.relative(config.urls),
        "app": config.app,
        "operation_ids": config.operation_ids.value,
    }
    if fastapi_entrypoint(tools) == config.app:
        del wanted["app"]  # said once, where FastAPI's own command line reads it
    existing = set(tools.get("codegen", {}))
    lines = "".join(
        f'{key} = "{value}"\n' for key, value in wanted.items() if key not in existing
    )
    if not lines:
        return current
    header = TABLE.search(current)
    if header is None:
        separator = (
            ""
            if not current or current.endswith("\n\n")
            else ("\n" if current.endswith("\n") else "\n\n")
        )
        return f"{current}{separator}[tool.codegen]\n{lines}"
    return current[: header.end() + 1] + lines + current[header.end() + 1 :]

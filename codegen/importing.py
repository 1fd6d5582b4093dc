"""Running the project's own code, which generating never does: `adopt` and
`openapi` import the app, each in a subprocess of its own."""

from __future__ import annotations

import os
from pathlib import Path


def importing_environment(root: Path, **variables: str) -> dict[str, str]:
    """This environment, with the project's root first on the import path and
    a fixed hash seed (FastAPI names some operations by set order)."""
    path = os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path, "PYTHONHASHSEED": "0", **variables}

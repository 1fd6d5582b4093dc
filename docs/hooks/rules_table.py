"""MkDocs hook: the API contract page shows the rules table that
`openapi --breaking` classifies by (codegen/openapi/rules.py), not a copy."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from codegen.openapi.rules import markdown_table

MARKER = "<!-- the rules of openapi --breaking -->"


def on_page_markdown(markdown: str, **_: Any) -> str:
    return markdown.replace(MARKER, markdown_table())

"""Folder settings: every route under /admin needs the demo bearer token.

The generator reads `dependencies`, `tags` and `responses` here without
running this file, and gives them to every route below this folder.
"""

from fastapi import Depends

from routes._auth import require_token

dependencies = [Depends(require_token)]
tags = ["admin"]
responses = {401: {"description": "Missing or wrong bearer token"}}

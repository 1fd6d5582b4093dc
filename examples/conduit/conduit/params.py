"""Query parameters shared by the article lists.

The spec bounds `limit` and `offset` below only; the upper bounds keep them
within what every database accepts (a larger value is a 422, not a 500).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

MAX_LIMIT = 100
MAX_OFFSET = 2**31 - 1

Limit = Annotated[
    int, Query(ge=1, le=MAX_LIMIT, description="The numbers of items to return.")
]
Offset = Annotated[
    int,
    Query(
        ge=0,
        le=MAX_OFFSET,
        description="The number of items to skip before starting to collect the"
        " result set.",
    ),
]

# The spec's comment ids are integers; ids are 32-bit on every database here.
CommentId = Annotated[int, Path(ge=-(2**31), le=2**31 - 1)]

"""URL slugs from titles: `How to train your dragon` -> `how-to-train-your-dragon`."""

from __future__ import annotations

import re
import secrets
import unicodedata

from sqlalchemy import select
from sqlalchemy.orm import Session

from conduit.models import Article


def slugify(title: str) -> str:
    ascii_title = (
        unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    )
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    return "-".join(words)[:80].strip("-") or "article"


def unique_slug(session: Session, title: str) -> str:
    """The title's slug, or the slug with a random suffix when it is taken.

    Two requests racing for one slug are settled by the unique constraint:
    the loser's insert fails and its request is answered 422.
    """
    slug = slugify(title)
    while session.scalar(select(Article.id).where(Article.slug == slug)) is not None:
        slug = f"{slugify(title)}-{secrets.token_hex(3)}"
    return slug

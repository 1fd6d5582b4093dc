"""Articles: finding, filtering, tagging, favoriting, and presenting them.

Presenting a page of articles takes a fixed number of queries however long
the page is: tags, favorite counts, the viewer's favorites and follows are
each read for the whole page at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    Select,
    delete,
    func,
    intersect,
    literal_column,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from conduit import profiles, schemas
from conduit.db import insert_once
from conduit.errors import not_found
from conduit.models import Article, Tag, User, article_tags, favorites, follows

SLUG_TAKEN = "an article with this title was published at the same moment; try again"


@dataclass(frozen=True)
class Filters:
    """`GET /articles` query parameters; each one given narrows the list."""

    tag: str | None = None
    author: str | None = None
    favorited: str | None = None


def find_article(session: Session, slug: str, *, to_change: bool = False) -> Article:
    """The article, or a 404. `to_change` locks its row for the rest of the
    transaction, so that one deleted meanwhile is a 404, not a failed write.
    """
    query = select(Article).where(Article.slug == slug)
    if to_change:
        query = query.with_for_update(of=Article)
    article = session.scalar(query)
    if article is None:
        raise not_found("article")
    return article


@dataclass(frozen=True)
class IdSet:
    """The ids of the articles one filter lets through.

    `broad` marks a filter that usually keeps a large share of all articles
    (a tag); the others (an author, a user's favorites, a feed) keep few.
    """

    ids: Select[int]
    broad: bool = False

    def keeps(self) -> ColumnElement[bool]:
        """The condition for the page query.

        For a broad filter, SQLite is best off walking the newest-first
        index and keeping the ids that match, which it does when the id is
        written `id + 0`; given the bare id, it looks up every matching
        article's row and sorts them all. For a narrow filter that lookup
        is the cheap way. (On PostgreSQL `+ 0` only rules out finding each
        id by its key, which it would not choose for a large share.)
        """
        column = Article.id + literal_column("0") if self.broad else Article.id
        return column.in_(self.ids)


def matching(filters: Filters) -> list[IdSet]:
    """What each given filter lets through: a list shows the articles that
    all of them do."""
    sets: list[IdSet] = []
    if filters.tag is not None:
        tagged = select(article_tags.c.article_id).join(Tag)
        sets.append(IdSet(tagged.where(Tag.name == filters.tag), broad=True))
    if filters.author is not None:
        written = select(Article.id).join(User, User.id == Article.author_id)
        sets.append(IdSet(written.where(User.username == filters.author)))
    if filters.favorited is not None:
        liked = select(favorites.c.article_id).join(
            User, User.id == favorites.c.user_id
        )
        sets.append(IdSet(liked.where(User.username == filters.favorited)))
    return sets


def by_followed_authors(reader: User) -> list[IdSet]:
    followed = select(follows.c.followed_id).where(follows.c.follower_id == reader.id)
    return [IdSet(select(Article.id).where(Article.author_id.in_(followed)))]


def page(
    session: Session, sets: list[IdSet], limit: int, offset: int
) -> tuple[Sequence[Article], int]:
    """The newest `limit` articles after `offset` that every one of `sets`
    keeps, and how many there are in all.

    The count counts ids, from the filters' indexes, without reading the
    articles' rows; only the page's rows are read.
    """
    if not sets:
        total = session.scalar(select(func.count()).select_from(Article))
    else:
        ids = sets[0].ids if len(sets) == 1 else intersect(*(s.ids for s in sets))
        total = session.scalar(select(func.count()).select_from(ids.subquery()))
    newest_first = (
        select(Article)
        .where(*(kept.keeps() for kept in sets))
        .order_by(Article.created_at.desc(), Article.id.desc())
    )
    found = session.scalars(newest_first.limit(limit).offset(offset)).all()
    return found, total or 0


def set_tags(session: Session, article: Article, names: Sequence[str]) -> None:
    """Tag the article with `names`, each once, in alphabetical order (as
    RealWorld's API tests read them back); create new tags."""
    unique_names = sorted(set(names))
    if not unique_names:
        return
    known = dict(
        session.execute(
            select(Tag.name, Tag.id).where(Tag.name.in_(unique_names))
        ).all()
    )
    for name in unique_names:
        if name not in known:
            known[name] = create_tag(session, name)
    session.execute(
        article_tags.insert(),
        [
            {"article_id": article.id, "tag_id": known[name], "position": position}
            for position, name in enumerate(unique_names)
        ],
    )


def create_tag(session: Session, name: str) -> int:
    """The new tag's id, or the id of the one a concurrent request just made."""
    try:
        with session.begin_nested():
            tag = Tag(name=name)
            session.add(tag)
        return tag.id
    except IntegrityError:
        return session.execute(select(Tag.id).where(Tag.name == name)).scalar_one()


def favorite(session: Session, user: User, article: Article) -> None:
    insert_once(session, favorites, {"user_id": user.id, "article_id": article.id})


def unfavorite(session: Session, user: User, article: Article) -> None:
    session.execute(
        delete(favorites).where(
            favorites.c.user_id == user.id, favorites.c.article_id == article.id
        )
    )


def present(
    session: Session, articles: Sequence[Article], viewer: User | None
) -> list[schemas.Article]:
    ids = [article.id for article in articles]
    tags = tag_names(session, ids)
    counts = favorite_counts(session, ids)
    liked = favorited_among(session, viewer, ids)
    followed = profiles.followed_among(
        session, viewer, {article.author_id for article in articles}
    )
    return [
        schemas.Article(
            slug=article.slug,
            title=article.title,
            description=article.description,
            body=article.body,
            tag_list=tags[article.id],
            created_at=article.created_at,
            updated_at=article.updated_at,
            favorited=article.id in liked,
            favorites_count=counts.get(article.id, 0),
            author=profiles.present(article.author, article.author_id in followed),
        )
        for article in articles
    ]


def present_one(
    session: Session, article: Article, viewer: User | None
) -> schemas.SingleArticleResponse:
    return schemas.SingleArticleResponse(article=present(session, [article], viewer)[0])


def tag_names(session: Session, article_ids: list[int]) -> defaultdict[int, list[str]]:
    names: defaultdict[int, list[str]] = defaultdict(list)
    rows = session.execute(
        select(article_tags.c.article_id, Tag.name)
        .join(Tag)
        .where(article_tags.c.article_id.in_(article_ids))
        .order_by(article_tags.c.article_id, article_tags.c.position)
    )
    for article_id, name in rows:
        names[article_id].append(name)
    return names


def favorite_counts(session: Session, article_ids: list[int]) -> dict[int, int]:
    rows = session.execute(
        select(favorites.c.article_id, func.count())
        .where(favorites.c.article_id.in_(article_ids))
        .group_by(favorites.c.article_id)
    )
    return dict(rows.all())


def favorited_among(
    session: Session, viewer: User | None, article_ids: list[int]
) -> set[int]:
    if viewer is None:
        return set()
    rows = session.scalars(
        select(favorites.c.article_id).where(
            favorites.c.user_id == viewer.id, favorites.c.article_id.in_(article_ids)
        )
    )
    return set(rows)


def used_tags(session: Session) -> list[str]:
    """Tags on at least one article, the most used first."""
    rows = session.scalars(
        select(Tag.name)
        .join(article_tags)
        .group_by(Tag.id, Tag.name)
        .order_by(func.count().desc(), Tag.name)
    )
    return list(rows)

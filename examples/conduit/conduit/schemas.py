"""Request and response bodies, spelled as the RealWorld spec spells them.

Fields are snake_case in Python and camelCase on the wire (`tagList`,
`favoritesCount`), through one alias generator.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Annotated, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic.alias_generators import to_camel


def without_nul(text: str) -> str:
    """Databases store text without NUL characters; PostgreSQL refuses them."""
    if "\x00" in text:
        raise ValueError("must not contain NUL characters")
    return text


def as_utc(moment: datetime) -> datetime:
    """The moment in UTC: SQLite hands back naive datetimes (every stored one
    is UTC), PostgreSQL aware ones in the server's time zone."""
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def bounded(shortest: int, longest: int) -> StringConstraints:
    return StringConstraints(min_length=shortest, max_length=longest)


# Every string a request carries has a bound (README, "Validation"): past
# it, a 422 in the spec's error format, before anything is stored.
Text = Annotated[str, bounded(0, 2_048), AfterValidator(without_nul)]  # paths, queries
Username = Annotated[str, bounded(1, 64), AfterValidator(without_nul)]
Password = Annotated[str, bounded(1, 256), AfterValidator(without_nul)]
Bio = Annotated[str, bounded(0, 10_000), AfterValidator(without_nul)]
Image = Annotated[str, bounded(0, 2_048), AfterValidator(without_nul)]
Title = Annotated[str, bounded(1, 256), AfterValidator(without_nul)]
Description = Annotated[str, bounded(1, 1_024), AfterValidator(without_nul)]
Body = Annotated[str, bounded(1, 100_000), AfterValidator(without_nul)]
Tag = Annotated[str, bounded(1, 64), AfterValidator(without_nul)]
MOST_TAGS = 20
# One account per address however it is capitalised: emails are kept and
# compared in lower case.
Email = Annotated[
    str,
    StringConstraints(
        min_length=1, max_length=254, strip_whitespace=True, to_lower=True
    ),
    AfterValidator(without_nul),
]
Timestamp = Annotated[
    datetime,
    AfterValidator(as_utc),
    PlainSerializer(
        lambda moment: moment.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        return_type=str,
    ),
]


class Schema(BaseModel):
    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, from_attributes=True
    )


class GenericErrorBody(Schema):
    body: list[str]


class GenericError(Schema):
    """Every error: `{"errors": {"body": ["..."]}}`."""

    errors: GenericErrorBody


class LoginUser(Schema):
    email: Email
    password: Password


class LoginUserRequest(Schema):
    user: LoginUser


class NewUser(Schema):
    username: Username
    email: Email
    password: Password


class NewUserRequest(Schema):
    user: NewUser


class Update(Schema):
    """A partial update: a field left out stays as it is; `null` is no value.

    The defaults are None so that a field left out can be told apart, but
    the spec's fields are strings, so an explicit `null` is refused.
    """

    @field_validator("*", mode="before")
    @classmethod
    def not_null(cls, value: object) -> object:
        if value is None:
            raise ValueError("must be a string, not null")
        return value

    @model_validator(mode="after")
    def at_least_one_field(self) -> Self:
        if not self.model_fields_set:
            raise ValueError("at least one field is required")
        return self


class UpdateUser(Update):
    email: Email | None = None
    password: Password | None = None
    username: Username | None = None
    bio: Bio | None = None
    image: Image | None = None


class UpdateUserRequest(Schema):
    user: UpdateUser


class User(Schema):
    email: str
    token: str
    username: str
    bio: str
    image: str


class UserResponse(Schema):
    user: User


class Profile(Schema):
    username: str
    bio: str
    image: str
    following: bool


class ProfileResponse(Schema):
    profile: Profile


class NewArticle(Schema):
    title: Title
    description: Description
    body: Body
    tag_list: list[Tag] = Field(default=[], max_length=MOST_TAGS)


class NewArticleRequest(Schema):
    article: NewArticle


class UpdateArticle(Update):
    title: Title | None = None
    description: Description | None = None
    body: Body | None = None


class UpdateArticleRequest(Schema):
    article: UpdateArticle


class ArticlePreview(Schema):
    """An article in a list: everything but its body."""

    slug: str
    title: str
    description: str
    tag_list: list[str]
    created_at: Timestamp
    updated_at: Timestamp
    favorited: bool
    favorites_count: int
    author: Profile


class Article(ArticlePreview):
    body: str


class SingleArticleResponse(Schema):
    article: Article


class MultipleArticlesResponse(Schema):
    articles: Sequence[ArticlePreview]
    articles_count: int


class NewComment(Schema):
    body: Body


class NewCommentRequest(Schema):
    comment: NewComment


class Comment(Schema):
    id: int
    created_at: Timestamp
    updated_at: Timestamp
    body: str
    author: Profile


class SingleCommentResponse(Schema):
    comment: Comment


class MultipleCommentsResponse(Schema):
    comments: list[Comment]


class TagsResponse(Schema):
    tags: list[str]

"""Newsletter sign-ups, kept in SQLite."""

import os
import sqlite3
from contextlib import asynccontextmanager, closing
from datetime import UTC, datetime
from pathlib import Path

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, Field


class Settings(BaseModel):
    database_path: str = Field(
        default_factory=lambda: os.environ.get("SIGNUPS_DB", "signups.db")
    )
    maintenance: bool = Field(
        default_factory=lambda: os.environ.get("MAINTENANCE") == "1"
    )
    sender: str = "newsletter@example.com"


class Database:
    """A connection per call, so that any thread may use it."""

    def __init__(self, path: str | Path) -> None:
        self.path = path

    def execute(self, sql: str, parameters: tuple = ()) -> list[tuple]:
        with closing(sqlite3.connect(self.path)) as connection, connection:
            connection.execute(
                "create table if not exists subscribers"
                " (id integer primary key, email text unique not null)"
            )
            return connection.execute(sql, parameters).fetchall()


settings = Settings()
database = Database(settings.database_path)
outbox: list[tuple[str, str]] = []
started_at: datetime | None = None


def send_welcome_email(address: str) -> None:
    """Queue the welcome message; the mailer sends the outbox."""
    outbox.append((address, f"Welcome! Yours, {settings.sender}"))


@asynccontextmanager
async def lifespan(app: FastAPI):
    global started_at
    started_at = datetime.now(UTC)
    yield


app = FastAPI(lifespan=lifespan)


class Signup(BaseModel):
    email: str


class Subscriber(Signup):
    id: int


@app.get("/health")
def health():
    return {"status": "ok", "started_at": started_at}


@app.post("/subscribers/", status_code=201)
def subscribe(signup: Signup) -> Subscriber:
    if settings.maintenance:
        raise HTTPException(status_code=503, detail="Down for maintenance")
    try:
        [(subscriber_id,)] = database.execute(
            "insert into subscribers (email) values (?) returning id", (signup.email,)
        )
    except sqlite3.IntegrityError:
        raise HTTPException(status_code=409, detail="Already subscribed") from None
    send_welcome_email(signup.email)
    return Subscriber(id=subscriber_id, email=signup.email)


@app.get("/subscribers/")
def list_subscribers() -> list[Subscriber]:
    rows = database.execute("select id, email from subscribers order by id")
    return [Subscriber(id=row[0], email=row[1]) for row in rows]


@app.delete("/subscribers/{subscriber_id}", status_code=204)
def unsubscribe(subscriber_id: int) -> None:
    if not database.execute(
        "delete from subscribers where id = ? returning id", (subscriber_id,)
    ):
        raise HTTPException(status_code=404, detail="Not subscribed")

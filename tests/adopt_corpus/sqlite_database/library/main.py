from contextlib import asynccontextmanager
from sqlite3 import Connection
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException
from pydantic import BaseModel

from .database import create_tables, get_connection


@asynccontextmanager
async def lifespan(app: FastAPI):
    create_tables()
    yield


app = FastAPI(lifespan=lifespan)
Db = Annotated[Connection, Depends(get_connection)]


class BookIn(BaseModel):
    title: str


class Book(BookIn):
    id: int


@app.post("/books/", status_code=201)
def create_book(book: BookIn, db: Db) -> Book:
    cursor = db.execute("insert into books (title) values (?)", (book.title,))
    return Book(id=cursor.lastrowid or 0, title=book.title)


@app.get("/books/{book_id}")
def read_book(book_id: int, db: Db) -> Book:
    row = db.execute("select id, title from books where id = ?", (book_id,)).fetchone()
    if row is None:
        raise HTTPException(404, "Book not found")
    return Book(id=row[0], title=row[1])


@app.get("/books/")
def list_books(db: Db, limit: int = 10) -> list[Book]:
    rows = db.execute("select id, title from books order by id limit ?", (limit,))
    return [Book(id=row[0], title=row[1]) for row in rows]

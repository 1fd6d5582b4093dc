from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException

app = FastAPI()

EVENTS: list[str] = []


class Session:
    def __init__(self) -> None:
        self.open = True
        self.rows = {1: "one", 2: "two"}

    def close(self) -> None:
        self.open = False


def get_db():
    db = Session()
    EVENTS.append("open")
    try:
        yield db
    finally:
        db.close()
        EVENTS.append("close")


DB = Annotated[Session, Depends(get_db)]


class Pagination:
    def __init__(self, skip: int = 0, limit: int = 100):
        self.skip = skip
        self.limit = limit


@app.get("/rows/{row_id}")
def read_row(row_id: int, db: DB):
    if row_id not in db.rows:
        raise HTTPException(status_code=404)
    return {"row": db.rows[row_id]}


@app.get("/rows")
def read_rows(db: DB, page: Annotated[Pagination, Depends()]):
    return list(db.rows.values())[page.skip : page.skip + page.limit]

import os
import sqlite3
from collections.abc import Iterator

DATABASE = os.environ.get("LIBRARY_DB", ":memory:")
_shared = sqlite3.connect(DATABASE, check_same_thread=False)


def create_tables() -> None:
    _shared.execute("create table if not exists books (id integer primary key, title text not null)")
    _shared.commit()


def get_connection() -> Iterator[sqlite3.Connection]:
    try:
        yield _shared
    finally:
        _shared.commit()

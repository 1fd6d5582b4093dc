from fastapi import FastAPI

app = FastAPI()
PAGES = {1: {"slug": "hello", "title": "Hello"}}


@app.get("/content/{id_or_slug}")
def read_content(id_or_slug: str):
    return next(
        page
        for key, page in PAGES.items()
        if id_or_slug in (str(key), page["slug"])
    )


@app.patch("/content/{content_id}")
def rename_content(content_id: int, title: str):
    PAGES[content_id]["title"] = title
    return PAGES[content_id]


@app.delete("/content/{content_id}")
def delete_content(content_id: int):
    return PAGES.pop(content_id)

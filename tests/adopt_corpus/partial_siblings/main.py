"""A small CMS: pages are read by id or by slug, and changed by id."""

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI(title="Content")


class ContentIn(BaseModel):
    title: str
    slug: str
    body: str = ""


class ContentPatch(BaseModel):
    title: str | None = None
    body: str | None = None


class Content(ContentIn):
    id: int


pages: dict[int, Content] = {
    1: Content(id=1, title="About us", slug="about", body="We make things."),
}


def find(id_or_slug: str) -> Content:
    for page in pages.values():
        if str(page.id) == id_or_slug or page.slug == id_or_slug:
            return page
    raise HTTPException(status_code=404, detail="Content not found")


@app.get("/health")
def health():
    return {"ok": True}


@app.get("/content/")
def list_content() -> list[Content]:
    return list(pages.values())


@app.post("/content/", status_code=201)
def create_content(content: ContentIn) -> Content:
    if any(page.slug == content.slug for page in pages.values()):
        raise HTTPException(status_code=409, detail="Slug taken")
    page = Content(id=max(pages, default=0) + 1, **content.model_dump())
    pages[page.id] = page
    return page


@app.get("/content/{id_or_slug}/")
def read_content(id_or_slug: str) -> Content:
    return find(id_or_slug)


@app.patch("/content/{content_id}/")
def update_content(content_id: int, patch: ContentPatch) -> Content:
    page = find(str(content_id))
    pages[content_id] = page.model_copy(update=patch.model_dump(exclude_unset=True))
    return pages[content_id]


@app.delete("/content/{content_id}/", status_code=204)
def delete_content(content_id: int) -> None:
    if pages.pop(content_id, None) is None:
        raise HTTPException(status_code=404, detail="Content not found")

from __future__ import annotations

from fastapi import FastAPI, HTTPException

from models import Note, NoteIn

app = FastAPI(title="Notes")
NOTES: dict[int, Note] = {}


@app.post("/notes/", response_model=Note, status_code=201)
def create_note(note: NoteIn):
    created = Note(id=len(NOTES) + 1, **note.model_dump())
    NOTES[created.id] = created
    return created


@app.get("/notes/", response_model=list[Note])
def list_notes(tag: str | None = None):
    return [n for n in NOTES.values() if tag is None or any(t.name == tag for t in n.tags)]


@app.get("/notes/{note_id}", response_model=Note, response_model_exclude_none=True)
def read_note(note_id: int):
    if note_id not in NOTES:
        raise HTTPException(status_code=404, detail="Note not found")
    return NOTES[note_id]

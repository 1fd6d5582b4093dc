from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, WebSocket, WebSocketException, status

CONNECTED: list[str] = []


async def room_key(websocket: WebSocket, key: str = "") -> str:
    if key != "secret":
        raise WebSocketException(code=status.WS_1008_POLICY_VIOLATION)
    return key


rooms = APIRouter(prefix="/rooms", dependencies=[Depends(room_key)])


@rooms.websocket("/{room}")
async def room(websocket: WebSocket, room: str):
    await websocket.accept()
    CONNECTED.append(room)
    async for message in websocket.iter_text():
        await websocket.send_text(f"[{room}] {message}")


@rooms.get("/")
def list_rooms(key: Annotated[str, Depends(room_key)] = ""):
    return CONNECTED


app = FastAPI()
app.include_router(rooms)

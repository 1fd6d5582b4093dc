"""WebSocket /chats/{chat_id}: echo every message back, tagged with the chat."""

from fastapi import WebSocket, WebSocketDisconnect


async def handler(websocket: WebSocket, chat_id: str) -> None:
    await websocket.accept()
    try:
        while True:
            message = await websocket.receive_text()
            await websocket.send_json({"chat_id": chat_id, "message": message})
    except WebSocketDisconnect:
        pass

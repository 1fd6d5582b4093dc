from typing import Annotated

from fastapi import Depends, FastAPI, Header, Request, Response
from fastapi.responses import RedirectResponse

app = FastAPI()


def client_host(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@app.get("/whoami", name="whoami")
def whoami(host: Annotated[str, Depends(client_host)], x_request_id: Annotated[str | None, Header()] = None):
    return {"host": host, "request_id": x_request_id}


@app.post("/cookie")
async def set_cookie(response: Response):
    response.set_cookie(key="session", value="abc")
    return {"set": True}


@app.get("/old")
def old(request: Request):
    return RedirectResponse(request.url_for("whoami"))


@app.options("/whoami")
def whoami_options():
    return Response(headers={"Allow": "GET, OPTIONS"})

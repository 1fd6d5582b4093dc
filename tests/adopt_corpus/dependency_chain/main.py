from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, Request

CALLS: list[str] = []


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.greeting = "hello"
    yield


app = FastAPI(lifespan=lifespan)


def settings(request: Request) -> dict[str, str]:
    CALLS.append("settings")
    return {"greeting": request.app.state.greeting}


def greeter(config: Annotated[dict[str, str], Depends(settings)]) -> str:
    return config["greeting"]


def fresh_counter() -> int:
    CALLS.append("counter")
    return len(CALLS)


@app.get("/greet/{name}")
def greet(
    name: str,
    greeting: Annotated[str, Depends(greeter)],
    again: Annotated[dict[str, str], Depends(settings)],
    first: Annotated[int, Depends(fresh_counter, use_cache=False)],
    second: Annotated[int, Depends(fresh_counter, use_cache=False)],
):
    return {"message": f"{greeting} {name}", "counters": [first, second]}

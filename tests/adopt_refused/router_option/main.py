from fastapi import APIRouter, FastAPI
from fastapi.responses import PlainTextResponse

app = FastAPI()
router = APIRouter(prefix="/text", default_response_class=PlainTextResponse)


@router.get("/hello")
def hello():
    return "hello"


app.include_router(router)

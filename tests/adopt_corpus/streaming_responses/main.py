import asyncio
import os

from fastapi import FastAPI, Response
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse

app = FastAPI()
REPORTS = os.environ.get("REPORTS_DIR", ".")


async def numbers(count: int):
    for number in range(count):
        yield f"{number}\n"
        await asyncio.sleep(0)


@app.get("/count/{count}")
async def count(count: int):
    return StreamingResponse(numbers(count), media_type="text/plain")


@app.get("/report")
def report():
    return FileResponse(os.path.join(REPORTS, "app_tests.py"), filename="report.txt")


@app.get("/custom", response_class=JSONResponse)
def custom(response: Response):
    response.headers["X-Custom"] = "yes"
    return {"custom": True}

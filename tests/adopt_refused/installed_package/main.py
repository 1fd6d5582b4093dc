from fastapi import FastAPI

from vendor_health import router

app = FastAPI()
app.include_router(router)

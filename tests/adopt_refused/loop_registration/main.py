from fastapi import FastAPI

app = FastAPI()

for name in ("a", "b"):

    @app.get(f"/{name}")
    def read(name: str = name):
        return {"name": name}

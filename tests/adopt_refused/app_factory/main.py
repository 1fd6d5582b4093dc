from fastapi import FastAPI


def create_app() -> FastAPI:
    app = FastAPI()

    @app.get("/ping")
    def ping():
        return "pong"

    return app


app = create_app()

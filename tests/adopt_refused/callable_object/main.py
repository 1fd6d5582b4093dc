from fastapi import FastAPI

app = FastAPI()


class Greeter:
    def __call__(self, name: str = "world"):
        return {"hello": name}


app.add_api_route("/greet", Greeter())

from fastapi import FastAPI

app = FastAPI()


@app.get("/users/", name="listing")
def list_users():
    return []


@app.get("/admins/", name="listing")
def list_admins():
    return []

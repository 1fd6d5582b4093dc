meta = {
    "name": "root",
}


async def root():
    return {"message": "Hello Bigger Applications!"}


handler = root

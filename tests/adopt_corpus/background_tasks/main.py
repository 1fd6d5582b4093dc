from fastapi import BackgroundTasks, FastAPI

from notifications import send_email

app = FastAPI()

LOG: list[str] = []


def write_log(message: str) -> None:
    LOG.append(message)


@app.post("/send-notification/{email}", status_code=202)
async def send_notification(email: str, background_tasks: BackgroundTasks):
    background_tasks.add_task(write_log, f"notification for {email}")
    background_tasks.add_task(send_email, email)
    return {"message": "Notification sent in the background"}

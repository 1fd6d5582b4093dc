import os


class Settings:
    """Read from the environment, as pydantic-settings would."""

    def __init__(self) -> None:
        self.PROJECT_NAME = os.environ.get("PROJECT_NAME", "Full Stack FastAPI Project")
        self.API_V1_STR = "/api/v1"
        self.ENVIRONMENT = os.environ.get("ENVIRONMENT", "local")
        self.SECRET_KEY = os.environ.get("SECRET_KEY", "changethis")


settings = Settings()

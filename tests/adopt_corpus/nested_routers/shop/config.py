import os


class Settings:
    """Read from the environment, as pydantic-settings would."""

    def __init__(self) -> None:
        self.api_prefix = os.environ.get("SHOP_API_PREFIX", "/api")
        self.project_name = os.environ.get("SHOP_NAME", "Shop")


settings = Settings()

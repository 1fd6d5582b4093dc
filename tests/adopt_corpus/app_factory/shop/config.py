import os
from dataclasses import dataclass, field
from functools import lru_cache


@dataclass(frozen=True)
class Settings:
    title: str = "Shop"
    api_prefix: str = "/api"
    allowed_hosts: list[str] = field(default_factory=lambda: ["*"])
    maintenance: bool = field(
        default_factory=lambda: os.environ.get("SHOP_MAINTENANCE") == "1"
    )


@lru_cache
def get_settings() -> Settings:
    return Settings()

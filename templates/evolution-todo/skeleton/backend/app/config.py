"""Settings from the environment, as the Helm chart sets them (its ConfigMap and Secret).

The database password comes from the Kubernetes Secret (key ``postgres-password``)
through ``DATABASE_PASSWORD``; nothing here has a secret default.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.engine import URL


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


@dataclass(frozen=True)
class Settings:
    database_url: URL | str
    redis_url: str | None
    log_level: str


def load_settings(environ: Mapping[str, str] = os.environ) -> Settings:
    """Reads DATABASE_URL, or builds it from DATABASE_HOST/PORT/NAME/USER/PASSWORD;
    REDIS_URL is optional (Redis is checked only when it is set)."""
    explicit = environ.get("DATABASE_URL", "").strip()
    database_url: URL | str
    if explicit:
        database_url = explicit
    else:
        # URL.create quotes every part, so a password with "@" or "/" stays a password.
        database_url = URL.create(
            "postgresql+psycopg",
            username=environ.get("DATABASE_USER", "todo"),
            password=environ.get("DATABASE_PASSWORD") or None,
            host=environ.get("DATABASE_HOST", "localhost"),
            port=int(environ.get("DATABASE_PORT", "5432")),
            database=environ.get("DATABASE_NAME", "todo"),
        )
    log_level = environ.get("LOG_LEVEL", "info").strip().upper()
    return Settings(
        database_url=database_url,
        redis_url=environ.get("REDIS_URL", "").strip() or None,
        log_level=log_level if log_level in LOG_LEVELS else "INFO",
    )

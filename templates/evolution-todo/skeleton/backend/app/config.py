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
    # How long the cached todo list may live, and how long a Redis call may take.
    cache_ttl_seconds: float = 30.0
    redis_timeout_seconds: float = 0.25


def positive_number(environ: Mapping[str, str], name: str, default: float) -> float:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not value > 0 or value == float("inf"):
        raise ValueError(f"{name} must be a positive number of seconds, got {raw!r}")
    return value


def load_settings(environ: Mapping[str, str] = os.environ) -> Settings:
    """Reads DATABASE_URL, or builds it from DATABASE_HOST/PORT/NAME/USER/PASSWORD.
    REDIS_URL is optional: when set, the todo list is cached there (CACHE_TTL_SECONDS,
    default 30; REDIS_TIMEOUT_SECONDS per call, default 0.25)."""
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
        cache_ttl_seconds=positive_number(environ, "CACHE_TTL_SECONDS", 30.0),
        redis_timeout_seconds=positive_number(environ, "REDIS_TIMEOUT_SECONDS", 0.25),
    )

"""Readiness checks: the dependencies without which the API cannot serve.

PostgreSQL is one. Redis is not: it only caches the todo list (cache.py), so a
Redis outage is reported ("degraded") but keeps no pod out of the Service.
Liveness (/health) checks none of them on purpose: restarting the backend does
not bring a database back, it only adds pods that cannot start to an outage.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Protocol

from sqlalchemy import Engine, text

from .db import create_schema

logger = logging.getLogger(__name__)

Check = Callable[[], None]


class CacheProbe(Protocol):
    def ping(self) -> bool: ...


class DatabaseCheck:
    """Ready once the schema exists; afterwards a cheap SELECT 1 per probe."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._schema_ready = False

    def __call__(self) -> None:
        if not self._schema_ready:
            create_schema(self._engine)
            self._schema_ready = True
            return
        with self._engine.connect() as connection:
            connection.execute(text("SELECT 1"))


def run_checks(checks: Mapping[str, Check]) -> tuple[bool, dict[str, str]]:
    """Runs every check; a failing one is reported as "unavailable" and logged (without connection details)."""
    results: dict[str, str] = {}
    for name, check in checks.items():
        try:
            check()
            results[name] = "ok"
        except Exception as error:  # noqa: BLE001  (any failure means not ready)
            logger.warning("readiness check %s failed: %s", name, type(error).__name__)
            results[name] = "unavailable"
    return all(status == "ok" for status in results.values()), results


def cache_status(cache: CacheProbe | None) -> str:
    """The cache's state for /readiness: "ok", "degraded" (requests are served from
    PostgreSQL meanwhile) or "disabled" (REDIS_URL unset)."""
    if cache is None:
        return "disabled"
    return "ok" if cache.ping() else "degraded"

"""The HTTP API.

- /api/todos: todo CRUD (the Ingress routes /api here)
- /health: liveness, the process answers: {"status": "ok", "timestamp": <RFC 3339, UTC>}
- /readiness: 200 while PostgreSQL is reachable, else 503. The cache (Redis, when
  REDIS_URL is set) is reported in the body, "ok" or "degraded", and never makes
  the pod unready: without it requests are served from PostgreSQL.
- /metrics: Prometheus
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from fastapi import Depends, FastAPI, HTTPException, Response, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from sqlalchemy.orm import sessionmaker

from .cache import CachedTodoRepository, RedisTodoListCache, create_redis_client
from .config import load_settings
from .db import create_db_engine
from .health import CacheProbe, Check, DatabaseCheck, cache_status, run_checks
from .metrics import PrometheusMiddleware, metrics_endpoint
from .repository import SqlTodoRepository, TodoRepository
from .schemas import Todo, TodoCreate, TodoUpdate

logger = logging.getLogger("app")


@dataclass(frozen=True)
class Dependencies:
    repository: TodoRepository
    # What readiness requires: a failing check makes the pod unready.
    checks: Mapping[str, Check]
    # The optional cache: reported by readiness, never required. None: no cache configured.
    cache: CacheProbe | None = None


def production_dependencies() -> Dependencies:
    """PostgreSQL from the environment; the todo list cached in Redis when REDIS_URL is set."""
    settings = load_settings()
    logging.basicConfig(level=settings.log_level, format="%(levelname)s %(name)s: %(message)s")
    engine = create_db_engine(settings.database_url)
    repository: TodoRepository = SqlTodoRepository(sessionmaker(engine, expire_on_commit=False))
    cache: RedisTodoListCache | None = None
    if settings.redis_url:
        client = create_redis_client(settings.redis_url, settings.redis_timeout_seconds)
        cache = RedisTodoListCache(client, ttl_seconds=settings.cache_ttl_seconds)
        repository = CachedTodoRepository(repository, cache)
    return Dependencies(repository=repository, checks={"database": DatabaseCheck(engine)}, cache=cache)


def utc_timestamp() -> str:
    """Now in RFC 3339, UTC, e.g. 2026-12-02T09:30:00.123Z."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def create_app(dependencies: Dependencies | None = None) -> FastAPI:
    deps = dependencies or production_dependencies()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Create the schema early when the database is already there; if it is not,
        # start anyway: /readiness keeps the pod out of the Service until it is.
        ready, results = await run_in_threadpool(run_checks, deps.checks)
        if not ready:
            logger.warning("starting before dependencies are ready: %s", results)
        # Sets todo_cache_up from the start, before any request has used the cache.
        await run_in_threadpool(cache_status, deps.cache)
        yield

    app = FastAPI(title="evolution-todo backend", version="0.1.0", lifespan=lifespan)
    app.add_middleware(PrometheusMiddleware)
    app.add_route("/metrics", metrics_endpoint, include_in_schema=False)

    def repository() -> TodoRepository:
        return deps.repository

    def not_found(todo_id: int) -> HTTPException:
        return HTTPException(status.HTTP_404_NOT_FOUND, f"Todo {todo_id} not found")

    @app.get("/health", include_in_schema=False)
    def health() -> dict[str, str]:
        return {"status": "ok", "timestamp": utc_timestamp()}

    @app.get("/readiness", include_in_schema=False)
    def readiness() -> JSONResponse:
        ready, results = run_checks(deps.checks)
        results["cache"] = cache_status(deps.cache)
        return JSONResponse(
            {"status": "ready" if ready else "unavailable", "checks": results},
            status_code=status.HTTP_200_OK if ready else status.HTTP_503_SERVICE_UNAVAILABLE,
        )

    @app.get("/api/todos", response_model=list[Todo])
    def list_todos(todos: TodoRepository = Depends(repository)) -> list[Todo]:
        return todos.list()

    @app.post("/api/todos", response_model=Todo, status_code=status.HTTP_201_CREATED)
    def create_todo(data: TodoCreate, todos: TodoRepository = Depends(repository)) -> Todo:
        return todos.create(data)

    @app.get("/api/todos/{todo_id}", response_model=Todo)
    def get_todo(todo_id: int, todos: TodoRepository = Depends(repository)) -> Todo:
        todo = todos.get(todo_id)
        if todo is None:
            raise not_found(todo_id)
        return todo

    @app.patch("/api/todos/{todo_id}", response_model=Todo)
    def update_todo(todo_id: int, data: TodoUpdate, todos: TodoRepository = Depends(repository)) -> Todo:
        todo = todos.update(todo_id, data)
        if todo is None:
            raise not_found(todo_id)
        return todo

    @app.delete("/api/todos/{todo_id}", status_code=status.HTTP_204_NO_CONTENT)
    def delete_todo(todo_id: int, todos: TodoRepository = Depends(repository)) -> Response:
        if not todos.delete(todo_id):
            raise not_found(todo_id)
        return Response(status_code=status.HTTP_204_NO_CONTENT)

    return app


# What `uvicorn app.main:app` serves. Creating it connects to nothing: the engine
# and the Redis client connect on first use (start-up, the readiness probe, or a request).
app = create_app()

"""The HTTP API.

- /api/todos: todo CRUD (the Ingress routes /api here)
- /health: liveness, the process answers
- /readiness: PostgreSQL (and Redis, when REDIS_URL is set) reachable, else 503
- /metrics: Prometheus
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass

from fastapi import Depends, FastAPI, HTTPException, Response, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from sqlalchemy.orm import sessionmaker

from .config import load_settings
from .db import create_db_engine
from .health import Check, DatabaseCheck, redis_check, run_checks
from .metrics import PrometheusMiddleware, metrics_endpoint
from .repository import SqlTodoRepository, TodoRepository
from .schemas import Todo, TodoCreate, TodoUpdate

logger = logging.getLogger("app")


@dataclass(frozen=True)
class Dependencies:
    repository: TodoRepository
    checks: Mapping[str, Check]


def production_dependencies() -> Dependencies:
    """PostgreSQL from the environment, plus Redis when REDIS_URL is set."""
    settings = load_settings()
    logging.basicConfig(level=settings.log_level, format="%(levelname)s %(name)s: %(message)s")
    engine = create_db_engine(settings.database_url)
    checks: dict[str, Check] = {"database": DatabaseCheck(engine)}
    if settings.redis_url:
        checks["redis"] = redis_check(settings.redis_url)
    return Dependencies(
        repository=SqlTodoRepository(sessionmaker(engine, expire_on_commit=False)),
        checks=checks,
    )


def create_app(dependencies: Dependencies | None = None) -> FastAPI:
    deps = dependencies or production_dependencies()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Create the schema early when the database is already there; if it is not,
        # start anyway: /readiness keeps the pod out of the Service until it is.
        ready, results = await run_in_threadpool(run_checks, deps.checks)
        if not ready:
            logger.warning("starting before dependencies are ready: %s", results)
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
        return {"status": "ok"}

    @app.get("/readiness", include_in_schema=False)
    def readiness() -> JSONResponse:
        ready, results = run_checks(deps.checks)
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
# and the Redis client connect on first use (the readiness probe, or a request).
app = create_app()

"""The MCP server: todo tools over MCP streamable HTTP on /mcp, /health for the probes
({"status": "ok", "timestamp": <RFC 3339, UTC>}) and /metrics for Prometheus.

Run: uvicorn todo_mcp.server:app --host 0.0.0.0 --port 8080
BACKEND_URL points at the backend Service and LOG_LEVEL sets the verbosity (the chart sets both).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Annotated, Literal

import httpx
from mcp.server.mcpserver import MCPServer
from pydantic import Field
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from .backend import Todo, TodoBackend
from .metrics import PrometheusMiddleware, metrics_endpoint

ClientFactory = Callable[[], httpx.AsyncClient]

Title = Annotated[str, Field(min_length=1, max_length=200, description="What needs doing")]
TodoId = Annotated[int, Field(ge=1, description="The todo's id, as list_todos shows it")]


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def log_level() -> Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]:
    level = os.environ.get("LOG_LEVEL", "info").strip().upper()
    return level if level in LOG_LEVELS else "INFO"  # type: ignore[return-value]


def utc_timestamp() -> str:
    """Now in RFC 3339, UTC, e.g. 2026-12-02T09:30:00.123Z."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def default_client_factory() -> httpx.AsyncClient:
    base_url = os.environ.get("BACKEND_URL", "http://localhost:8000")
    return httpx.AsyncClient(base_url=base_url, timeout=httpx.Timeout(10.0, connect=3.0))


def create_server(client_factory: ClientFactory = default_client_factory) -> MCPServer:
    server = MCPServer(
        "evolution-todo",
        instructions="Manage the team's todo list: list todos, add one, mark one done or not done, rename or delete one.",
        log_level=log_level(),
    )

    @asynccontextmanager
    async def backend() -> AsyncIterator[TodoBackend]:
        async with client_factory() as client:
            yield TodoBackend(client)

    @server.tool()
    async def list_todos() -> list[Todo]:
        """List every todo with its id, title and whether it is completed."""
        async with backend() as todos:
            return await todos.list_todos()

    @server.tool()
    async def add_todo(title: Title) -> Todo:
        """Add a todo; returns it with its new id."""
        async with backend() as todos:
            return await todos.add_todo(title)

    @server.tool()
    async def complete_todo(todo_id: TodoId, completed: bool = True) -> Todo:
        """Mark a todo as done (or, with completed=false, as not done)."""
        async with backend() as todos:
            return await todos.set_completed(todo_id, completed)

    @server.tool()
    async def rename_todo(todo_id: TodoId, title: Title) -> Todo:
        """Change a todo's title."""
        async with backend() as todos:
            return await todos.rename_todo(todo_id, title)

    @server.tool()
    async def delete_todo(todo_id: TodoId) -> str:
        """Delete a todo for good."""
        async with backend() as todos:
            await todos.delete_todo(todo_id)
        return f"Deleted todo {todo_id}."

    @server.custom_route("/health", methods=["GET"], include_in_schema=False)
    async def health(_request: Request) -> Response:
        # Liveness and readiness: the server answers. Tools report a missing backend themselves.
        return JSONResponse({"status": "ok", "timestamp": utc_timestamp()})

    server.custom_route("/metrics", methods=["GET"], include_in_schema=False)(metrics_endpoint)

    return server


def create_app(server: MCPServer | None = None):  # noqa: ANN201  (a Starlette app)
    # Stateless JSON responses: any replica can answer any request, so the Service
    # may spread clients over pods without session affinity. Binding to all
    # interfaces (as in a pod) also leaves DNS-rebinding protection, which is for
    # servers on a developer's localhost, off: clients reach it by Service name.
    app = (server or create_server()).streamable_http_app(
        stateless_http=True,
        json_response=True,
        host="0.0.0.0",
    )
    app.add_middleware(PrometheusMiddleware)
    return app


app = create_app()

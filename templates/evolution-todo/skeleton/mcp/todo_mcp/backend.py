"""A client of the backend's todo API. The MCP server keeps no state of its own."""

from __future__ import annotations

from typing import Any

import httpx
from mcp.server.mcpserver.exceptions import ToolError

Todo = dict[str, Any]


class BackendError(ToolError):
    """An anticipated failure: the model reads this message as the tool's result."""


class TodoBackend:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def list_todos(self) -> list[Todo]:
        return (await self._request("GET", "/api/todos")).json()

    async def add_todo(self, title: str) -> Todo:
        return (await self._request("POST", "/api/todos", json={"title": title})).json()

    async def set_completed(self, todo_id: int, completed: bool) -> Todo:
        return (await self._request("PATCH", f"/api/todos/{todo_id}", json={"completed": completed})).json()

    async def rename_todo(self, todo_id: int, title: str) -> Todo:
        return (await self._request("PATCH", f"/api/todos/{todo_id}", json={"title": title})).json()

    async def delete_todo(self, todo_id: int) -> None:
        await self._request("DELETE", f"/api/todos/{todo_id}")

    async def _request(self, method: str, path: str, json: Any = None) -> httpx.Response:
        try:
            response = await self._client.request(method, path, json=json)
        except httpx.HTTPError as error:
            raise BackendError(f"The todo backend is unreachable ({type(error).__name__}); try again later.") from error
        if response.status_code == 404:
            raise BackendError(_detail(response) or "No such todo.")
        if response.status_code == 422:
            raise BackendError(f"The backend rejected the input: {_detail(response) or response.text}")
        if response.is_error:
            raise BackendError(f"The todo backend answered {response.status_code}; try again later.")
        return response


def _detail(response: httpx.Response) -> str:
    try:
        detail = response.json().get("detail")
    except ValueError:
        return ""
    if isinstance(detail, str):
        return detail
    if isinstance(detail, list):
        return "; ".join(str(item.get("msg", item)) for item in detail if isinstance(item, dict))
    return ""

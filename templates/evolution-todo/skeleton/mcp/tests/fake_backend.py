"""The backend's todo API, faked in memory behind httpx.MockTransport."""

from __future__ import annotations

import json

import httpx


class FakeBackend:
    def __init__(self) -> None:
        self.todos: dict[int, dict] = {}
        self.requests: list[tuple[str, str]] = []
        self.down = False

    def client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=httpx.MockTransport(self._handle), base_url="http://backend")

    def _handle(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("connection refused", request=request)
        self.requests.append((request.method, request.url.path))
        parts = request.url.path.strip("/").split("/")
        body = json.loads(request.content) if request.content else {}
        if parts == ["api", "todos"]:
            if request.method == "GET":
                return httpx.Response(200, json=list(self.todos.values()))
            todo = {"id": len(self.todos) + 1, "title": body["title"], "completed": False}
            self.todos[todo["id"]] = todo
            return httpx.Response(201, json=todo)
        todo_id = int(parts[2])
        if todo_id not in self.todos:
            return httpx.Response(404, json={"detail": f"Todo {todo_id} not found"})
        if request.method == "PATCH":
            self.todos[todo_id].update(body)
            return httpx.Response(200, json=self.todos[todo_id])
        del self.todos[todo_id]
        return httpx.Response(204)

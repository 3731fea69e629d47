"""Stand-ins for PostgreSQL: an in-memory repository that counts its reads, and a
readiness check that can be switched off. (Redis is real: see servers.py.)"""

from __future__ import annotations

from app.schemas import Todo, TodoCreate, TodoUpdate


class InMemoryTodoRepository:
    def __init__(self) -> None:
        self._todos: dict[int, Todo] = {}
        self._next_id = 1
        self.list_calls = 0

    def list(self) -> list[Todo]:
        self.list_calls += 1
        return [self._todos[key] for key in sorted(self._todos)]

    def get(self, todo_id: int) -> Todo | None:
        return self._todos.get(todo_id)

    def create(self, data: TodoCreate) -> Todo:
        todo = Todo(id=self._next_id, title=data.title, completed=False)
        self._todos[todo.id] = todo
        self._next_id += 1
        return todo

    def update(self, todo_id: int, data: TodoUpdate) -> Todo | None:
        todo = self._todos.get(todo_id)
        if todo is None:
            return None
        changes = data.model_dump(exclude_unset=True, exclude_none=True)
        self._todos[todo_id] = todo.model_copy(update=changes)
        return self._todos[todo_id]

    def delete(self, todo_id: int) -> bool:
        return self._todos.pop(todo_id, None) is not None


class SwitchableCheck:
    """A readiness check that passes until told the dependency is down."""

    def __init__(self) -> None:
        self.up = True
        self.calls = 0

    def __call__(self) -> None:
        self.calls += 1
        if not self.up:
            raise ConnectionError("connection refused")

"""Todo storage behind a small interface, so the API can be tested without a database."""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from .models import TodoRecord
from .schemas import Todo, TodoCreate, TodoUpdate


class TodoRepository(Protocol):
    def list(self) -> list[Todo]: ...

    def get(self, todo_id: int) -> Todo | None: ...

    def create(self, data: TodoCreate) -> Todo: ...

    def update(self, todo_id: int, data: TodoUpdate) -> Todo | None: ...

    def delete(self, todo_id: int) -> bool: ...


class SqlTodoRepository:
    """Todos in PostgreSQL through SQLAlchemy, one short transaction per call."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def list(self) -> list[Todo]:
        with self._sessions() as session:
            records = session.scalars(select(TodoRecord).order_by(TodoRecord.id)).all()
            return [Todo.model_validate(record) for record in records]

    def get(self, todo_id: int) -> Todo | None:
        with self._sessions() as session:
            record = session.get(TodoRecord, todo_id)
            return Todo.model_validate(record) if record else None

    def create(self, data: TodoCreate) -> Todo:
        with self._sessions.begin() as session:
            record = TodoRecord(title=data.title, completed=False)
            session.add(record)
            session.flush()
            return Todo.model_validate(record)

    def update(self, todo_id: int, data: TodoUpdate) -> Todo | None:
        with self._sessions.begin() as session:
            record = session.get(TodoRecord, todo_id)
            if record is None:
                return None
            for field, value in data.model_dump(exclude_unset=True, exclude_none=True).items():
                setattr(record, field, value)
            session.flush()
            return Todo.model_validate(record)

    def delete(self, todo_id: int) -> bool:
        with self._sessions.begin() as session:
            record = session.get(TodoRecord, todo_id)
            if record is None:
                return False
            session.delete(record)
            return True

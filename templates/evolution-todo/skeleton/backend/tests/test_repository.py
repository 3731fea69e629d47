"""SqlTodoRepository against a real SQL engine (SQLite in memory), with the schema
created the way the app creates it on PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import StaticPool

from app.db import create_schema
from app.repository import SqlTodoRepository
from app.schemas import TodoCreate, TodoUpdate


@pytest.fixture
def repository() -> SqlTodoRepository:
    engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
    create_schema(engine)
    create_schema(engine)  # idempotent: every replica runs it at start-up
    return SqlTodoRepository(sessionmaker(engine, expire_on_commit=False))


def test_stores_todos_in_order(repository: SqlTodoRepository) -> None:
    first = repository.create(TodoCreate(title="first"))
    second = repository.create(TodoCreate(title="second"))
    assert [t.title for t in repository.list()] == ["first", "second"]
    assert first.id != second.id
    assert repository.get(first.id) == first


def test_updates_only_the_given_fields(repository: SqlTodoRepository) -> None:
    todo = repository.create(TodoCreate(title="draft"))
    updated = repository.update(todo.id, TodoUpdate(completed=True))
    assert updated is not None
    assert (updated.title, updated.completed) == ("draft", True)
    assert repository.update(todo.id + 100, TodoUpdate(completed=True)) is None


def test_deletes(repository: SqlTodoRepository) -> None:
    todo = repository.create(TodoCreate(title="gone soon"))
    assert repository.delete(todo.id) is True
    assert repository.delete(todo.id) is False
    assert repository.get(todo.id) is None

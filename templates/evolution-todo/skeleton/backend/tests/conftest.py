"""The API under test runs on an in-memory repository and fake readiness checks:
no database or Redis is needed, and every check can be made to fail."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.main import Dependencies, create_app
from tests.fakes import InMemoryTodoRepository, SwitchableCheck


@pytest.fixture
def database() -> SwitchableCheck:
    return SwitchableCheck()


@pytest.fixture
def cache() -> SwitchableCheck:
    return SwitchableCheck()


@pytest.fixture
def client(database: SwitchableCheck, cache: SwitchableCheck) -> Iterator[TestClient]:
    deps = Dependencies(
        repository=InMemoryTodoRepository(),
        checks={"database": database, "redis": cache},
    )
    with TestClient(create_app(deps)) as test_client:
        yield test_client

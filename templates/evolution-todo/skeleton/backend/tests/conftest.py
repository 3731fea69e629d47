"""The API under test runs on an in-memory repository and a switchable database check,
so every failure can be staged; the cache tests (test_cache.py) add a real
redis-server, started on a free port for each test and stopped after it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.main import Dependencies, create_app
from tests.fakes import InMemoryTodoRepository, SwitchableCheck
from tests.servers import RedisServer, TcpProxy


@pytest.fixture
def database() -> SwitchableCheck:
    return SwitchableCheck()


@pytest.fixture
def client(database: SwitchableCheck) -> Iterator[TestClient]:
    """The API without a cache (REDIS_URL unset)."""
    deps = Dependencies(repository=InMemoryTodoRepository(), checks={"database": database})
    with TestClient(create_app(deps)) as test_client:
        yield test_client


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    server = RedisServer()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def redis_line(redis_server: RedisServer) -> Iterator[TcpProxy]:
    """The network between the backend and Redis: cut it, or make Redis hang, while Redis keeps its data."""
    proxy = TcpProxy(redis_server.port)
    try:
        yield proxy
    finally:
        proxy.stop()

"""The todo list cache against a real redis-server: hits, invalidation by every write,
and Redis failures (cut off, hung) that cost the API nothing but a report."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
import redis
from fastapi.testclient import TestClient
from prometheus_client import REGISTRY

from app.cache import LIST_KEY, CachedTodoRepository, RedisTodoListCache, create_redis_client
from app.main import Dependencies, create_app
from app.schemas import Todo, TodoCreate
from tests.fakes import InMemoryTodoRepository, SwitchableCheck
from tests.servers import RedisServer, TcpProxy

TTL_SECONDS = 30.0


class Clock:
    """Monotonic time that moves only when told, for the cache's rest after a failure."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def cache_errors(operation: str) -> float:
    return REGISTRY.get_sample_value("todo_cache_errors_total", {"operation": operation}) or 0.0


def cache_up() -> float | None:
    return REGISTRY.get_sample_value("todo_cache_up")


class Api:
    def __init__(self, line: TcpProxy) -> None:
        self.line = line
        self.database = InMemoryTodoRepository()
        self.clock = Clock()
        self.redis = create_redis_client(line.url, timeout_seconds=0.2)
        self.cache = RedisTodoListCache(self.redis, ttl_seconds=TTL_SECONDS, retry_after_seconds=5.0, clock=self.clock)
        deps = Dependencies(
            repository=CachedTodoRepository(self.database, self.cache),
            checks={"database": SwitchableCheck()},
            cache=self.cache,
        )
        self.client = TestClient(create_app(deps))

    def titles(self) -> list[str]:
        response = self.client.get("/api/todos")
        assert response.status_code == 200
        return [todo["title"] for todo in response.json()]


@pytest.fixture
def api(redis_line: TcpProxy) -> Iterator[Api]:
    """The API with its cache in Redis, reached through a line the test can cut."""
    api = Api(redis_line)
    with api.client:
        yield api
    api.redis.close()


@pytest.fixture
def redis_direct(redis_server: RedisServer) -> Iterator[redis.Redis]:
    """The test's own view of Redis, not through the line."""
    client = redis.Redis.from_url(redis_server.url)
    yield client
    client.close()


def test_serves_the_list_from_redis_once_cached(api: Api, redis_direct: redis.Redis) -> None:
    api.database.create(TodoCreate(title="one"))
    assert api.titles() == ["one"]
    assert api.database.list_calls == 1
    assert redis_direct.exists(LIST_KEY)
    assert 0 < redis_direct.pttl(LIST_KEY) <= TTL_SECONDS * 1000

    assert api.titles() == ["one"]
    assert api.titles() == ["one"]
    assert api.database.list_calls == 1


@pytest.mark.parametrize(
    ("write", "expected"),
    [
        (lambda client, todo: client.post("/api/todos", json={"title": "two"}), ["one", "two"]),
        (lambda client, todo: client.patch(f"/api/todos/{todo['id']}", json={"title": "uno"}), ["uno"]),
        (lambda client, todo: client.delete(f"/api/todos/{todo['id']}"), []),
    ],
    ids=["create", "update", "delete"],
)
def test_every_write_invalidates_the_cached_list(api: Api, write, expected: list[str]) -> None:  # noqa: ANN001
    todo = api.client.post("/api/todos", json={"title": "one"}).json()
    assert api.titles() == ["one"]
    assert api.titles() == ["one"]
    reads = api.database.list_calls

    assert write(api.client, todo).is_success
    assert api.titles() == expected
    assert api.database.list_calls == reads + 1
    assert api.titles() == expected
    assert api.database.list_calls == reads + 1


def test_a_list_read_before_a_write_is_never_served_after_it(api: Api) -> None:
    # A reader reads PostgreSQL, a writer commits and invalidates, then the reader stores
    # what it read: the stored list belongs to an older generation and is not served.
    api.database.create(TodoCreate(title="one"))
    lookup = api.cache.lookup()
    assert lookup is not None and lookup.todos is None
    read_before_write = api.database.list()
    api.client.post("/api/todos", json={"title": "two"})
    api.cache.store(lookup.generation, read_before_write)

    assert api.titles() == ["one", "two"]


def test_ignores_an_unreadable_entry(api: Api, redis_direct: redis.Redis) -> None:
    api.database.create(TodoCreate(title="one"))
    redis_direct.set(LIST_KEY, b"not json")
    assert api.titles() == ["one"]
    redis_direct.set(LIST_KEY, b'{"generation": 0, "todos": [{"id": "x"}]}')
    assert api.titles() == ["one"]


def test_with_redis_cut_off_requests_succeed_from_the_database_and_readiness_reports_degraded(api: Api) -> None:
    api.client.post("/api/todos", json={"title": "one"})
    assert api.titles() == ["one"]
    assert cache_up() == 1
    read_errors = cache_errors("read")

    api.line.cut()
    assert api.titles() == ["one"]
    assert cache_errors("read") == read_errors + 1
    assert cache_up() == 0
    created = api.client.post("/api/todos", json={"title": "two"})
    assert created.status_code == 201
    assert api.client.patch(f"/api/todos/{created.json()['id']}", json={"completed": True}).status_code == 200
    assert api.titles() == ["one", "two"]

    readiness = api.client.get("/readiness")
    assert readiness.status_code == 200
    assert readiness.json() == {"status": "ready", "checks": {"database": "ok", "cache": "degraded"}}
    metrics = api.client.get("/metrics").text
    assert "todo_cache_up 0.0" in metrics
    assert 'todo_cache_errors_total{operation="ping"}' in metrics


def test_rests_after_a_failure_instead_of_asking_a_dead_redis_on_every_request(api: Api) -> None:
    api.line.cut()
    errors = cache_errors("read")
    reads = api.database.list_calls
    assert api.titles() == []
    assert cache_errors("read") == errors + 1

    for _ in range(3):
        assert api.titles() == []
    assert cache_errors("read") == errors + 1  # resting: Redis was not asked
    assert api.database.list_calls == reads + 4

    api.clock.now += 5.0
    assert api.titles() == []
    assert cache_errors("read") == errors + 2  # rest over, asked again, still down


def test_a_write_during_an_outage_is_not_hidden_by_the_list_redis_kept(api: Api) -> None:
    api.client.post("/api/todos", json={"title": "one"})
    assert api.titles() == ["one"]  # cached, and Redis keeps it through the outage

    api.line.cut()
    api.client.post("/api/todos", json={"title": "two"})
    api.line.restore()
    api.clock.now += 5.0

    assert api.titles() == ["one", "two"]
    assert api.titles() == ["one", "two"]


def test_the_readiness_probe_makes_a_missed_invalidation_so_other_replicas_drop_the_old_list(
    api: Api, redis_server: RedisServer
) -> None:
    api.client.post("/api/todos", json={"title": "one"})
    assert api.titles() == ["one"]
    other_replica = RedisTodoListCache(create_redis_client(redis_server.url, timeout_seconds=0.2))
    assert other_replica.lookup().todos == [Todo(id=1, title="one", completed=False)]

    api.line.cut()
    api.client.post("/api/todos", json={"title": "two"})
    api.line.restore()
    assert other_replica.lookup().todos is not None  # Redis still holds the older list

    assert api.client.get("/readiness").json()["checks"]["cache"] == "ok"
    assert other_replica.lookup().todos is None


def test_back_to_ok_when_redis_returns(api: Api) -> None:
    api.line.cut()
    assert api.client.get("/readiness").json()["checks"]["cache"] == "degraded"
    assert cache_up() == 0

    api.line.restore()
    # The readiness probe finds it back at once, without waiting for the rest to end.
    assert api.client.get("/readiness").json() == {"status": "ready", "checks": {"database": "ok", "cache": "ok"}}
    assert cache_up() == 1
    api.database.create(TodoCreate(title="one"))
    assert api.titles() == ["one"]
    assert api.titles() == ["one"]
    assert api.database.list_calls == 1


def test_a_hung_redis_times_out_and_the_request_is_answered(api: Api) -> None:
    api.database.create(TodoCreate(title="one"))
    api.line.hang()
    errors = cache_errors("read")
    accepted = api.line.accepted
    answered: list[list[str]] = []

    def request() -> None:
        answered.append(api.titles())

    worker = threading.Thread(target=request, daemon=True)
    worker.start()
    # A guard against hanging forever, not a speed target: the client's timeout is 0.2 s.
    worker.join(timeout=30)
    assert answered == [["one"]], "the request hung on a Redis that does not answer"
    assert cache_errors("read") == errors + 1
    assert api.line.accepted == accepted + 1  # one attempt: no retries to wait through
    assert api.client.get("/readiness").json()["checks"] == {"database": "ok", "cache": "degraded"}


def test_the_database_still_gates_readiness_with_the_cache_up(redis_server: RedisServer) -> None:
    database = SwitchableCheck()
    client = create_redis_client(redis_server.url, timeout_seconds=0.2)
    cache = RedisTodoListCache(client)
    deps = Dependencies(
        repository=CachedTodoRepository(InMemoryTodoRepository(), cache), checks={"database": database}, cache=cache
    )
    with TestClient(create_app(deps)) as api:
        database.up = False
        response = api.get("/readiness")
    client.close()
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "checks": {"database": "unavailable", "cache": "ok"}}


def test_round_trips_todos_exactly(api: Api) -> None:
    todos = [Todo(id=1, title="ünïcode ✓", completed=True), Todo(id=2, title='"quoted"', completed=False)]
    lookup = api.cache.lookup()
    assert lookup is not None
    api.cache.store(lookup.generation, todos)
    assert api.cache.lookup() == type(lookup)(lookup.generation, todos)

"""The todo list cached in Redis: read-through, invalidated by every write, never in the way.

PostgreSQL stays the only source of truth. The cache holds one entry, the whole
list as GET /api/todos returns it, for at most ``ttl_seconds``. Whatever Redis
does, requests are answered from PostgreSQL: every Redis failure is counted
(todo_cache_errors_total), flips todo_cache_up to 0, and the cache is left alone
for ``retry_after_seconds`` so a dead Redis costs requests nothing. Calls time out
quickly and are not retried (redis-py retries three times with backoff by default).

Invalidation by generation: writers INCR a generation counter; a cached list
carries the generation it was read under and is used only while that is still
the current one. A reader that read PostgreSQL just before a write and stores
its list just after it therefore stores a list nobody uses, instead of
overwriting the invalidation. If the INCR cannot be made (Redis away during a
write), this replica bypasses the cache until a later INCR succeeds (its next
readiness probe tries); other replicas may serve the older list until then, and
never past its TTL.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

import redis
from pydantic import TypeAdapter, ValidationError
from redis.backoff import NoBackoff
from redis.retry import Retry

from .metrics import CACHE_ERRORS, CACHE_UP
from .repository import TodoRepository
from .schemas import Todo, TodoCreate, TodoUpdate

logger = logging.getLogger(__name__)

GENERATION_KEY = "todo:list:generation"
LIST_KEY = "todo:list"
TODO_LIST = TypeAdapter(list[Todo])


def create_redis_client(url: str, timeout_seconds: float) -> redis.Redis:
    """A client that gives up fast: one attempt, short connect and read timeouts."""
    return redis.Redis.from_url(
        url,
        socket_connect_timeout=timeout_seconds,
        socket_timeout=timeout_seconds,
        retry=Retry(NoBackoff(), 0),
        retry_on_timeout=False,
    )


@dataclass(frozen=True)
class Lookup:
    """What the cache knows: the current generation, and the list when it is cached for it."""

    generation: int
    todos: list[Todo] | None


class RedisTodoListCache:
    def __init__(
        self,
        client: redis.Redis,
        ttl_seconds: float = 30.0,
        retry_after_seconds: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = client
        self._ttl_ms = max(1, int(ttl_seconds * 1000))
        self._retry_after = retry_after_seconds
        self._clock = clock
        self._resting_until = float("-inf")
        self._invalidation_pending = False

    def lookup(self) -> Lookup | None:
        """The cached list, or a miss with the generation to store under; None while the cache is unusable."""
        if self._resting():
            return None
        try:
            if self._invalidation_pending:
                self._client.incr(GENERATION_KEY)
                self._invalidation_pending = False
            generation, cached = self._client.mget(GENERATION_KEY, LIST_KEY)
        except redis.RedisError as error:
            self._failed("read", error)
            return None
        self._answered()
        current = int(generation or 0)
        return Lookup(current, self._decode(cached, current))

    def store(self, generation: int, todos: list[Todo]) -> None:
        if self._resting():
            return
        entry = json.dumps({"generation": generation, "todos": TODO_LIST.dump_python(todos, mode="json")})
        try:
            self._client.set(LIST_KEY, entry, px=self._ttl_ms)
        except redis.RedisError as error:
            self._failed("write", error)
            return
        self._answered()

    def invalidate(self) -> None:
        """Called after every committed write. One that cannot reach Redis stays pending:
        lookup() makes it first, and bypasses the cache until it succeeds."""
        if self._resting():
            self._invalidation_pending = True
            return
        try:
            self._client.incr(GENERATION_KEY)
        except redis.RedisError as error:
            self._invalidation_pending = True
            self._failed("invalidate", error)
            return
        self._invalidation_pending = False
        self._answered()

    def ping(self) -> bool:
        """For /readiness: reports, never raises. A success ends the rest early and makes a
        pending invalidation, so the other replicas stop serving the older list soon too."""
        try:
            self._client.ping()
            if self._invalidation_pending:
                self._client.incr(GENERATION_KEY)
                self._invalidation_pending = False
        except redis.RedisError as error:
            self._failed("ping", error)
            return False
        self._resting_until = float("-inf")
        self._answered()
        return True

    def _decode(self, cached: bytes | None, generation: int) -> list[Todo] | None:
        if cached is None:
            return None
        try:
            entry = json.loads(cached)
            if entry.get("generation") != generation:
                return None  # stored under an older generation: a write came after it
            return TODO_LIST.validate_python(entry["todos"])
        except (ValueError, KeyError, TypeError, AttributeError, ValidationError):
            logger.warning("ignoring an unreadable todo cache entry")
            return None

    def _resting(self) -> bool:
        return self._clock() < self._resting_until

    def _answered(self) -> None:
        CACHE_UP.set(1)

    def _failed(self, operation: str, error: redis.RedisError) -> None:
        # The error's type only: its message can carry the Redis host and port.
        logger.warning("todo cache %s failed (%s); serving from PostgreSQL", operation, type(error).__name__)
        CACHE_ERRORS.labels(operation).inc()
        CACHE_UP.set(0)
        self._resting_until = self._clock() + self._retry_after


class CachedTodoRepository:
    """A TodoRepository whose list() goes through the cache; every write invalidates it."""

    def __init__(self, inner: TodoRepository, cache: RedisTodoListCache) -> None:
        self._inner = inner
        self._cache = cache

    def list(self) -> list[Todo]:
        lookup = self._cache.lookup()
        if lookup is not None and lookup.todos is not None:
            return lookup.todos
        todos = self._inner.list()
        if lookup is not None:
            self._cache.store(lookup.generation, todos)
        return todos

    def get(self, todo_id: int) -> Todo | None:
        return self._inner.get(todo_id)

    def create(self, data: TodoCreate) -> Todo:
        todo = self._inner.create(data)
        self._cache.invalidate()
        return todo

    def update(self, todo_id: int, data: TodoUpdate) -> Todo | None:
        todo = self._inner.update(todo_id, data)
        if todo is not None:
            self._cache.invalidate()
        return todo

    def delete(self, todo_id: int) -> bool:
        deleted = self._inner.delete(todo_id)
        if deleted:
            self._cache.invalidate()
        return deleted

import pytest

from tests.fake_backend import FakeBackend
from todo_mcp.backend import BackendError, TodoBackend

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def test_calls_the_todo_api() -> None:
    fake = FakeBackend()
    async with fake.client() as client:
        backend = TodoBackend(client)
        todo = await backend.add_todo("Ship it")
        await backend.set_completed(todo["id"], True)
        await backend.rename_todo(todo["id"], "Ship it today")
        assert await backend.list_todos() == [{"id": 1, "title": "Ship it today", "completed": True}]
        await backend.delete_todo(todo["id"])
    assert fake.requests == [
        ("POST", "/api/todos"),
        ("PATCH", "/api/todos/1"),
        ("PATCH", "/api/todos/1"),
        ("GET", "/api/todos"),
        ("DELETE", "/api/todos/1"),
    ]


async def test_explains_a_missing_todo() -> None:
    async with FakeBackend().client() as client:
        with pytest.raises(BackendError, match="Todo 5 not found"):
            await TodoBackend(client).set_completed(5, True)


async def test_explains_an_unreachable_backend() -> None:
    fake = FakeBackend()
    fake.down = True
    async with fake.client() as client:
        with pytest.raises(BackendError, match="unreachable"):
            await TodoBackend(client).list_todos()

from datetime import UTC, datetime, timedelta

import pytest
from mcp.server.mcpserver.exceptions import ToolError
from starlette.testclient import TestClient

from tests.fake_backend import FakeBackend
from todo_mcp.server import create_app, create_server

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def test_exposes_the_todo_operations_as_tools() -> None:
    tools = await create_server(FakeBackend().client).list_tools()
    assert sorted(tool.name for tool in tools) == [
        "add_todo",
        "complete_todo",
        "delete_todo",
        "list_todos",
        "rename_todo",
    ]
    assert all(tool.description for tool in tools)


async def test_tools_act_on_the_backend() -> None:
    fake = FakeBackend()
    server = create_server(fake.client)
    await server.call_tool("add_todo", {"title": "Water the plants"})
    await server.call_tool("complete_todo", {"todo_id": 1})
    assert fake.todos == {1: {"id": 1, "title": "Water the plants", "completed": True}}
    result = await server.call_tool("delete_todo", {"todo_id": 1})
    assert fake.todos == {}
    assert "Deleted todo 1." in str(result)


async def test_a_backend_failure_reaches_the_model_as_a_message() -> None:
    fake = FakeBackend()
    server = create_server(fake.client)
    with pytest.raises(ToolError, match="Todo 3 not found"):
        await server.call_tool("complete_todo", {"todo_id": 3})


def test_answers_the_health_probe_with_status_and_time_without_asking_the_backend() -> None:
    fake = FakeBackend()
    fake.down = True
    client = TestClient(create_app(create_server(fake.client)))
    response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert sorted(body) == ["status", "timestamp"]
    assert body["status"] == "ok"
    # RFC 3339 in UTC ("Z"), the server's current time.
    assert body["timestamp"].endswith("Z")
    stamp = datetime.fromisoformat(body["timestamp"])
    assert stamp.utcoffset() == timedelta(0)
    assert abs(datetime.now(UTC) - stamp) < timedelta(minutes=1)
    assert fake.requests == []


def test_serves_mcp_over_streamable_http_to_any_replica() -> None:
    # Stateless JSON mode, reached by its Service name (not localhost), as in the cluster.
    fake = FakeBackend()
    headers = {"accept": "application/json, text/event-stream", "content-type": "application/json"}
    with TestClient(create_app(create_server(fake.client)), base_url="http://todo-mcp:8080") as client:
        initialized = client.post(
            "/mcp",
            headers=headers,
            json={
                "jsonrpc": "2.0",
                "id": 1,
                "method": "initialize",
                "params": {
                    "protocolVersion": "2025-06-18",
                    "capabilities": {},
                    "clientInfo": {"name": "test", "version": "1"},
                },
            },
        )
        assert initialized.status_code == 200
        assert initialized.json()["result"]["capabilities"]["tools"] is not None

        called = client.post(
            "/mcp",
            headers={**headers, "mcp-protocol-version": "2025-06-18"},
            json={"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "add_todo", "arguments": {"title": "Call mum"}}},
        )
        assert called.status_code == 200
        assert called.json()["result"]["structuredContent"] == {"id": 1, "title": "Call mum", "completed": False}
        assert fake.todos[1]["title"] == "Call mum"

from fastapi.testclient import TestClient


def test_creates_lists_updates_and_deletes_todos(client: TestClient) -> None:
    created = client.post("/api/todos", json={"title": "  Write the runbook  "})
    assert created.status_code == 201
    todo = created.json()
    assert todo == {"id": todo["id"], "title": "Write the runbook", "completed": False}

    assert client.get("/api/todos").json() == [todo]
    assert client.get(f"/api/todos/{todo['id']}").json() == todo

    done = client.patch(f"/api/todos/{todo['id']}", json={"completed": True})
    assert done.status_code == 200
    assert done.json() == {**todo, "completed": True}

    renamed = client.patch(f"/api/todos/{todo['id']}", json={"title": "Publish the runbook"})
    assert renamed.json() == {**todo, "title": "Publish the runbook", "completed": True}

    assert client.delete(f"/api/todos/{todo['id']}").status_code == 204
    assert client.get("/api/todos").json() == []


def test_rejects_invalid_todos(client: TestClient) -> None:
    assert client.post("/api/todos", json={"title": ""}).status_code == 422
    assert client.post("/api/todos", json={"title": "   "}).status_code == 422
    assert client.post("/api/todos", json={"title": "x" * 201}).status_code == 422
    assert client.post("/api/todos", json={"title": "ok", "owner": "me"}).status_code == 422
    assert client.post("/api/todos", json={}).status_code == 422


def test_answers_404_for_unknown_todos(client: TestClient) -> None:
    for response in (
        client.get("/api/todos/42"),
        client.patch("/api/todos/42", json={"completed": True}),
        client.delete("/api/todos/42"),
    ):
        assert response.status_code == 404
        assert response.json() == {"detail": "Todo 42 not found"}

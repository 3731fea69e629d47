from fastapi.testclient import TestClient

from tests.fakes import SwitchableCheck


def test_liveness_checks_no_dependency(client: TestClient, database: SwitchableCheck) -> None:
    database.up = False
    calls = database.calls
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert database.calls == calls


def test_ready_when_database_and_redis_answer(client: TestClient) -> None:
    response = client.get("/readiness")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "checks": {"database": "ok", "redis": "ok"}}


def test_not_ready_while_the_database_is_down(client: TestClient, database: SwitchableCheck) -> None:
    database.up = False
    response = client.get("/readiness")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "checks": {"database": "unavailable", "redis": "ok"}}

    database.up = True
    assert client.get("/readiness").status_code == 200


def test_not_ready_while_redis_is_down(client: TestClient, cache: SwitchableCheck) -> None:
    cache.up = False
    response = client.get("/readiness")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "redis": "unavailable"}

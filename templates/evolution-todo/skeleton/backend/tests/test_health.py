from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from tests.fakes import SwitchableCheck


def test_liveness_answers_status_and_time_and_checks_no_dependency(
    client: TestClient, database: SwitchableCheck
) -> None:
    database.up = False
    calls = database.calls
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
    assert database.calls == calls


def test_ready_when_the_database_answers_and_no_cache_is_configured(client: TestClient) -> None:
    response = client.get("/readiness")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "checks": {"database": "ok", "cache": "disabled"}}


def test_not_ready_while_the_database_is_down(client: TestClient, database: SwitchableCheck) -> None:
    database.up = False
    response = client.get("/readiness")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "checks": {"database": "unavailable", "cache": "disabled"}}

    database.up = True
    assert client.get("/readiness").status_code == 200

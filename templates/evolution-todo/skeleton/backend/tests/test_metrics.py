from fastapi.testclient import TestClient
from prometheus_client import REGISTRY

from tests.fakes import SwitchableCheck


def requests_total(method: str, route: str, status: str) -> float:
    labels = {"method": method, "route": route, "status": status}
    return REGISTRY.get_sample_value("http_requests_total", labels) or 0.0


def duration_count(method: str, route: str) -> float:
    labels = {"method": method, "route": route}
    return REGISTRY.get_sample_value("http_request_duration_seconds_count", labels) or 0.0


def test_counts_requests_by_route_template_and_status(client: TestClient) -> None:
    before_missing = requests_total("GET", "/api/todos/{todo_id}", "404")
    before_created = requests_total("POST", "/api/todos", "201")
    before_timed = duration_count("GET", "/api/todos/{todo_id}")

    client.post("/api/todos", json={"title": "one"})
    client.get("/api/todos/9001")
    client.get("/api/todos/9002")

    assert requests_total("POST", "/api/todos", "201") == before_created + 1
    # Two different ids, one series: the label is the template, not the path.
    assert requests_total("GET", "/api/todos/{todo_id}", "404") == before_missing + 2
    assert duration_count("GET", "/api/todos/{todo_id}") == before_timed + 2


def test_unknown_paths_share_one_series(client: TestClient) -> None:
    before = requests_total("GET", "<unmatched>", "404")
    client.get("/no/such/path")
    client.get("/another/one")
    assert requests_total("GET", "<unmatched>", "404") == before + 2


def test_counts_503_from_readiness(client: TestClient, database: SwitchableCheck) -> None:
    before = requests_total("GET", "/readiness", "503")
    database.up = False
    client.get("/readiness")
    assert requests_total("GET", "/readiness", "503") == before + 1


def test_serves_the_prometheus_text_format(client: TestClient) -> None:
    client.get("/api/todos")
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert 'http_requests_total{method="GET",route="/api/todos",status="200"}' in response.text
    assert "# TYPE http_request_duration_seconds histogram" in response.text

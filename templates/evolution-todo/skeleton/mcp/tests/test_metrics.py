from prometheus_client import REGISTRY
from starlette.testclient import TestClient

from tests.fake_backend import FakeBackend
from todo_mcp.server import create_app, create_server


def requests_total(method: str, route: str, status: str) -> float:
    labels = {"method": method, "route": route, "status": status}
    return REGISTRY.get_sample_value("http_requests_total", labels) or 0.0


def test_counts_requests_by_route_template_and_status() -> None:
    client = TestClient(create_app(create_server(FakeBackend().client)))
    before_health = requests_total("GET", "/health", "200")
    before_unmatched = requests_total("GET", "<unmatched>", "404")

    client.get("/health")
    client.get("/no/such/path")

    assert requests_total("GET", "/health", "200") == before_health + 1
    assert requests_total("GET", "<unmatched>", "404") == before_unmatched + 1


def test_serves_the_prometheus_text_format() -> None:
    client = TestClient(create_app(create_server(FakeBackend().client)))
    client.get("/health")
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert 'http_requests_total{method="GET",route="/health",status="200"}' in response.text
    assert "# TYPE http_request_duration_seconds histogram" in response.text

"""Prometheus metrics of the HTTP API.

The chart's ServiceMonitor scrapes /metrics, and its alerts (error ratio, p99
latency) read these two series, so keep their names and labels:

- http_requests_total{method, route, status}
- http_request_duration_seconds{method, route} (histogram)

The todo cache (Redis, see cache.py) reports on itself with two more:

- todo_cache_up: 1 while Redis answered the last call, 0 after a failed one
  (and 0 when REDIS_URL is unset: no cache is configured)
- todo_cache_errors_total{operation} (read, write, invalidate, ping)

`route` is the route template (/api/todos/{todo_id}), never the raw path, so the
number of series stays bounded whatever clients request.
"""

from __future__ import annotations

import time

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Counter, Gauge, Histogram, generate_latest
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

UNMATCHED_ROUTE = "<unmatched>"

REQUESTS = Counter(
    "http_requests_total",
    "HTTP requests handled, by method, route template and status code.",
    ["method", "route", "status"],
)
LATENCY = Histogram(
    "http_request_duration_seconds",
    "Time to handle an HTTP request, by method and route template.",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
CACHE_UP = Gauge(
    "todo_cache_up",
    "1 while the todo cache (Redis) answered the last call, 0 after a failed one or when none is configured.",
    [],
)
CACHE_ERRORS = Counter(
    "todo_cache_errors_total",
    "Failed calls to the todo cache (Redis), by operation (read, write, invalidate, ping).",
    ["operation"],
)


def route_template(routes: list[BaseRoute], scope: Scope) -> str:
    """The template of the route a request goes to; a method mismatch still names the route."""
    partial: str | None = None
    for route in routes:
        match, _ = route.matches(scope)
        if match == Match.FULL:
            return getattr(route, "path", UNMATCHED_ROUTE)
        if match == Match.PARTIAL and partial is None:
            partial = getattr(route, "path", None)
    return partial or UNMATCHED_ROUTE


class PrometheusMiddleware:
    """Counts and times every HTTP request (plain ASGI: streaming responses pass through untouched)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        route = route_template(scope["app"].routes, scope)
        status = 500  # what the client gets when the app raises before responding
        started = time.perf_counter()

        async def send_with_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_with_status)
        finally:
            REQUESTS.labels(scope["method"], route, str(status)).inc()
            LATENCY.labels(scope["method"], route).observe(time.perf_counter() - started)


def metrics_endpoint(_request: Request) -> Response:
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)

#!/usr/bin/env python3
"""Runs a generated repository's services together on loopback and checks how they behave:
PostgreSQL and redis-server (Debian's), the backend and the MCP server under uvicorn from
their venvs, and the frontend's built standalone server (what the image runs), each on a
free port, each given its settings the way the chart gives them (environment variables).
Then it takes Redis away, then the backend, and checks what users get. Every process it
started is stopped at the end, whatever happened.

  scripts/skeleton-stack-check.py REPO BACKEND_VENV MCP_VENV

REPO is a rendered repository whose frontend was built (npm ci && npm run build).
Standard library only: it runs on the machine's python3.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

STARTUP_TIMEOUT_S = 60.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def http(method: str, url: str, body: object | None = None, headers: dict[str, str] | None = None):
    """(status, headers, parsed JSON or text) of one request; HTTP errors are answers too."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if data is not None:
        request.add_header("content-type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status, response_headers, raw = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, response_headers, raw = error.code, error.headers, error.read()
    text = raw.decode("utf-8", "replace")
    try:
        return status, response_headers, json.loads(text) if text else None
    except ValueError:
        return status, response_headers, text


class Stack:
    def __init__(self, repo: Path, backend_venv: Path, mcp_venv: Path) -> None:
        self.repo = repo
        self.backend_venv = backend_venv
        self.mcp_venv = mcp_venv
        self.work = Path(tempfile.mkdtemp(prefix="skeleton-stack-"))
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.logs: dict[str, Path] = {}
        self.ports = {name: free_port() for name in ("postgres", "redis", "backend", "mcp", "frontend")}
        self.password = secrets.token_urlsafe(16)

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.ports[name]}"

    # --- processes ---------------------------------------------------------------------------

    def start(self, name: str, command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None,
              user: str | None = None) -> None:
        log = self.work / f"{name}.log"
        self.logs[name] = log
        if user:
            command = ["runuser", "-u", user, "--", *command]
        with log.open("wb") as out:
            self.processes[name] = subprocess.Popen(
                command, cwd=cwd, env={**os.environ, **(env or {})}, stdout=out, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )

    def stop(self, name: str) -> None:
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def stop_all(self) -> None:
        for name in reversed(list(self.processes)):
            self.stop(name)
        shutil.rmtree(self.work, ignore_errors=True)

    def wait_until(self, name: str, ready: Callable[[], bool]) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while time.monotonic() < deadline:
            process = self.processes[name]
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited with {process.returncode}:\n{self.tail(name)}")
            try:
                if ready():
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{name} was not ready after {STARTUP_TIMEOUT_S:.0f} s:\n{self.tail(name)}")

    def tail(self, name: str) -> str:
        log = self.logs.get(name)
        return "\n".join(log.read_text(errors="replace").splitlines()[-20:]) if log and log.exists() else ""

    def port_open(self, name: str) -> bool:
        with socket.socket() as probe:
            probe.settimeout(0.5)
            return probe.connect_ex(("127.0.0.1", self.ports[name])) == 0

    # --- the services --------------------------------------------------------------------------

    def start_postgres(self) -> None:
        bindir = postgres_bindir()
        # postgres refuses to run as root: as root, run it as nobody in a folder nobody owns.
        user = "nobody" if os.geteuid() == 0 else None
        folder = self.work / "postgres"
        folder.mkdir()
        (folder / "password").write_text(self.password)
        if user:
            shutil.chown(self.work, user)
            shutil.chown(folder, user)
            shutil.chown(folder / "password", user)
        as_user = ["runuser", "-u", user, "--"] if user else []
        subprocess.run(
            [*as_user, str(bindir / "initdb"), "-D", str(folder / "data"), "-U", "todo",
             "--auth=scram-sha-256", f"--pwfile={folder / 'password'}", "--no-sync"],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        self.start("postgres", [str(bindir / "postgres"), "-D", str(folder / "data"), "-p", str(self.ports["postgres"]),
                                "-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={folder}",
                                "-c", "fsync=off"], user=user)
        self.wait_until("postgres", lambda: self.port_open("postgres") and subprocess.run(
            [str(bindir / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.ports["postgres"])],
            stdout=subprocess.DEVNULL).returncode == 0)
        subprocess.run(
            [str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(self.ports["postgres"]), "-U", "todo", "todo"],
            check=True, env={**os.environ, "PGPASSWORD": self.password},
        )

    def start_redis(self) -> None:
        self.start("redis", ["redis-server", "--port", str(self.ports["redis"]), "--bind", "127.0.0.1",
                             "--save", "", "--appendonly", "no", "--dir", str(self.work)])
        self.wait_until("redis", lambda: self.port_open("redis"))

    def start_backend(self) -> None:
        # The backend's ConfigMap and Secret, as the chart renders them (configMaps.ts).
        env = {
            "DATABASE_HOST": "127.0.0.1",
            "DATABASE_PORT": str(self.ports["postgres"]),
            "DATABASE_NAME": "todo",
            "DATABASE_USER": "todo",
            "DATABASE_PASSWORD": self.password,
            "REDIS_URL": f"redis://127.0.0.1:{self.ports['redis']}/0",
            "LOG_LEVEL": "info",
        }
        self.start("backend", [str(self.backend_venv / "bin" / "python"), "-m", "uvicorn", "app.main:app",
                               "--host", "127.0.0.1", "--port", str(self.ports["backend"])],
                   cwd=self.repo / "backend", env=env)
        self.wait_until("backend", lambda: http("GET", f"{self.url('backend')}/readiness")[0] == 200)

    def start_mcp(self) -> None:
        env = {"BACKEND_URL": self.url("backend"), "LOG_LEVEL": "info"}
        self.start("mcp", [str(self.mcp_venv / "bin" / "python"), "-m", "uvicorn", "todo_mcp.server:app",
                           "--host", "127.0.0.1", "--port", str(self.ports["mcp"])],
                   cwd=self.repo / "mcp", env=env)
        self.wait_until("mcp", lambda: http("GET", f"{self.url('mcp')}/health")[0] == 200)

    def start_frontend(self) -> None:
        # The image's runtime stage: the standalone server with public/ and .next/static beside it.
        frontend = self.repo / "frontend"
        standalone = frontend / ".next" / "standalone"
        if not (standalone / "server.js").exists():
            raise RuntimeError(f"{standalone}/server.js is missing: build the frontend first (npm run build)")
        shutil.copytree(frontend / "public", standalone / "public", dirs_exist_ok=True)
        shutil.copytree(frontend / ".next" / "static", standalone / ".next" / "static", dirs_exist_ok=True)
        # BACKEND_URL is given only now, at run time: the build never saw it.
        env = {"PORT": str(self.ports["frontend"]), "HOSTNAME": "127.0.0.1", "NODE_ENV": "production",
               "NEXT_TELEMETRY_DISABLED": "1", "BACKEND_URL": self.url("backend")}
        self.start("frontend", ["node", "server.js"], cwd=standalone, env=env)
        self.wait_until("frontend", lambda: http("GET", f"{self.url('frontend')}/api/health")[0] == 200)


def postgres_bindir() -> Path:
    found = shutil.which("pg_config")
    if found:
        bindir = subprocess.run([found, "--bindir"], capture_output=True, text=True, check=True).stdout.strip()
        if (Path(bindir) / "initdb").exists():
            return Path(bindir)
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    if not versions:
        raise RuntimeError("PostgreSQL's server binaries are missing (Debian: apt-get install postgresql)")
    return versions[-1].parent


class Checks:
    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0

    def check(self, name: str, condition: bool, detail: object = "") -> None:
        if condition:
            self.passed += 1
            print(f"ok - {name}")
        else:
            self.failed += 1
            print(f"not ok - {name}: {detail}")


def is_utc_timestamp(value: object) -> bool:
    if not isinstance(value, str) or not value.endswith("Z"):
        return False
    try:
        from datetime import datetime, timedelta, timezone

        stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return abs(datetime.now(timezone.utc) - stamp) < timedelta(minutes=5)
    except ValueError:
        return False


def metric(text: str, line_start: str) -> float | None:
    for line in text.splitlines():
        if line.startswith(line_start + " "):
            return float(line.rsplit(" ", 1)[1])
    return None


def mcp_call(stack: Stack, call_id: int, method: str, params: dict) -> tuple[int, object]:
    headers = {"accept": "application/json, text/event-stream", "mcp-protocol-version": "2025-06-18"}
    status, _, body = http("POST", f"{stack.url('mcp')}/mcp",
                           {"jsonrpc": "2.0", "id": call_id, "method": method, "params": params}, headers)
    return status, body


def run(stack: Stack) -> Checks:
    checks = Checks()
    stack.start_postgres()
    stack.start_redis()
    stack.start_backend()
    stack.start_mcp()
    stack.start_frontend()
    backend, frontend = stack.url("backend"), stack.url("frontend")

    status, _, body = http("GET", f"{backend}/health")
    checks.check("backend /health answers status and an RFC 3339 UTC timestamp",
                 status == 200 and body.get("status") == "ok" and is_utc_timestamp(body.get("timestamp")), body)
    status, _, body = http("GET", f"{stack.url('mcp')}/health")
    checks.check("mcp /health answers status and an RFC 3339 UTC timestamp",
                 status == 200 and body.get("status") == "ok" and is_utc_timestamp(body.get("timestamp")), body)
    status, _, body = http("GET", f"{frontend}/api/health")
    checks.check("frontend /api/health answers status and an RFC 3339 UTC timestamp",
                 status == 200 and body.get("status") == "ok" and is_utc_timestamp(body.get("timestamp")), body)
    status, _, body = http("GET", f"{backend}/readiness")
    checks.check("backend ready on PostgreSQL with its cache in Redis",
                 (status, body) == (200, {"status": "ready", "checks": {"database": "ok", "cache": "ok"}}), body)

    status, _, created = http("POST", f"{frontend}/api/todos", {"title": "through the frontend"})
    checks.check("the frontend's /api proxy creates a todo in PostgreSQL through the backend",
                 status == 201 and created.get("title") == "through the frontend", (status, created))
    lists = [http("GET", f"{frontend}/api/todos")[2] for _ in range(2)]
    checks.check("the list comes back through the proxy (read, then served from the cache)",
                 lists[0] == lists[1] == [created], lists)

    status, _ = mcp_call(stack, 1, "initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                                                  "clientInfo": {"name": "stack-check", "version": "1"}})
    status, body = mcp_call(stack, 2, "tools/call", {"name": "add_todo", "arguments": {"title": "through MCP"}})
    titles = [todo["title"] for todo in http("GET", f"{frontend}/api/todos")[2]]
    checks.check("a todo added through the MCP server shows in the frontend's list at once (cache invalidated)",
                 status == 200 and titles == ["through the frontend", "through MCP"], (status, body, titles))
    metrics = http("GET", f"{backend}/metrics")[2]
    checks.check("backend /metrics: todo_cache_up 1", metric(metrics, "todo_cache_up") == 1.0,
                 metric(metrics, "todo_cache_up"))

    stack.stop("redis")
    status, _, body = http("GET", f"{frontend}/api/todos")
    checks.check("Redis gone: the list is still served, from PostgreSQL",
                 status == 200 and [t["title"] for t in body] == titles, (status, body))
    status, _, body = http("PATCH", f"{frontend}/api/todos/{created['id']}", {"completed": True})
    checks.check("Redis gone: writes still succeed", status == 200 and body.get("completed") is True, (status, body))
    status, _, body = http("GET", f"{backend}/readiness")
    checks.check("Redis gone: the backend stays ready and reports its cache degraded",
                 (status, body) == (200, {"status": "ready", "checks": {"database": "ok", "cache": "degraded"}}),
                 (status, body))
    metrics = http("GET", f"{backend}/metrics")[2]
    errors = sum(float(line.rsplit(" ", 1)[1]) for line in metrics.splitlines()
                 if line.startswith("todo_cache_errors_total{"))
    checks.check("Redis gone: todo_cache_up 0 and todo_cache_errors_total counts the failures",
                 metric(metrics, "todo_cache_up") == 0.0 and errors > 0, (metric(metrics, "todo_cache_up"), errors))

    stack.stop("backend")
    status, headers, body = http("GET", f"{frontend}/api/todos")
    checks.check("backend gone: the frontend's proxy answers 502 with a JSON detail",
                 status == 502 and headers.get("content-type", "").startswith("application/json")
                 and "unreachable" in str(body.get("detail") if isinstance(body, dict) else body), (status, body))
    return checks


def main() -> int:
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    repo, backend_venv, mcp_venv = (Path(arg).resolve() for arg in sys.argv[1:])
    # Stopped from outside (a CI timeout, Ctrl-C): still stop every service below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    stack = Stack(repo, backend_venv, mcp_venv)
    try:
        checks = run(stack)
    except Exception as error:  # noqa: BLE001  (reported, and the stack is stopped below)
        print(f"not ok - the stack could not be run: {error}")
        for name in stack.logs:
            print(f"--- {name} log (last lines)\n{stack.tail(name)}")
        print("stack: 0 passed, 1 failed")
        return 1
    finally:
        stack.stop_all()
    print(f"stack: {checks.passed} passed, {checks.failed} failed")
    return 0 if checks.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

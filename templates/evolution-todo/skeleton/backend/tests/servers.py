"""Real services for the tests, on free loopback ports, stopped whatever the outcome:
a redis-server process, and a TCP proxy in front of it that can cut the line
(Redis unreachable) or swallow requests (Redis hung) while Redis keeps its data."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

REDIS_SERVER = "redis-server"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen[bytes] | None = None, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{REDIS_SERVER} exited with {process.returncode} before listening on {port}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.02)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


class RedisServer:
    """redis-server on a free port, no persistence, in its own temporary folder."""

    def __init__(self) -> None:
        executable = shutil.which(REDIS_SERVER)
        if executable is None:
            raise RuntimeError(
                f"{REDIS_SERVER} is needed by the cache tests and is not on PATH "
                "(Debian: apt-get install redis-server)"
            )
        self.port = free_port()
        self._folder = tempfile.TemporaryDirectory(prefix="todo-redis-")
        self._process = subprocess.Popen(
            [executable, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", self._folder.name, "--logfile", str(Path(self._folder.name) / "redis.log")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            wait_for_port(self.port, self._process)
        except BaseException:
            self.stop()
            raise

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._folder.cleanup()


class TcpProxy:
    """Forwards 127.0.0.1:port to a target. cut(): connections dropped and refused,
    like a Redis gone from the network; hang(): connections accepted, nothing answered,
    like a Redis that stopped responding; restore(): forwarding again."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = free_port()
        self.mode = "forward"
        self.accepted = 0  # connections accepted, in any mode
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._listener: socket.socket | None = None
        self._listen()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def cut(self) -> None:
        self.mode = "cut"
        self._close_all()

    def hang(self) -> None:
        self._close_all()
        self.mode = "hang"
        self._listen()

    def restore(self) -> None:
        self._close_all()
        self.mode = "forward"
        self._listen()

    def stop(self) -> None:
        self.mode = "cut"
        self._close_all()

    def _listen(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen()
        with self._lock:
            self._listener = listener
            self._sockets.append(listener)
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # closed by cut(), hang(), restore() or stop()
            with self._lock:
                self._sockets.append(client)
                self.accepted += 1
            if self.mode != "forward":
                continue  # "hang": hold the connection, answer nothing
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            with self._lock:
                self._sockets.append(upstream)
            threading.Thread(target=self._pipe, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def _close_all(self) -> None:
        with self._lock:
            sockets, self._sockets, self._listener = self._sockets, [], None
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

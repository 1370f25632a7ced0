"""Servers for the tests, on 127.0.0.1 only: a built site's files (`serve_directory`), and
`mkdocs serve` as a subprocess, to look at what it serves and logs."""

from __future__ import annotations

import functools
import http.server
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

REBUILT = "Reloading browsers"
REBUILD_FAILED = "An error happened during the rebuild"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging each request."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_directory(directory: Path, handler: type[http.server.SimpleHTTPRequestHandler]
                    = QuietHandler) -> Iterator[str]:
    """Serve the files of `directory` on 127.0.0.1 and give the base URL."""
    bound = functools.partial(handler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), bound)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    """A TCP port nobody listens on right now (bound to 127.0.0.1:0, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Response:
    """One HTTP answer; `status` is None when the server did not answer in time."""

    status: int | None
    text: str


class Server:
    """`mkdocs serve` with live reload, its output collected line by line in threads."""

    def __init__(self, config_file: Path, *, port: int | None = None) -> None:
        self.config_file = config_file
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.lines: list[str] = []  # stderr, where MkDocs logs everything
        self.stdout: list[str] = []
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self.process: subprocess.Popen[str] | None = None

    # -- process -------------------------------------------------------------------------

    def start(self) -> None:
        """Start the server (not waiting for it: see `wait_for_log`)."""
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(self.config_file),
             "-a", f"127.0.0.1:{self.port}"],
            cwd=self.config_file.parent, env=env, text=True, encoding="utf-8",
            errors="replace", stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE)
        for stream, sink in ((self.process.stderr, self.lines), (self.process.stdout, self.stdout)):
            assert stream is not None
            thread = threading.Thread(target=self._read, args=(stream, sink), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _read(self, stream: IO[str], sink: list[str]) -> None:
        for line in stream:
            with self._lock:
                sink.append(line.rstrip("\n"))

    def alive(self) -> bool:
        """The process is still running."""
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout: float = 15) -> int | None:
        """Ctrl+C, as an author would; kill if it does not exit in time. Returns the exit code."""
        if self.process is None:
            return None
        stopped = True
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                stopped = False
                self.process.kill()
                self.process.wait(timeout=timeout)
        for thread in self._threads:
            thread.join(timeout=5)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()
        return self.process.returncode if stopped else None  # None: Ctrl+C did not stop it

    # -- log -----------------------------------------------------------------------------

    def mark(self) -> int:
        """A position in the log; `since(mark)` gives what came after."""
        with self._lock:
            return len(self.lines)

    def since(self, mark: int = 0) -> list[str]:
        """Log lines after a mark."""
        with self._lock:
            return self.lines[mark:]

    def tail(self, mark: int = 0, count: int = 60) -> str:
        """The end of the log (and any stdout), for failure messages."""
        with self._lock:
            stdout = "\n".join(self.stdout[-count:])
        return "\n".join(self.since(mark)[-count:]) + (f"\n[stdout]\n{stdout}" if stdout else "")

    def wait_until(self, check: Callable[[], object], what: str, *, timeout: float = 20,
                   mark: int = 0) -> object:
        """Poll `check` until it returns something true; fail with the log if it never does
        or if the server dies meanwhile."""
        deadline = time.monotonic() + timeout
        while True:
            result = check()
            if result:
                return result
            if not self.alive():
                raise AssertionError(f"the server died ({what}); exit code "
                                     f"{self.process and self.process.returncode}; log:\n"
                                     + self.tail(mark))
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {timeout} s waiting for {what}; log:\n"
                                     + self.tail(mark))
            time.sleep(0.2)

    def wait_for_log(self, text: str, *, mark: int = 0, timeout: float = 20) -> str:
        """The first log line after `mark` containing `text`."""
        def found() -> str | None:
            return next((line for line in self.since(mark) if text in line), None)
        return str(self.wait_until(found, f"{text!r} in the log", timeout=timeout, mark=mark))

    def wait_for_rebuild(self, mark: int, *, timeout: float = 20) -> bool:
        """Wait for the rebuild triggered after `mark` to end; True if it succeeded."""
        def ended() -> str | None:
            return next((line for line in self.since(mark)
                         if REBUILT in line or REBUILD_FAILED in line), None)
        line = str(self.wait_until(ended, "the rebuild to end", timeout=timeout, mark=mark))
        return REBUILT in line

    # -- HTTP ----------------------------------------------------------------------------

    def get(self, path: str, *, timeout: float = 5) -> Response:
        """GET a page of the site; 404s are answers too, no answer in time is status None."""
        url = self.base + path.lstrip("/")
        try:
            with urllib.request.urlopen(url, timeout=timeout) as answer:
                return Response(answer.status, answer.read().decode("utf-8", "replace"))
        except urllib.error.HTTPError as error:
            return Response(error.code, error.read().decode("utf-8", "replace"))
        except (urllib.error.URLError, OSError):  # refused, reset or timed out
            return Response(None, "")

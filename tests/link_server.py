"""A local web server for the link checker's tests: a path for each kind of answer.

http.server in a thread on a free loopback port, plus a port that accepts connections and
never answers, and one where nothing listens.
"""

import contextlib
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SLOW_SECONDS = 3  # beyond the tests' one-second timeout


class Handler(BaseHTTPRequestHandler):
    def _answer(self, head):
        path = self.path.split("?")[0]
        # Noted before answering, so a GET sent after this answer is noted after it.
        self.server.seen.append((self.command, path, self.headers.get("User-Agent")))
        if path == "/slow":
            time.sleep(SLOW_SECONDS)
        status = {
            "/ok": 200,
            "/slow": 200,
            "/moved": 301,
            "/moved-away": 301,
            "/to-internal": 302,
            "/missing": 404,
            "/error": 500,
            "/forbidden": 403,
            "/no-head": 405 if head else 200,
        }.get(path, 404)
        self.send_response(status)
        if path in ("/moved", "/moved-away", "/to-internal"):
            port = self.server.server_address[1]
            self.send_header(
                "Location",
                {"/moved": "/ok", "/moved-away": "/missing"}.get(
                    path, f"http://localhost:{port}/ok"
                ),
            )
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):
        self._answer(head=True)

    def do_GET(self):
        self._answer(head=False)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def link_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.seen = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    # Accepts connections (the kernel's backlog does) and never says a word.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    closed_port = closed.getsockname()[1]
    closed.close()
    try:
        yield {
            "base": f"http://127.0.0.1:{server.server_address[1]}",
            "never": f"http://127.0.0.1:{silent.getsockname()[1]}/never",
            "closed": f"http://127.0.0.1:{closed_port}/closed",
            "seen": server.seen,
        }
    finally:
        server.shutdown()
        server.server_close()
        silent.close()

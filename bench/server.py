"""A production-like server for the benches: gunicorn, DEBUG off, collected static files,
a fresh SQLite database (or DATABASE_URL) holding the shipped seed content.

Used by bench/lighthouse.py and bench/load.py; run by hand, never in CI.
"""

import contextlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(database_url):
    env = dict(os.environ)
    env.update(
        DEBUG="false",
        SECRET_KEY="bench-only-not-secret",
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        LOG_LEVEL="ERROR",
    )
    env.pop("STATICFILES_BACKEND", None)  # the production default: hashed, compressed files
    return env


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


# The same page types the accessibility and HTML tests check (tests/public_content.py).
PATHS_SCRIPT = """
import json
from tests.public_content import page_paths
print(json.dumps(page_paths()))
"""


@contextlib.contextmanager
def running_server(workers=2, notices=0):
    """Yield (base_url, {page type: path}) for a gunicorn serving the seed content and
    ``notices`` more generated notices (bench/seed.py)."""
    with tempfile.TemporaryDirectory(prefix="embassy-bench-") as tmp:
        database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{tmp}/bench.sqlite3"
        env = production_env(database_url)
        manage(env, "migrate", "--no-input", "-v0")
        manage(env, "loaddata", "nato_azerbaijan", "notices", "-v0")
        if notices:
            seed = (ROOT / "bench" / "seed.py").read_text()
            subprocess.run(
                [sys.executable, "manage.py", "shell", "-v0", "-c", seed],
                cwd=ROOT,
                env={**env, "SEED_NOTICES": str(notices)},
                check=True,
            )
        manage(env, "collectstatic", "--no-input", "-v0")
        paths = json.loads(
            subprocess.run(
                [sys.executable, "manage.py", "shell", "-v0", "-c", PATHS_SCRIPT],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "embassy_site.wsgi",
                "--bind", f"127.0.0.1:{port}",
                "--workers", str(workers),
                "--no-control-socket",
                "--log-level", "warning",
            ],
            cwd=ROOT,
            env=env,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/robots.txt", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            else:
                raise RuntimeError("gunicorn did not start")
            yield base, paths
        finally:
            server.terminate()
            server.wait(timeout=10)

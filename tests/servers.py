"""Real servers for the tests that need one: gunicorn (and nginx, see test_front_server).

Each runs in its own process group on a free loopback port and is stopped by its context
manager, whatever the test did.
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def closed_port():
    """A loopback port nothing listens on (bound once, then released)."""
    return free_port()


def site_env(**overrides):
    """Production-like settings for a subprocess: DEBUG off, plain static storage.

    The site's own settings module, not the tests' (pytest exports tests.settings, whose
    toy page type has no migrations and no tables outside the test database).
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(
        DJANGO_SETTINGS_MODULE="embassy_site.settings",
        DEBUG="false",
        SECRET_KEY="test-only-not-secret",
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
        LOG_LEVEL="CRITICAL",
    )
    env.update(overrides)
    return env


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )


def fetch(url, headers=None, timeout=10):
    """(status, headers, body) for a GET, errors included: no redirects followed."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def wait_for(url, process, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            with socket.create_connection(url, timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the server did not start in time")


@contextlib.contextmanager
def running(command, address, env=None, cwd=ROOT):
    """Start ``command``, wait until ``address`` (host, port) accepts, stop it afterwards."""
    process = subprocess.Popen(command, cwd=cwd, env=env, start_new_session=True)
    try:
        wait_for(address, process)
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


@contextlib.contextmanager
def gunicorn(env, workers=1):
    """Yield the base URL of a gunicorn serving the site with the shipped gunicorn.conf.py."""
    port = free_port()
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": str(workers)}
    command = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py")]
    with running([*command, "embassy_site.wsgi"], ("127.0.0.1", port), env=env):
        yield f"http://127.0.0.1:{port}"

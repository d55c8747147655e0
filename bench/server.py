"""Production-like servers for the benches: gunicorn, DEBUG off, collected static files,
a scratch SQLite database (or DATABASE_URL, which is EMPTIED first) holding the shipped
seed content and any number of generated notices; and the bare Django view, the floor.

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
# ../shared/tools/bare_django.py from the main checkout, or from a worktree under /work/wt.
BARE_CANDIDATES = [ROOT.parent / "shared" / "tools", ROOT.parents[1] / "shared" / "tools"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(database_url, **overrides):
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
    env.update(overrides)
    return env


def manage(env, *args, capture=False):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=capture,
        text=True,
    )
    return result.stdout if capture else None


def shell(env, code, **extra):
    output = manage({**env, **extra}, "shell", "-v0", "-c", code, capture=True)
    return output.strip().splitlines()[-1] if output.strip() else ""


# The same page types the accessibility and HTML tests check (tests/public_content.py).
PATHS_SCRIPT = """
import json
from tests.public_content import page_paths
print(json.dumps(page_paths()))
"""


IMAGES_SCRIPT = """
from tests.public_content import add_images
add_images()
"""


def seed(env, notices):
    """Generate ``notices`` more notices (bench/seed.py) and analyse the tables."""
    if notices:
        shell(env, (ROOT / "bench" / "seed.py").read_text(), SEED_NOTICES=str(notices))


def flush_cache(env):
    url = env.get("CACHE_URL", "")
    if url.startswith("redis://"):
        import redis

        redis.Redis.from_url(url).flushdb()


@contextlib.contextmanager
def prepared(notices=0, images=False):
    """Yield (env, {page type: path}) for a database with the seed and ``notices`` more;
    with ``images``, the lead and body images the HTML and axe tests check too
    (tests/public_content.add_images), their files in a temporary MEDIA_ROOT."""
    with tempfile.TemporaryDirectory(prefix="embassy-bench-") as tmp:
        database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{tmp}/bench.sqlite3"
        env = production_env(database_url, **({"MEDIA_ROOT": f"{tmp}/media"} if images else {}))
        manage(env, "migrate", "--no-input", "-v0")
        manage(env, "flush", "--no-input", "-v0")  # a rerun starts from the same content
        manage(env, "loaddata", "nato_azerbaijan", "notices", "pages", "-v0")
        if images:
            shell(env, IMAGES_SCRIPT)
        seed(env, notices)
        manage(env, "collectstatic", "--no-input", "-v0")
        flush_cache(env)
        yield env, json.loads(shell(env, PATHS_SCRIPT))


def _wait(base, process, path="/"):
    for _ in range(150):
        if process.poll() is not None:
            raise RuntimeError("the server exited")
        try:
            urllib.request.urlopen(base + path, timeout=1)
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


@contextlib.contextmanager
def gunicorn(app, env, cwd=ROOT, workers=2, probe="/robots.txt"):
    port = free_port()
    # Absolute links (canonical, hreflang) name the address the bench and Lighthouse use.
    env = {**env, "SITE_URL": f"http://127.0.0.1:{port}"}
    command = [sys.executable, "-m", "gunicorn", app, "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--no-control-socket", "--log-level", "warning"]
    server = subprocess.Popen(command, cwd=cwd, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base, server, probe)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


@contextlib.contextmanager
def site(env, workers=2, **overrides):
    with gunicorn("embassy_site.wsgi", {**env, **overrides}, workers=workers) as base:
        yield base


@contextlib.contextmanager
def bare_view(workers=2):
    """The floor: a bare Django view, no middleware, no database, 200 bytes."""
    folder = next((f for f in BARE_CANDIDATES if (f / "bare_django.py").exists()), None)
    if folder is None:
        sys.exit(f"bare_django.py not found in {', '.join(map(str, BARE_CANDIDATES))}")
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    with gunicorn("bare_django:application", env, cwd=folder, workers=workers, probe="/") as b:
        yield b + "/"


@contextlib.contextmanager
def running_server(workers=2, notices=0, images=False):
    """Yield (base_url, {page type: path}) for a gunicorn serving the seed content and
    ``notices`` more generated notices (bench/seed.py), with ``images`` the test images."""
    with prepared(notices, images) as (env, paths), site(env, workers=workers) as base:
        yield base, paths

"""The shipped gunicorn.conf.py: X-Forwarded-Proto is trusted only from FORWARDED_ALLOW_IPS.

gunicorn's own default trusts it from 127.0.0.1, so any local request could claim HTTPS and
skip the redirect, whatever USE_X_FORWARDED_PROTO said.
"""

import runpy
from pathlib import Path

from .servers import fetch, gunicorn, site_env

HTTPS = {"X-Forwarded-Proto": "https"}


def env_for(tmp_path, **overrides):
    return site_env(
        DATABASE_URL=f"sqlite:///{tmp_path}/site.sqlite3", SECURE_SSL_REDIRECT="true", **overrides
    )


def test_a_forwarded_proto_header_is_not_trusted_by_default(tmp_path):
    with gunicorn(env_for(tmp_path)) as base:
        status, headers, _ = fetch(base + "/robots.txt", HTTPS)
        assert status == 301
        assert headers["Location"].startswith("https://")
        # The load balancer's check is answered over plain HTTP, without a redirect.
        assert fetch(base + "/healthz")[0] == 200


def test_the_front_server_can_be_trusted_by_address(tmp_path):
    with gunicorn(env_for(tmp_path, FORWARDED_ALLOW_IPS="127.0.0.1")) as base:
        assert fetch(base + "/robots.txt", HTTPS)[0] == 200
        assert fetch(base + "/robots.txt")[0] == 301


def test_workers_start_from_the_loaded_site_and_are_recycled_rarely(monkeypatch):
    # At 2,000 requests a worker under load was recycled every second, re-importing the site
    # each time: cached pages made half the requests they do without it (bench/load.py).
    for name in ("GUNICORN_PRELOAD", "GUNICORN_MAX_REQUESTS"):
        monkeypatch.delenv(name, raising=False)
    conf = runpy.run_path(str(Path(__file__).resolve().parents[1] / "gunicorn.conf.py"))
    assert conf["preload_app"] is True
    assert conf["max_requests"] >= 20_000

"""The shipped gunicorn.conf.py: X-Forwarded-Proto is trusted only from FORWARDED_ALLOW_IPS.

gunicorn's own default trusts it from 127.0.0.1, so any local request could claim HTTPS and
skip the redirect, whatever USE_X_FORWARDED_PROTO said.
"""

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

"""gunicorn's settings for the site, read from the environment (see README, Production).

    gunicorn -c gunicorn.conf.py embassy_site.wsgi

gunicorn trusts X-Forwarded-Proto and X-Forwarded-For from 127.0.0.1 by default, whatever
Django's USE_X_FORWARDED_PROTO says; here it trusts only the addresses named in
FORWARDED_ALLOW_IPS (none unless set), so a request can never claim HTTPS on its own.
"""

import multiprocessing
import os


def _int(name, default):
    return int(os.environ.get(name, default))


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Two per core plus one: the usual start for a site that waits mostly on its database.
workers = _int("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1)
# A request longer than this is stuck: the worker is killed and replaced.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Load Django once in the master and fork the workers from it: a worker recycled below
# starts in milliseconds, not the half second of CPU an import of the site costs. (A code
# change is then deployed by restarting gunicorn, not by HUP: README, Production.)
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() != "false"
# Recycle workers now and then, so a slow leak can never take the site down. Not too often:
# at 2,000 requests a worker under load restarted every second, which halved the cached
# pages' throughput and emptied its in-memory page copies each time (bench/load.py).
max_requests = _int("GUNICORN_MAX_REQUESTS", 50_000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 5_000)
# Only the front server (nginx on the same host: 127.0.0.1) may vouch for the scheme.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "")
# No stray control socket in the project folder.
control_socket_disable = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")

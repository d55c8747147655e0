"""Two app servers behind nginx, sharing PostgreSQL and Redis: a change made through one is
seen at once through the other and through the load balancer, whatever each had cached,
in Redis or in its workers' memory.

Runs where the suite runs on PostgreSQL and Redis answers (CI's PostgreSQL run); elsewhere
it is skipped, since a second server cannot share the test run's SQLite file.
"""

import http.cookiejar
import json
import os
import re
import shutil
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg2
import pytest
import redis
from django.db import connection

from .servers import free_port, gunicorn, manage, running, site_env
from .test_front_server import find_nginx, main_config

REDIS = "redis://127.0.0.1:6379/12"
PASSWORD = "a-long-test-password-1"
SETUP = f"""
import json
from django.contrib.auth.models import Group, User
from notices.models import Notice
user = User.objects.create_user("anna", password={PASSWORD!r}, is_staff=True)
user.groups.add(Group.objects.get(name="Publishers"))
notice = Notice.objects.get(slug="visit-deputy-prime-minister-ana-birchall")
print(json.dumps({{"pk": notice.pk, "title": notice.title}}))
"""

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def shared_database():
    if connection.vendor != "postgresql":
        pytest.skip("two app servers share a PostgreSQL database (the suite's PostgreSQL run)")
    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=1).flushdb()
    except redis.RedisError as error:
        pytest.fail(f"Redis does not answer at {REDIS}: {error}")
    params = connection.settings_dict
    name = f"embassy_two_servers_{os.getpid()}"
    admin = psycopg2.connect(
        dbname="postgres", user=params["USER"], host=params["HOST"], port=params["PORT"]
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    user = params["USER"]
    yield f"postgres://{user}@{params['HOST']}:{params['PORT']}/{name}"
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


class Staff:
    """A publisher's browser, as far as cookies and forms go."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path):
        with self.opener.open(self.base + path, timeout=10) as response:
            return response.read().decode()

    def post(self, path, data):
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.get(path)).group(1)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}, doseq=True)
        request = urllib.request.Request(
            self.base + path, data=body.encode(), headers={"Referer": self.base + path}
        )
        with self.opener.open(request, timeout=10) as response:
            return response.read().decode()


def page(base, path="/en/notices/"):
    with urllib.request.urlopen(base + path, timeout=10) as response:
        return response.read().decode()


def test_a_change_through_one_server_shows_at_once_through_the_other(shared_database):
    nginx = find_nginx()
    work = Path(tempfile.mkdtemp(prefix="embassy-two-"))
    try:
        work.chmod(0o755)
        prefix = work / "nginx"
        (prefix / "temp").mkdir(parents=True)
        (prefix / "temp").chmod(0o777)
        env = site_env(
            DATABASE_URL=shared_database,
            CACHE_URL=REDIS,
            PAGE_CACHE_SECONDS="600",
            MEDIA_ROOT=str(work / "media"),
            STATIC_ROOT=str(work / "static"),
            SESSION_COOKIE_SECURE="false",
            CSRF_COOKIE_SECURE="false",
            # A page held in a worker's memory is trusted for long: only Redis's
            # invalidation pushes (embassy_site/near_cache.py) can end it in this test.
            PAGE_CACHE_LOCAL_SECONDS="600",
        )
        manage(env, "migrate", "--no-input", "-v0")
        manage(env, "setup_roles", "-v0")
        manage(env, "loaddata", "nato_azerbaijan", "notices", "-v0")
        notice = json.loads(manage(env, "shell", "-v0", "-c", SETUP).stdout.splitlines()[-1])
        with gunicorn(env) as one, gunicorn(env) as two:
            port = free_port()
            block = render_block(port, work, [one, two])
            config = prefix / "nginx.conf"
            config.write_text(main_config(prefix, block))
            command = [nginx, "-p", str(prefix), "-c", str(config), "-e", str(prefix / "err")]
            with running([*command, "-g", "daemon off;"], ("127.0.0.1", port)):
                front = f"http://127.0.0.1:{port}"
                # Every server has the list cached, and in memory after its second answer.
                for base in (one, one, two, two, front, front):
                    assert notice["title"] in page(base)
                staff = Staff(one)
                staff.post("/admin/login/?next=/admin/", {"username": "anna", "password": PASSWORD})
                chosen = {"_selected_action": notice["pk"], "index": 0}
                # The withdrawal is confirmed with its reason (the action asks first).
                withdraw = {**chosen, "action": "withdraw", "post": "yes", "reason_en": "Moved."}
                staff.post("/admin/notices/notice/", withdraw)
                for base in (two, one, front, front):
                    assert notice["title"] not in page(base), base
                staff.post("/admin/notices/notice/", {**chosen, "action": "publish"})
                for base in (two, front, front):
                    assert notice["title"] in page(base), base
    finally:
        shutil.rmtree(work, ignore_errors=True)


def render_block(port, work, upstreams):
    from render_nginx import render

    return render(
        listen=f"127.0.0.1:{port}",
        server_name="localhost",
        static_root=work / "static",
        media_root=work / "media",
        upstream=[u.removeprefix("http://") for u in upstreams],
    )

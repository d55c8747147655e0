"""The shipped nginx configuration in front of a real gunicorn: what users' browsers see.

nginx runs from a temporary prefix on free loopback ports (HTTPS with a throwaway
certificate, and the plain port that redirects to it), with the configuration rendered from
deploy/nginx/embassy.conf.template (tests/front_stack.py). Where nginx is missing the test
is skipped, except in CI (CI=true or REQUIRE_BROWSER=1), where that is a failure.
"""

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlencode

import pytest

from .factories import PASSWORD
from .front_stack import find_nginx, main_config, nginx, render, request, self_signed
from .servers import free_port, gunicorn, manage, site_env

__all__ = ["find_nginx", "main_config"]  # tests/test_two_app_servers.py takes them from here

POLYGLOT = b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n"
CONTENT_SCRIPT = """
import json
import re
from django.core.files.base import ContentFile
from django.utils import timezone
from notices.models import Attachment, Category, Notice
category = Category.objects.create(name="Visas", slug="visas")
def notice(slug, status):
    return Notice.objects.create(title=slug, slug=slug, summary="s", category=category,
        status=status, publish_at=timezone.now() - timezone.timedelta(days=1))
def attach(owner, title):
    attachment = Attachment(notice=owner, title=title, file=ContentFile(POLYGLOT, name="x.pdf"))
    attachment.save()
    return attachment
live = attach(notice("live", "published"), "Visa application form")
draft = attach(notice("draft", "draft"), "Draft form")
gone = attach(notice("gone", "published"), "Old form")
gone_url = gone.file.url
gone.delete()
from django.contrib.auth.models import User
User.objects.create_user("pub2", password=PASSWORD, is_staff=True)
print(json.dumps({"live": live.file.url, "draft": draft.file.url, "gone": gone_url,
                  "live_name": live.file.name}))
"""


def fetch(url, **kwargs):
    return request(url, **kwargs)


@pytest.fixture(scope="module")
def site():
    """(HTTPS base URL, plain base URL, {name: attachment URL}, env) for the shipped config."""
    find_nginx()
    # World-readable, because nginx started as root serves files as an unprivileged worker.
    work = Path(tempfile.mkdtemp(prefix="embassy-front-"))
    try:
        work.chmod(0o755)
        static_root, media_root, prefix = work / "static", work / "media", work / "nginx"
        for folder in (static_root, media_root, prefix):
            folder.mkdir(parents=True)
        cert, key = self_signed(work)
        port, tls_port = free_port(), free_port()
        env = site_env(
            DATABASE_URL=f"sqlite:///{work}/site.sqlite3",
            STATIC_ROOT=str(static_root),
            MEDIA_ROOT=str(media_root),
            MEDIA_ACCEL_PREFIX="/_media/",
            # As the README's production setup: hashed static names, nginx trusted for the
            # scheme and the client's address.
            STATICFILES_BACKEND="whitenoise.storage.CompressedManifestStaticFilesStorage",
            USE_X_FORWARDED_PROTO="true",
            FORWARDED_ALLOW_IPS="127.0.0.1",
            CLIENT_IP_HEADERS="HTTP_X_REAL_IP",
            SECURE_SSL_REDIRECT="true",
            CSRF_TRUSTED_ORIGINS=f"https://localhost:{tls_port}",
        )
        manage(env, "migrate", "--no-input", "-v0")
        manage(env, "collectstatic", "--no-input", "-v0")
        script = f"POLYGLOT = {POLYGLOT!r}\nPASSWORD = {PASSWORD!r}\n" + CONTENT_SCRIPT
        urls = json.loads(manage(env, "shell", "-v0", "-c", script).stdout.strip().splitlines()[-1])
        subprocess.run(["chmod", "-R", "a+rX", str(work)], check=True)
        with gunicorn(env) as upstream:
            block = render(
                listen=f"127.0.0.1:{port}",
                tls_listen=f"127.0.0.1:{tls_port}",
                tls_cert=cert,
                tls_key=key,
                resolver="127.0.0.1",
                server_name="localhost",
                static_root=static_root,
                media_root=media_root,
                upstream=upstream.removeprefix("http://"),
            )
            with nginx(prefix, block, tls_port):
                yield (
                    f"https://localhost:{tls_port}",
                    f"http://localhost:{port}",
                    urls,
                    {**env, "STATIC_ROOT": str(static_root)},
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)


HSTS = "max-age=31536000; includeSubDomains; preload"


def test_an_attachment_downloads_under_its_readable_name_and_never_renders(site):
    base, _, urls, _ = site
    status, headers, body = fetch(base + urls["live"])
    assert status == 200
    assert body == POLYGLOT  # the bytes come from disk, sent by nginx
    assert headers["Content-Type"] == "application/pdf"
    assert headers.get_all("X-Content-Type-Options") == ["nosniff"]
    assert headers["Content-Disposition"] == 'attachment; filename="Visa application form.pdf"'
    assert headers.get("Set-Cookie") is None


def test_files_of_drafts_and_deleted_attachments_are_not_reachable(site):
    base, _, urls, _ = site
    assert fetch(base + urls["draft"])[0] == 404
    assert fetch(base + urls["gone"])[0] == 404
    # The internal location cannot be asked for directly.
    assert fetch(base + "/_media/" + urls["live_name"])[0] == 404


def static_names(env):
    manifest = json.loads((Path(env["STATIC_ROOT"]) / "staticfiles.json").read_text())
    return manifest["paths"]


def test_hashed_static_names_are_cached_for_a_year_and_others_for_minutes(site):
    base, _, _, env = site
    hashed = static_names(env)["css/site.css"]
    assert hashed != "css/site.css"
    for name, cache in [
        (hashed, "public, max-age=31536000, immutable"),
        ("css/site.css", "public, max-age=300"),
    ]:
        status, headers, body = fetch(f"{base}/static/{name}")
        assert status == 200 and body, name
        assert headers["Content-Type"].startswith("text/css")
        assert headers.get_all("Cache-Control") == [cache], name
        assert headers.get_all("X-Content-Type-Options") == ["nosniff"]
        # add_header in the location replaces the server's: these are set there, once each.
        assert headers.get_all("Strict-Transport-Security") == [HSTS], name
        csp = headers.get_all("Content-Security-Policy")
        assert len(csp) == 1 and "default-src 'none'" in csp[0], name


def test_pages_are_proxied_to_gunicorn(site):
    base, _, _, _ = site
    status, headers, body = fetch(base + "/en/")
    assert status == 200
    assert b"Embassy of Romania" in body
    assert headers.get_all("X-Content-Type-Options") == ["nosniff"]  # Django's, not doubled
    assert headers.get_all("Strict-Transport-Security") == [HSTS]
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert fetch(base + "/healthz")[0] == 200


def test_plain_http_redirects_to_https_but_for_the_health_check(site):
    base, plain, _, _ = site
    status, headers, _ = fetch(plain + "/en/notices/?page=2")
    assert status == 301
    assert headers["Location"] == base + "/en/notices/?page=2"
    status, _, body = fetch(plain + "/healthz")
    assert status == 200 and json.loads(body)["status"] == "ok"


def sign_in(base, password, source, username="pub2", headers=None):
    """The status of a sign-in through nginx from ``source``, as a browser sends it."""
    status, answer, body = fetch(base + "/admin/login/", source=source)
    assert status == 200
    cookie = answer["Set-Cookie"].split(";", 1)[0]  # csrftoken=...
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password})
    return fetch(
        base + "/admin/login/",
        method="POST",
        body=form,
        source=source,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": cookie,
            "Referer": base + "/admin/login/",
            **(headers or {}),
        },
    )[0]


def test_wrong_passwords_lock_the_user_out_from_that_address_only(site):
    """Through the shipped nginx, which writes the client's address into X-Real-IP."""
    base, _, _, env = site
    statuses = [sign_in(base, "wrong", "127.0.0.2") for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    assert sign_in(base, PASSWORD, "127.0.0.2") == 429
    # A client's own X-Real-IP is overwritten by nginx: no way out of the lock.
    assert sign_in(base, PASSWORD, "127.0.0.2", headers={"X-Real-IP": "10.9.9.9"}) == 429
    # The real user, elsewhere, still signs in.
    assert sign_in(base, PASSWORD, "127.0.0.3") == 302
    rows = manage(env, "shell", "-v0", "-c", ROWS).stdout.split()
    assert rows == ["pub2|127.0.0.2"]


ROWS = """
from axes.models import AccessAttempt
for a in AccessAttempt.objects.all():
    print(f"{a.username}|{a.ip_address}")
"""

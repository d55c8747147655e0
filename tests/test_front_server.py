"""The shipped nginx configuration in front of a real gunicorn: headers users' browsers see.

nginx runs from a temporary prefix on a free loopback port, with the server block rendered
from deploy/nginx/embassy.conf.template. Where nginx is missing the test is skipped, except
in CI (CI=true or REQUIRE_BROWSER=1), where that is a failure.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from .servers import ROOT, fetch, free_port, gunicorn, manage, running, site_env

sys.path.insert(0, str(ROOT / "deploy"))
from render_nginx import render  # noqa: E402

POLYGLOT = b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n"
CONTENT_SCRIPT = """
import json
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
print(json.dumps({"live": live.file.url, "draft": draft.file.url, "gone": gone_url,
                  "live_name": live.file.name}))
"""


def required():
    return os.environ.get("CI") == "true" or os.environ.get("REQUIRE_BROWSER") == "1"


def find_nginx():
    nginx = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    if nginx is None:
        message = "nginx is missing (apt-get install nginx)"
        if required():
            pytest.fail(f"The front-server test is required here (CI) but {message}")
        pytest.skip(f"Front-server test skipped: {message}")
    return nginx


def main_config(prefix, server_block):
    """A minimal nginx.conf around the shipped server block, everything under ``prefix``."""
    temp = prefix / "temp"
    return f"""
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
{server_block}
}}
"""


@pytest.fixture(scope="module")
def site():
    """(nginx base URL, {name: attachment URL}) for the shipped config in front of gunicorn."""
    nginx = find_nginx()
    # World-readable, because nginx started as root serves files as an unprivileged worker.
    work = Path(tempfile.mkdtemp(prefix="embassy-front-"))
    try:
        work.chmod(0o755)
        static_root, media_root, prefix = work / "static", work / "media", work / "nginx"
        for folder in (static_root, media_root, prefix / "temp"):
            folder.mkdir(parents=True)
        (prefix / "temp").chmod(0o777)
        env = site_env(
            DATABASE_URL=f"sqlite:///{work}/site.sqlite3",
            STATIC_ROOT=str(static_root),
            MEDIA_ROOT=str(media_root),
            MEDIA_ACCEL_PREFIX="/_media/",
        )
        manage(env, "migrate", "--no-input", "-v0")
        manage(env, "collectstatic", "--no-input", "-v0")
        script = f"POLYGLOT = {POLYGLOT!r}\n" + CONTENT_SCRIPT
        urls = json.loads(manage(env, "shell", "-v0", "-c", script).stdout.strip().splitlines()[-1])
        subprocess.run(["chmod", "-R", "a+rX", str(work)], check=True)
        with gunicorn(env) as upstream:
            port = free_port()
            server_block = render(
                listen=f"127.0.0.1:{port}",
                server_name="localhost",
                static_root=static_root,
                media_root=media_root,
                upstream=upstream.removeprefix("http://"),
            )
            config = prefix / "nginx.conf"
            config.write_text(main_config(prefix, server_block))
            command = [nginx, "-p", str(prefix), "-c", str(config), "-e", str(prefix / "error.log")]
            subprocess.run([*command, "-t", "-q"], check=True)
            with running([*command, "-g", "daemon off;"], ("127.0.0.1", port)):
                yield f"http://127.0.0.1:{port}", urls
    finally:
        shutil.rmtree(work, ignore_errors=True)


def test_an_attachment_downloads_under_its_readable_name_and_never_renders(site):
    base, urls = site
    status, headers, body = fetch(base + urls["live"])
    assert status == 200
    assert body == POLYGLOT  # the bytes come from disk, sent by nginx
    assert headers["Content-Type"] == "application/pdf"
    assert headers.get_all("X-Content-Type-Options") == ["nosniff"]
    assert headers["Content-Disposition"] == 'attachment; filename="Visa application form.pdf"'
    assert headers.get("Set-Cookie") is None


def test_files_of_drafts_and_deleted_attachments_are_not_reachable(site):
    base, urls = site
    assert fetch(base + urls["draft"])[0] == 404
    assert fetch(base + urls["gone"])[0] == 404
    # The internal location cannot be asked for directly.
    assert fetch(base + "/_media/" + urls["live_name"])[0] == 404


def test_static_files_are_typed_and_cached_for_long(site):
    base, _ = site
    status, headers, body = fetch(base + "/static/css/site.css")
    assert status == 200 and body
    assert headers["Content-Type"].startswith("text/css")
    assert headers.get_all("X-Content-Type-Options") == ["nosniff"]
    assert "max-age=31536000" in headers["Cache-Control"]


def test_pages_are_proxied_to_gunicorn(site):
    base, _ = site
    status, headers, body = fetch(base + "/en/")
    assert status == 200
    assert b"Embassy of Romania" in body
    assert headers.get_all("X-Content-Type-Options") == ["nosniff"]  # Django's, not doubled
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert fetch(base + "/healthz")[0] == 200

"""The link checker never asks for an internal address (upkeep/fetch.py).

A link staff put in a notice may lead to the server itself, the office network or a cloud
metadata address: such links are not asked for, at the start or after any redirect, and
are listed as "not checked: internal address", a warning. Only http and https are asked
for. The tests' local server is on loopback: LINK_CHECK_ALLOW_HOSTS lets it through.
"""

import contextlib
import ssl
import threading
from http.server import ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils.translation import override

from upkeep import checker, fetch
from upkeep.models import LinkCheck, Tier

from .factories import make_notice
from .front_stack import self_signed
from .link_server import Handler, link_server

pytestmark = pytest.mark.django_db


@pytest.fixture
def server():
    with link_server() as urls:
        yield urls


def run(*links):
    body = "".join(f'<p><a href="{href}">link</a></p>' for href in links)
    make_notice(slug="links", body=body)
    out = StringIO()
    call_command("check_links", timeout=1, deadline=30, workers=4, stdout=out)
    return {row.url: row for row in LinkCheck.objects.all()}, out.getvalue()


def test_internal_addresses_are_not_asked_for_and_are_listed_as_warnings(server, settings):
    settings.LINK_CHECK_ALLOW_HOSTS = []
    port = server["base"].rsplit(":", 1)[1]
    links = [
        server["base"] + "/ok",  # 127.0.0.1
        f"http://[::1]:{port}/ok",
        f"http://localhost:{port}/ok",
        "http://10.255.255.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://224.0.0.1/",
    ]
    rows, output = run(*links)
    assert server["seen"] == []  # the local server was never asked
    assert {url: row.tier for url, row in rows.items()} == dict.fromkeys(links, Tier.WARNING)
    assert all(row.status is None for row in rows.values())
    assert rows["http://10.255.255.1/"].error == "Not checked: internal address (10.255.255.1)"
    assert rows[links[2]].error.startswith("Not checked: internal address (localhost is ")
    assert rows["http://10.255.255.1/"].describe() == (
        "Not checked: internal address (10.255.255.1). The link checker asks only for "
        "public addresses; check this link by hand."
    )
    with override("ro"):
        said = rows["http://10.255.255.1/"].describe()
    assert "10.255.255.1" in said and "Not checked" not in said
    assert "0 broken, 6 to check" in output


def test_each_redirect_is_followed_by_hand_and_checked_again(server, settings):
    settings.LINK_CHECK_ALLOW_HOSTS = ["127.0.0.1"]
    base = server["base"]
    rows, _output = run(base + "/to-internal", base + "/moved-away", base + "/moved")
    # /to-internal sends the checker to localhost, which is not allowed: never asked.
    inward = rows[base + "/to-internal"]
    assert (inward.tier, inward.status) == (Tier.WARNING, None)
    assert inward.error.startswith("Not checked: internal address (localhost is ")
    asked = [path for _method, path, _agent in server["seen"]]
    assert asked.count("/to-internal") == 1 and asked.count("/ok") == 1  # /ok via /moved
    # A redirect to a missing page is broken, not merely "moved".
    away = rows[base + "/moved-away"]
    assert (away.tier, away.status) == (Tier.BROKEN, 404)
    assert away.error == f"Leads to {base}/missing, which answers 404"
    moved = rows[base + "/moved"]
    assert (moved.tier, moved.status, moved.error) == (Tier.WARNING, 301, "Leads to /ok")


@contextlib.contextmanager
def tls_server(folder):
    """The link server's answers over TLS, with a certificate for 127.0.0.1."""
    cert, key = self_signed(folder)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.seen = []
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}", cert, server.seen
    finally:
        server.shutdown()
        server.server_close()


def test_https_goes_to_the_checked_address_and_verifies_the_certificate(
    settings, tmp_path, monkeypatch
):
    settings.LINK_CHECK_ALLOW_HOSTS = ["127.0.0.1"]
    with tls_server(tmp_path) as (base, cert, seen):
        # Not trusted: refused by the verification, as an unknown site's would be.
        status, error = checker.fetch(base + "/ok", "HEAD", 2)
        assert status is None and "CERTIFICATE_VERIFY_FAILED" in error
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))
        assert checker.fetch(base + "/ok", "HEAD", 2) == (200, "")
        assert [(method, path) for method, path, _agent in seen] == [("HEAD", "/ok")]


def test_only_http_and_https_are_asked_for():
    for url in ("file:///etc/passwd", "ftp://ftp.example.org/", "gopher://10.0.0.1/"):
        status, error = checker.fetch(url, "GET", 1)
        assert (status, error) == (None, "Not checked: not a web address")
        assert checker.tier(status, error) == Tier.WARNING
    row = LinkCheck(url="ftp://ftp.example.org/", error="Not checked: not a web address")
    assert row.describe() == (
        "Not checked: the link checker asks only for http and https addresses."
    )


@pytest.mark.parametrize(
    ("ip", "internal"),
    [
        ("127.0.0.1", True),
        ("::1", True),
        ("10.1.2.3", True),
        ("172.16.0.1", True),
        ("192.168.1.1", True),
        ("169.254.169.254", True),
        ("fe80::1%lo", True),
        ("fd00::1", True),
        ("224.0.0.1", True),
        ("239.255.255.250", True),
        ("240.0.0.1", True),
        ("0.0.0.0", True),
        ("100.64.0.1", True),  # carrier-grade NAT
        ("::ffff:127.0.0.1", True),  # IPv4 inside IPv6
        ("8.8.8.8", False),
        ("2001:4860:4860::8888", False),
    ],
)
def test_which_addresses_are_internal(ip, internal):
    assert fetch._internal(ip) is internal

"""The shipped nginx configuration run for real: from a temporary prefix, on free ports.

Where nginx (or another tool a test names) is missing the test is skipped, except in CI
(CI=true or REQUIRE_BROWSER=1), where that is a failure.
"""

import contextlib
import http.client
import os
import shutil
import ssl
import subprocess
import sys

import pytest

from .servers import ROOT, running

sys.path.insert(0, str(ROOT / "deploy"))
from render_nginx import render  # noqa: E402, F401  (re-exported for the tests)


def required():
    return os.environ.get("CI") == "true" or os.environ.get("REQUIRE_BROWSER") == "1"


def find_tool(name, package, paths="/usr/sbin:/usr/local/sbin:/usr/bin"):
    tool = shutil.which(name) or shutil.which(name, path=paths)
    if tool is None:
        message = f"{name} is missing (apt-get install {package})"
        if required():
            pytest.fail(f"This test is required here (CI) but {message}")
        pytest.skip(f"Front-server test skipped: {message}")
    return tool


def find_nginx():
    return find_tool("nginx", "nginx")


def main_config(prefix, server_block):
    """A minimal nginx.conf around the shipped server blocks, everything under ``prefix``."""
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


def self_signed(folder):
    """A throwaway certificate for localhost and 127.0.0.1: (certificate, key) paths."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    key.chmod(0o644)  # read by nginx's worker too when the tests run as root
    return cert, key


@contextlib.contextmanager
def nginx(prefix, server_block, port):
    """Run nginx with ``server_block`` until the block ends; ``port`` is one it listens on."""
    binary = find_nginx()
    (prefix / "temp").mkdir(parents=True, exist_ok=True)
    (prefix / "temp").chmod(0o777)
    config = prefix / "nginx.conf"
    config.write_text(main_config(prefix, server_block))
    command = [binary, "-p", str(prefix), "-c", str(config), "-e", str(prefix / "error.log")]
    subprocess.run([*command, "-t", "-q"], check=True)
    with running([*command, "-g", "daemon off;"], ("127.0.0.1", port)):
        yield


def request(url, method="GET", body=None, headers=None, source="127.0.0.1"):
    """(status, headers, body) from ``source`` (any 127.x address), nothing followed.

    TLS is not verified: the certificate is the test's own.
    """
    scheme, rest = url.split("://", 1)
    host_port, _, path = rest.partition("/")
    host, port = host_port.rsplit(":", 1)
    headers = {"Host": host_port, **(headers or {})}
    host = "127.0.0.1" if host == "localhost" else host  # never ::1: the source is IPv4
    if scheme == "https":
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        connection = http.client.HTTPSConnection(
            host, int(port), timeout=15, source_address=(source, 0), context=context
        )
    else:
        connection = http.client.HTTPConnection(
            host, int(port), timeout=15, source_address=(source, 0)
        )
    try:
        connection.request(method, "/" + path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()

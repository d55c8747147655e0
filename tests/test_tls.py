"""The shipped HTTPS server block, scanned with testssl.sh against a throwaway certificate.

nginx runs the rendered deploy/nginx configuration from a temporary prefix on free ports.
Where testssl.sh (Debian package testssl.sh) or nginx is missing the test is skipped,
except in CI, where that is a failure. OCSP stapling cannot be shown with a self-signed
certificate (it names no OCSP responder, so nginx leaves stapling out and says so): the
rendered configuration is checked for it instead.
"""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from .front_stack import find_tool, nginx, render, self_signed
from .servers import closed_port, free_port


@pytest.fixture(scope="module")
def rendered():
    work = Path(tempfile.mkdtemp(prefix="embassy-tls-"))
    work.chmod(0o755)
    try:
        cert, key = self_signed(work)
        port, tls_port = free_port(), free_port()
        block = render(
            listen=f"127.0.0.1:{port}",
            tls_listen=f"127.0.0.1:{tls_port}",
            tls_cert=cert,
            tls_key=key,
            resolver="127.0.0.1",
            server_name="localhost",
            static_root=work,
            media_root=work,
            upstream=f"127.0.0.1:{closed_port()}",  # the handshake needs no app server
        )
        yield work, block, tls_port
    finally:
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="module")
def scan(rendered):
    """testssl.sh's findings, {id: (severity, finding)}."""
    testssl = find_tool("testssl", "testssl.sh")
    work, block, tls_port = rendered
    report = work / "testssl.json"
    with nginx(work / "nginx", block, tls_port):
        subprocess.run(
            [testssl, "--quiet", "--color", "0", "--warnings", "off", "--protocols",
             "--server-defaults", "--fs", "--std", f"--jsonfile={report}",
             f"https://127.0.0.1:{tls_port}"],
            capture_output=True, timeout=300, check=False,
        )  # fmt: skip
        probe = subprocess.run(
            ["openssl", "s_client", "-tls1_2", "-cipher", "kRSA", "-connect",
             f"127.0.0.1:{tls_port}"],
            input="", capture_output=True, text=True, timeout=30, check=False,
        )  # fmt: skip
    findings = {"probe kRSA": (probe.returncode, probe.stdout + probe.stderr)}
    return findings | {
        f["id"]: (f["severity"], f["finding"]) for f in json.loads(report.read_text())
    }


def test_only_tls_1_2_and_1_3_are_offered(scan):
    for old in ["SSLv2", "SSLv3", "TLS1", "TLS1_1"]:
        assert scan[old][1] == "not offered", old
    assert scan["TLS1_2"][1] == "offered"
    assert scan["TLS1_3"][1].startswith("offered")


def test_every_cipher_is_forward_secret(scan):
    assert scan["PFS"] == ("OK", "offered")
    # No cipher of the weak families testssl.sh lists, CBC ("AVERAGE") included.
    for family in ["NULL", "aNULL", "EXPORT", "LOW", "3DES_IDEA", "AVERAGE"]:
        assert scan[f"cipherlist_{family}"][1] == "not offered", family
    # testssl.sh counts AES-GCM with a plain RSA key exchange as "STRONG": a client that
    # offers only such ciphers (no forward secrecy) must be refused.
    assert "handshake failure" in scan["probe kRSA"][1]


def test_no_session_tickets(scan):
    assert scan["sessionresumption_ticket"][1] == "not supported"
    assert scan["TLS_session_ticket"][1].startswith("no")
    assert scan["sessionresumption_ID"][1] == "supported"  # resumption from the cache


def test_ocsp_stapling_is_configured(rendered):
    _, block, _ = rendered
    for directive in ["ssl_stapling on;", "ssl_stapling_verify on;", "ssl_trusted_certificate "]:
        assert directive in block
    assert "resolver 127.0.0.1" in block

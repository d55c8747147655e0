"""Render deploy/nginx/embassy.conf.template with this machine's paths and addresses.

    python deploy/render_nginx.py --server-name www.example.org \
        --tls-cert /etc/letsencrypt/live/www.example.org/fullchain.pem \
        --tls-key /etc/letsencrypt/live/www.example.org/privkey.pem \
        --tls-chain /etc/letsencrypt/live/www.example.org/chain.pem \
        --static-root /srv/embassy/staticfiles --media-root /srv/embassy/media \
        --upstream 127.0.0.1:8000 --upstream 127.0.0.1:8001 > /etc/nginx/sites-enabled/embassy.conf

With a certificate, HTTPS on --tls-listen (443) and port --listen (80) redirects to it.
--plain-http instead serves the site on --listen without TLS: only behind something else
that terminates TLS. Only the {{NAME}} placeholders are replaced: nginx's $variables stay.
"""

import argparse
import re
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "nginx" / "embassy.conf.template"
PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")
SECTION = re.compile(r"^#\{(tls|plain)\n(.*?)^#\1\}\n", re.DOTALL | re.MULTILINE)


def system_resolver(path="/etc/resolv.conf"):
    """The machine's first name server, for OCSP stapling (nginx has no resolver of its own)."""
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith("nameserver"):
                address = line.split()[1]
                return f"[{address}]" if ":" in address else address
    except OSError:
        pass
    return "127.0.0.1"


def render(upstream, tls_cert=None, tls_key=None, tls_listen="443", **values):
    """The configuration with every {{NAME}} filled in from ``values`` (lower-case keys);
    ``upstream`` is one app server's address or a list of them. Without ``tls_cert`` the site
    is served over plain HTTP on ``listen``."""
    addresses = [upstream] if isinstance(upstream, str) else list(upstream)
    values["upstream_servers"] = "\n".join(f"    server {a};" for a in addresses)
    tls = tls_cert is not None
    if tls:
        if tls_key is None:
            raise KeyError("no value for TLS_KEY")
        port = str(tls_listen).rsplit(":", 1)[-1]
        values.update(tls_cert=tls_cert, tls_key=tls_key, tls_listen=tls_listen)
        values.setdefault("tls_chain", tls_cert)
        values.setdefault("resolver", system_resolver())
        values["tls_port_suffix"] = "" if port == "443" else f":{port}"
    text = SECTION.sub(
        lambda m: m.group(2) if (m.group(1) == "tls") == tls else "", TEMPLATE.read_text("utf-8")
    )
    missing = {name for name in PLACEHOLDER.findall(text) if name.lower() not in values}
    if missing:
        raise KeyError(f"no value for {', '.join(sorted(missing))}")
    return PLACEHOLDER.sub(lambda match: str(values[match.group(1).lower()]), text)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", default="80")
    parser.add_argument("--tls-listen", default="443")
    parser.add_argument("--server-name", default="_")
    parser.add_argument("--static-root", required=True)
    parser.add_argument("--media-root", required=True)
    parser.add_argument("--tls-cert", help="the certificate with its intermediates (PEM)")
    parser.add_argument("--tls-key", help="its private key (PEM)")
    parser.add_argument("--tls-chain", help="the issuer's chain, to check OCSP answers")
    parser.add_argument("--resolver", help="name server for OCSP (default: resolv.conf's)")
    parser.add_argument("--plain-http", action="store_true", help="no TLS (see above)")
    parser.add_argument(
        "--upstream", action="append", help="an app server's address; repeat for more"
    )
    args = parser.parse_args(argv)
    if not args.plain_http and not (args.tls_cert and args.tls_key):
        parser.error("give --tls-cert and --tls-key, or --plain-http behind a TLS proxy")
    tls = {}
    if not args.plain_http:
        tls = {"tls_cert": Path(args.tls_cert).resolve(), "tls_key": Path(args.tls_key).resolve()}
        if args.tls_chain:
            tls["tls_chain"] = Path(args.tls_chain).resolve()
        if args.resolver:
            tls["resolver"] = args.resolver
    sys.stdout.write(
        render(
            listen=args.listen,
            tls_listen=args.tls_listen,
            server_name=args.server_name,
            static_root=Path(args.static_root).resolve(),
            media_root=Path(args.media_root).resolve(),
            upstream=args.upstream or ["127.0.0.1:8000"],
            **tls,
        )
    )


if __name__ == "__main__":
    main()

"""Render deploy/nginx/embassy.conf.template with this machine's paths and addresses.

    python deploy/render_nginx.py --listen 80 --server-name www.example.org \
        --static-root /srv/embassy/staticfiles --media-root /srv/embassy/media \
        --upstream 127.0.0.1:8000 --upstream 127.0.0.1:8001 > /etc/nginx/sites-enabled/embassy.conf

Only the {{NAME}} placeholders are replaced, so nginx's $variables stay as written.
"""

import argparse
import re
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "nginx" / "embassy.conf.template"
PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")


def render(upstream, **values):
    """The server block with every {{NAME}} filled in from ``values`` (lower-case keys);
    ``upstream`` is one app server's address or a list of them."""
    addresses = [upstream] if isinstance(upstream, str) else list(upstream)
    values["upstream_servers"] = "\n".join(f"    server {a};" for a in addresses)
    text = TEMPLATE.read_text(encoding="utf-8")
    missing = {name for name in PLACEHOLDER.findall(text) if name.lower() not in values}
    if missing:
        raise KeyError(f"no value for {', '.join(sorted(missing))}")
    return PLACEHOLDER.sub(lambda match: str(values[match.group(1).lower()]), text)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", default="80")
    parser.add_argument("--server-name", default="_")
    parser.add_argument("--static-root", required=True)
    parser.add_argument("--media-root", required=True)
    parser.add_argument(
        "--upstream", action="append", help="an app server's address; repeat for more"
    )
    args = parser.parse_args(argv)
    sys.stdout.write(
        render(
            listen=args.listen,
            server_name=args.server_name,
            static_root=Path(args.static_root).resolve(),
            media_root=Path(args.media_root).resolve(),
            upstream=args.upstream or ["127.0.0.1:8000"],
        )
    )


if __name__ == "__main__":
    main()

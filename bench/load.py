"""Throughput of every public page type under gunicorn, measured with wrk on loopback.

Usage: .venv/bin/python bench/load.py [--notices 10000] [--duration 10] [--connections 32]
       DATABASE_URL=postgres://... CACHE_URL=redis://127.0.0.1:6379/5 .venv/bin/python ...

Server and wrk share the machine's cores, so absolute requests per second say little:
each page is reported as a ratio to a trivial view (/robots.txt, a template with no
database query) measured in the same run.
"""

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import running_server  # noqa: E402

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url, duration, connections):
    output = subprocess.run(
        ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))

    def latency(percent):
        value, unit = re.search(rf"\s{percent}%\s+([\d.]+)(us|ms|s)", output).groups()
        return float(value) * UNITS[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rps, latency(50), latency(99), int(errors.group(1)) if errors else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--notices", type=int, default=10_000, help="generated notices besides the seed's"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")
    with running_server(notices=args.notices) as (base, paths):
        # A word in every generated notice: the search whose cost grows with the archive.
        paths["search-everything"] = "/search/?q=consular"
        targets = {"trivial (robots.txt)": "/robots.txt", **paths}
        for path in targets.values():  # warm each worker's caches and connections
            wrk(base + path, 1, 4)
        results = {name: wrk(base + path, args.duration, args.connections)
                   for name, path in targets.items()}  # fmt: skip
        # Latency as one visitor alone meets it.
        alone = {name: wrk(base + path, 3, 1)[1] for name, path in targets.items()}
    trivial = results["trivial (robots.txt)"][0]
    print(
        f"wrk -t2 -c{args.connections} -d{args.duration}s, gunicorn 2 workers, same machine, "
        f"{args.notices:,} generated notices"
    )
    header = f"{'page':22} {'req/s':>8} {'share':>6} {'p50 ms':>7} {'p99 ms':>7} {'non-2xx':>8}"
    print(header + f" {'p50 alone':>10}")
    for name, (rps, p50, p99, errors) in results.items():
        print(
            f"{name:22} {rps:8.0f} {rps / trivial:6.1%} {p50:7.1f} {p99:7.1f} {errors:8} "
            f"{alone[name]:10.1f}"
        )


if __name__ == "__main__":
    main()

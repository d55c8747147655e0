"""wrk on loopback, its figures read from its output."""

import re
import shutil
import subprocess
import sys

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
FLOOR_REQUIRED = 3000  # below this the machine is busy with something else


def require_wrk():
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")


def wrk(url, duration, connections):
    """(req/s, p50 ms, p99 ms, non-2xx/3xx answers)."""
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


def floor_or_refuse(rps, force):
    """Print the floor first; refuse to go on when it shows a busy machine."""
    print(f"bare Django view (the floor): {rps:,.0f} req/s")
    if rps < FLOOR_REQUIRED:
        message = (
            f"\n!!! The bare view made {rps:,.0f} req/s, under {FLOOR_REQUIRED:,}: the machine is "
            "busy with something else, and the figures below would say little.\n"
            "!!! Stop other work (tests, other benches) and run again"
        )
        if not force:
            sys.exit(message + ", or pass --force to print them anyway.")
        print(message + ". --force given: figures follow, NOT comparable.\n")

"""How long the site takes to get back to cached speed after a publish, under load.

wrk keeps ``connections`` connections busy on one page; a probe on its own connection asks
for the same page in a loop and notes each answer's latency. A notice is saved (a publish:
the content version moves, every cached page is stale at once); recovery is the time from
that commit until the probe's latency is back under twice its median before the change,
for five answers in a row.
"""

import http.client
import statistics
import subprocess
import sys
import threading
import time
from urllib.parse import urlsplit

from server import ROOT

PUBLISH = """
import time
from notices.models import Notice
notice = Notice.objects.current().first()
notice.save()
print(time.time())
"""
IN_A_ROW = 5


def _probe(base, path, until, samples):
    address = urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    while time.time() < until:
        started = time.time()
        connection.request("GET", path)
        connection.getresponse().read()
        samples.append((started, time.time() - started))


def time_to_recover(env, base, path, connections=32, before=3.0, after=15.0):
    """Seconds from the publish to cached speed again (None if it never came back)."""
    total = before + after + 5
    load = subprocess.Popen(
        ["wrk", "-t2", f"-c{connections}", f"-d{int(total) + 1}s", base + path],
        stdout=subprocess.DEVNULL,
    )
    samples = []
    try:
        time.sleep(1)  # wrk has started
        probe = threading.Thread(target=_probe, args=(base, path, time.time() + total, samples))
        probe.start()
        time.sleep(before)
        published = float(
            subprocess.run(
                [sys.executable, "manage.py", "shell", "-v0", "-c", PUBLISH],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout.split()[-1]
        )
        probe.join()
    finally:
        load.terminate()
        load.wait()
    baseline = statistics.median(s for t, s in samples if t < published) or 1e-6
    run, first = 0, None
    for started, seconds in samples:
        if started < published:
            continue
        if seconds <= 2 * baseline:
            run, first = run + 1, first if run else started
        else:
            run, first = 0, None
        if run == IN_A_ROW:
            return max(0.0, first - published), baseline
    return None, baseline

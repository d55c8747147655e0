"""Instructions per request (uncached, or a cache hit) for each public page type, by valgrind.

Requests per second need a quiet machine (bench/load.py); instruction counts do not: they
are the same whatever else runs, so a change to rendering can be weighed on a busy machine.
Each page is requested in-process through the site's WSGI application (the one gunicorn
serves) with the page cache off (PAGE_CACHE_SECONDS=0) and the headers wrk sends, a few
times to warm up, then N times inside one Python callback called from C through ctypes
(libc's ``lfind``), which callgrind counts alone (``--toggle-collect=closure_fcn``, the
ctypes trampoline, named in the _ctypes module's symbols where libc's are not). The
counts are this process's: the Python side of every query and cache call, not the work of
the PostgreSQL or Redis servers. The bare Django view (../shared/tools/bare_django.py, the
floor of bench/load.py) is counted the same way, for the ratio the goals are set in.
With --hits the page cache is on (CACHE_URL must name a Redis, which is emptied): each page
is stored by the warm-up requests and every counted request is a hit (checked: it carries
the stored Last-Modified), without and with ``Accept-Encoding: gzip``.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/embassy_speed \\
    CACHE_URL=redis://127.0.0.1:6379/15 .venv/bin/python bench/instructions.py --seed 10000
    ... bench/instructions.py               # again, on the database as seeded before
    ... bench/instructions.py --calls       # also reverse() and template nodes a request
    ... bench/instructions.py --hits        # cache hits (CACHE_URL: a Redis database)
    ... bench/instructions.py --cold        # each request the first after a content change

Without --cold a page is counted as its visitors meet it between changes: what is kept per
content version (publishing/rendered.py: the header, the home sections, a notice's parts)
is kept. With --cold the content version is moved before each counted request (its Redis
INCR and SET are counted too), so nothing kept is used: the cost of the first visit after
a publish, and of every page of the page cache's misses in that moment.

--seed EMPTIES the database of DATABASE_URL and fills it with the shipped seed and that many
generated notices (bench/seed.py), as bench/load.py does. Without DATABASE_URL a scratch
SQLite file is used (its engine then runs in-process and is counted).
"""

import argparse
import ctypes
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from server import BARE_CANDIDATES, flush_cache, manage, production_env  # noqa: E402
from server import seed as seed_notices  # noqa: E402

SCRATCH = Path(tempfile.gettempdir()) / "embassy-instructions"
PAGES = ["home", "relation", "notices-list", "category", "notice", "search-results"]
EXTRA = {
    "search-everything": "/en/search/?q=consular",  # a word in every generated notice
    # A template of a few bytes through the whole middleware stack: what any page costs at least.
    "robots": "/robots.txt",
}
WARM_UP = 3


def environment(hits=False):
    database = os.environ.get("DATABASE_URL") or f"sqlite:///{SCRATCH}/bench.sqlite3"
    if hits and not os.environ.get("CACHE_URL", "").startswith("redis://"):
        sys.exit("--hits measures hits from Redis: set CACHE_URL=redis://...")
    return production_env(
        database,
        PAGE_CACHE_SECONDS="600" if hits else "0",
        STATIC_ROOT=str(SCRATCH / "static"),
        SITE_URL="http://127.0.0.1:8000",
    )


def prepare(env, notices):
    SCRATCH.mkdir(exist_ok=True)
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "flush", "--no-input", "-v0")
    manage(env, "loaddata", "nato_azerbaijan", "notices", "pages", "-v0")
    seed_notices(env, notices)
    manage(env, "collectstatic", "--no-input", "-v0")


def wsgi_environ(path, **headers):
    """What gunicorn hands the application for wrk's request: GET, Host, nothing more."""
    path, _, query = path.partition("?")
    return headers | {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1:8000",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": __import__("io").BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def request(application, path, hit=False, **headers):
    started = []
    environ = wsgi_environ(path, **headers)
    result = application(environ, lambda *answer: started.append(answer))
    try:
        size = sum(len(chunk) for chunk in result)
    finally:
        getattr(result, "close", lambda: None)()
    status, answered = started[0][:2]
    if not status.startswith("200"):
        raise SystemExit(f"{path}: {status}")
    if hit and "Last-Modified" not in dict(answered):
        raise SystemExit(f"{path}: not a cache hit")
    return size


_COMPARE = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)


def counted(work):
    """Run ``work`` in a ctypes callback: the one function callgrind collects in."""
    libc = ctypes.CDLL(None)
    libc.lfind.restype = ctypes.c_void_p
    done = []

    def compare(_key, _item):
        if not done:
            done.append(work())
        return 1

    callback = _COMPARE(compare)
    key, items, count = ctypes.c_int(0), (ctypes.c_int * 1)(), ctypes.c_size_t(1)
    libc.lfind(ctypes.byref(key), items, ctypes.byref(count), 4, callback)
    return done[0]


# The hits counted for each page with --hits: what wrk sends, and what a browser adds.
HIT_KINDS = {"": {}, " gzip": {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}}


def child_site(names, repeat, calls, hits, cold=False):
    """Runs under valgrind: one counted region per page (per kind of hit with ``hits``),
    in the order of ``names``."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "embassy_site.settings"
    sys.path.insert(0, str(ROOT))
    from embassy_site.wsgi import application
    from publishing.content_version import bump
    from tests.public_content import page_paths

    paths = {**page_paths(), **EXTRA}
    for name in names:
        for kind, headers in HIT_KINDS.items() if hits else [("", {})]:
            for _ in range(WARM_UP):
                request(application, paths[name], **headers)
            if calls:
                found = call_counts(application, paths[name], **headers)
                print(json.dumps({name + kind: found}), flush=True)

            def work(path=paths[name], headers=headers):
                if cold:
                    return [(bump(), request(application, path, **headers)) for _ in range(repeat)]
                return [request(application, path, hits, **headers) for _ in range(repeat)]

            counted(work)


def call_counts(application, path, **headers):
    """reverse() calls, template nodes rendered, Redis commands and SQL queries for one
    request (cProfile's counts)."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(request, application, path, **headers)
    stats = pstats.Stats(profiler).stats
    found = {"reverse": 0, "nodes": 0, "redis": 0, "queries": 0}
    for (filename, _line, function), (_cc, calls, *_rest) in stats.items():
        if function == "reverse" and filename.endswith("urls/base.py"):
            found["reverse"] += calls
        elif function == "render_annotated" and "template" in filename:
            found["nodes"] += calls
        elif function == "execute_command" and filename.endswith("redis/client.py"):
            found["redis"] += calls
        elif function == "execute" and filename.endswith("backends/utils.py"):
            found["queries"] += calls
    return found


def child_bare(repeat):
    folder = next(f for f in BARE_CANDIDATES if (f / "bare_django.py").exists())
    sys.path.insert(0, str(folder))
    os.environ.pop("DJANGO_SETTINGS_MODULE", None)
    from bare_django import application

    for _ in range(WARM_UP):
        request(application, "/")
    counted(lambda: [request(application, "/") for _ in range(repeat)])


def under_valgrind(env, arguments, out):
    for stale in Path(out).parent.glob(Path(out).name + "*"):
        stale.unlink()
    command = [
        "valgrind",
        "--tool=callgrind",
        "--cache-sim=no",
        "--collect-atstart=no",
        "--toggle-collect=closure_fcn",
        "--dump-after=closure_fcn",
        f"--callgrind-out-file={out}",
        sys.executable,
        __file__,
        *arguments,
    ]
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"valgrind failed:\n{result.stderr[-3000:]}")
    return result.stdout


def totals(out):
    """The instruction count of each dump (one per counted region), in order."""
    dumps = sorted(Path(out).parent.glob(Path(out).name + ".*"), key=lambda p: int(p.suffix[1:]))
    found = []
    for dump in dumps:
        text = dump.read_text()
        found.append(int(re.search(r"^(?:totals|summary): (\d+)", text, re.M).group(1)))
        dump.unlink()
    return found


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seed", type=int, help="empty the database, seed this many notices")
    parser.add_argument("--requests", type=int, default=10, help="counted requests a page")
    parser.add_argument("--calls", action="store_true", help="print reverse() and node counts")
    parser.add_argument("--hits", action="store_true", help="count cache hits (Redis)")
    parser.add_argument(
        "--cold", action="store_true", help="move the content version before each request"
    )
    parser.add_argument("--pages", nargs="+", default=[*PAGES, *EXTRA])
    parser.add_argument("--child", choices=["site", "bare"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "site":
        return child_site(args.pages, args.requests, args.calls, args.hits, args.cold)
    if args.child == "bare":
        return child_bare(args.requests)
    env = environment(args.hits)
    if args.seed is not None:
        prepare(env, args.seed)
    if args.hits:
        flush_cache(env)
    SCRATCH.mkdir(exist_ok=True)
    # The dumps in a folder of this run's own: two runs at once must not read each other's.
    out = str(Path(tempfile.mkdtemp(prefix="callgrind-", dir=SCRATCH)) / "callgrind.out")
    bare = under_valgrind_total(env, out)
    child = ["--child", "site", "--requests", str(args.requests), "--pages", *args.pages]
    if args.calls:
        child.append("--calls")
    if args.hits:
        child.append("--hits")
    if args.cold:
        child.append("--cold")
    output = under_valgrind(env, child, out)
    counts = totals(out)
    shutil.rmtree(Path(out).parent)
    calls = {}
    for line in output.splitlines():
        if line.startswith("{"):
            calls.update(json.loads(line))
    print(f"{'page':22} {'instructions':>13} {'x bare':>7}" + ("  calls" if args.calls else ""))
    print(f"{'bare Django view':22} {bare:13,.0f} {1:7.2f}")
    names = [name + kind for name in args.pages for kind in (HIT_KINDS if args.hits else [""])]
    for name, total in zip(names, counts, strict=True):
        per = total / args.requests
        extra = f"  {calls.get(name, '')}" if args.calls else ""
        print(f"{name:22} {per:13,.0f} {per / bare:7.2f}{extra}")


def under_valgrind_total(env, out):
    under_valgrind(env, ["--child", "bare", "--requests", "100"], out)
    return totals(out)[0] / 100


if __name__ == "__main__":
    main()

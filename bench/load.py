"""Throughput of every public page type under gunicorn, against a bare Django view.

    .venv/bin/python bench/load.py --quick                 # a sanity run, about 2 minutes
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/embassy_bench \\
    CACHE_URL=redis://127.0.0.1:6379/5 .venv/bin/python bench/load.py   # the real figures

The database named by DATABASE_URL is EMPTIED and filled again (default: a scratch SQLite
file); so is the Redis database of CACHE_URL. Server and wrk share the machine's cores, so
absolute requests per second say little: the floor is a bare Django view (no middleware, no
database, 200 bytes; ../shared/tools/bare_django.py) served by gunicorn with 2 workers in
the same run, and every page is reported as its share of it, cached (PAGE_CACHE_SECONDS=600)
and uncached (0). Below 3,000 req/s for the floor the machine is busy: the bench refuses
to report (--force prints anyway, marked). It prints, in order: the floor; each page at
the largest archive, cached and uncached, with p50/p99 under load and p50 alone (with
/robots.txt: a 4-node template through the whole middleware stack, the most an uncached
page could make); the growth table (100, 1,000 and 10,000 notices by default); the time
back to cached speed after a publish under wrk -c32.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from recover import time_to_recover  # noqa: E402
from server import bare_view, prepared, seed, site  # noqa: E402
from wrk import floor_or_refuse, require_wrk, wrk  # noqa: E402


def measure(base, targets, args):
    for path in targets.values():  # warm each worker's caches and connections
        wrk(base + path, 1, 4)
    results = {
        name: wrk(base + path, args.duration, args.connections) for name, path in targets.items()
    }
    alone = {
        name: wrk(base + path, max(2, args.duration // 3), 1)[1] for name, path in targets.items()
    }
    return results, alone


def pages_table(count, floor, cached, uncached):
    print(
        f"\n{count:,} generated notices: req/s, share of the floor, p50/p99 ms under load, "
        "non-2xx, p50 ms for one visitor alone"
    )
    print(
        f"{'page':18} {'cached':>8} {'share':>6} {'p50':>6} {'p99':>6} {'err':>4} "
        f"{'uncached':>8} {'share':>6} {'p50':>6} {'p99':>6} {'err':>4} {'alone':>6}"
    )
    (hits, _), (misses, alone) = cached, uncached
    for name in hits:
        c, u = hits[name], misses[name]
        print(
            f"{name:18} {c[0]:8.0f} {c[0] / floor:6.1%} {c[1]:6.1f} {c[2]:6.1f} {c[3]:4} "
            f"{u[0]:8.0f} {u[0] / floor:6.1%} {u[1]:6.1f} {u[2]:6.1f} {u[3]:4} "
            f"{alone[name]:6.1f}"
        )


def growth_table(floor, rows):
    names = list(next(iter(rows.values()))[0][0])
    print("\nGrowth: share of the floor, cached / uncached, by generated notices")
    print(f"{'page':18} " + " ".join(f"{count:>15,}" for count in rows))
    for name in names:
        cells = []
        for cached, uncached in rows.values():
            cells.append(f"{cached[0][name][0] / floor:6.1%} / {uncached[0][name][0] / floor:6.1%}")
        print(f"{name:18} " + " ".join(f"{cell:>15}" for cell in cells))


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--growth",
        type=int,
        nargs="+",
        default=[100, 1_000, 10_000],
        help="archive sizes (generated notices) to measure, ascending",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a sanity run: 2 s per wrk run, 100 notices, short recovery",
    )
    parser.add_argument("--force", action="store_true", help="report even on a busy machine")
    args = parser.parse_args()
    if args.quick:
        args.duration, args.growth = 2, [100]
    require_wrk()
    with bare_view() as floor_url:
        wrk(floor_url, 1, 4)
        floor = wrk(floor_url, args.duration, args.connections)[0]
    floor_or_refuse(floor, args.force)
    rows, done = {}, 0
    with prepared(0) as (env, paths):
        # A word in every generated notice: the search whose cost grows with the archive.
        paths["search-everything"] = "/en/search/?q=consular"
        # A few bytes of template through the whole middleware stack: the most any uncached
        # page could make, so each page's uncached share reads against it.
        paths["robots.txt"] = "/robots.txt"
        paths.pop("404", None)
        for count in sorted(args.growth):
            seed(env, count - done)
            done = count
            with site(env, PAGE_CACHE_SECONDS="600") as base:
                cached = measure(base, paths, args)
            with site(env, PAGE_CACHE_SECONDS="0") as base:
                uncached = measure(base, paths, args)
            rows[count] = (cached, uncached)
        pages_table(done, floor, *rows[done])
        if len(rows) > 1:
            growth_table(floor, rows)
        with site(env, PAGE_CACHE_SECONDS="600") as base:
            after = 5.0 if args.quick else 15.0
            seconds, baseline = time_to_recover(
                env, base, paths["home"], args.connections, after=after
            )
    recovered = f"{seconds * 1000:.0f} ms" if seconds is not None else f"not within {after:.0f} s"
    print(
        f"\nAfter a publish under wrk -c{args.connections} on the home page: back to cached "
        f"speed (probe p50 {baseline * 1000:.1f} ms) in {recovered}"
    )
    with bare_view() as floor_url:
        again = wrk(floor_url, args.duration, args.connections)[0]
    print(
        f"bare Django view again at the end: {again:,.0f} req/s "
        f"({again / floor - 1:+.0%} against the start)"
    )


if __name__ == "__main__":
    main()

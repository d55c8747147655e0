"""Time import_content on 10,000 notices and 100 relations × 50 milestones.

Run by hand, never in CI timing asserts:

    python bench/import_bench.py [--backend sqlite|postgres|both] [--format json|yaml]

Each backend runs in its own process (so peak memory is that run's), against a scratch
database: a temporary SQLite file, and the PostgreSQL database ``embassy_bench`` on the
server named by DATABASE_URL (default postgres://postgres@127.0.0.1:5432/), which is dropped
and created again. The database named in DATABASE_URL itself is never touched.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
NOTICES, RELATIONS, MILESTONES = 10_000, 100, 50
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip


def generate(folder: Path, fmt: str, revision=""):
    """Two content files in the import format; returns their paths.

    A ``revision`` changes every notice's title, teaser and body and every milestone's text,
    for a run that updates them all.
    """
    folder.mkdir(exist_ok=True)
    relations = [
        {
            "slug": f"relation-{r}",
            "title": f"NATO – Country {r} relations",
            "summary": f"How NATO and country {r} cooperate.",
            "status": "published",
            "publish_at": "2020-01-01T09:00:00+04:00",
            "sections": [
                {"anchor": f"section-{s}", "heading": f"Section {s}", "kind": "text",
                 "body": f"<p>Paragraph {s} of relation {r}.</p>"}
                for s in range(4)
            ],
            "milestones": [
                {
                    "slug": f"m-{m}",
                    "date": (
                        str(1990 + m % 30) if m % 3 == 0
                        else f"{MONTHS[m % 12]} {1990 + m % 30}" if m % 3 == 1
                        else f"{1 + m % 28} {MONTHS[m % 12]} {1990 + m % 30}"
                    ),
                    "text": f"Milestone {m} of relation {r}: something was signed.{revision}",
                }
                for m in range(MILESTONES)
            ],
        }
        for r in range(RELATIONS)
    ]  # fmt: skip
    notices = {
        "categories": [{"slug": f"category-{c}", "name": f"Category {c}"} for c in range(10)],
        "notices": [
            {
                "slug": f"notice-{n}",
                "title": f"Notice number {n}{revision}",
                "category": f"category-{n % 10}",
                "summary": f"The teaser of notice {n}, shown in lists.{revision}",
                "body": f"<p>The body of notice {n}{revision}.</p><p>With a <a href='https://example.org/'>"
                "link</a> and <strong>emphasis</strong>.</p>",
                "status": "published",
                "publish_at": f"2023-{1 + n % 12:02d}-{1 + n % 28:02d}T10:00:00+04:00",
                "pinned": n % 500 == 0,
            }
            for n in range(NOTICES)
        ],
    }
    paths = []
    for name, data in (("relations", {"relations": relations}), ("notices", notices)):
        path = folder / f"{name}.{fmt}"
        if fmt == "json":
            path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        else:
            import yaml

            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        paths.append(path)
    return paths


def postgres_url():
    server = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/"))
    if not server.scheme.startswith("postgres"):
        server = urlsplit("postgres://postgres@127.0.0.1:5432/")
    return urlunsplit(server._replace(path="/embassy_bench"))


def recreate_postgres(url):
    import psycopg2

    parts = urlsplit(url)
    connection = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username or "postgres",
        password=parts.password or None, dbname="postgres",
    )  # fmt: skip
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("DROP DATABASE IF EXISTS embassy_bench")
        cursor.execute("CREATE DATABASE embassy_bench")
    connection.close()


def run_one(database_url, paths, changed):
    """In a child process: set up Django on the scratch database, import twice, print JSON."""
    os.environ.update(
        DATABASE_URL=database_url, DEBUG="false", SECRET_KEY="bench-only",
        DJANGO_SETTINGS_MODULE="embassy_site.settings", CONN_MAX_AGE="0",
    )  # fmt: skip
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from io import StringIO

    figures = {"rss_before_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    runs = (("first", paths), ("second", paths), ("third", changed))
    for run, files in runs:
        out = StringIO()
        start = time.perf_counter()
        call_command("import_content", *map(str, files), stdout=out)
        figures[f"{run}_seconds"] = round(time.perf_counter() - start, 2)
        figures[f"{run}_report"] = out.getvalue().strip().splitlines()
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(figures))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--format", choices=["json", "yaml"], default="json")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_one(args.child[0], args.child[1:3], args.child[3:])
        return

    with tempfile.TemporaryDirectory(prefix="import-bench-") as tmp:
        folder = Path(tmp)
        paths = generate(folder / "original", args.format)
        changed = generate(folder / "changed", args.format, revision=" (revised)")
        size = sum(p.stat().st_size for p in paths) / 1e6
        print(f"Generated {NOTICES:,} notices, {RELATIONS} relations × {MILESTONES} milestones "
              f"(+4 sections each) as {args.format.upper()}: {size:.1f} MB")  # fmt: skip
        backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
        for backend in backends:
            if backend == "sqlite":
                url = f"sqlite:///{folder / 'bench.sqlite3'}"
            else:
                url = postgres_url()
                recreate_postgres(url)
            result = subprocess.run(
                [sys.executable, __file__, "--child", url, *map(str, paths + changed)],
                capture_output=True, text=True, cwd=ROOT,
            )  # fmt: skip
            if result.returncode:
                print(f"{backend}: failed\n{result.stderr}", file=sys.stderr)
                sys.exit(1)
            figures = json.loads(result.stdout.strip().splitlines()[-1])
            print(f"\n{backend} ({urlsplit(url).scheme}):")
            print(f"  first import (all created):    {figures['first_seconds']:6.2f} s")
            print(f"  second import (all unchanged): {figures['second_seconds']:6.2f} s")
            print(f"  third import (15,000 updated): {figures['third_seconds']:6.2f} s")
            peak, base = figures["peak_rss_mb"], figures["rss_before_mb"]
            print(
                f"  peak memory (max RSS): {peak:.0f} MB (after set-up and migrate: {base:.0f} MB)"
            )
            for line in figures["second_report"] + figures["third_report"]:
                print(f"    {line}")


if __name__ == "__main__":
    main()

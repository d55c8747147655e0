"""Lighthouse scores of every public page type on a production-like server.

Usage: .venv/bin/python bench/lighthouse.py [--runs 3]

Installs lighthouse@12.8.2 into bench/out/lighthouse (not the project's package.json, which
holds CI's test tools only) and drives Debian's Chromium. Prints the four category scores
per page: the median of the runs, since performance varies between runs on shared cores.
Targets: 100 for accessibility, best practices and SEO; at least 95 for performance.
The pages carry images (tests/public_content.add_images): lead images and one in a body.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import OUT, running_server  # noqa: E402

VERSION = "12.8.2"
TOOL = OUT / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


def lighthouse_bin():
    binary = TOOL / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        TOOL.mkdir(parents=True, exist_ok=True)
        # A package.json of its own, or npm would climb to the project's and add it there.
        (TOOL / "package.json").write_text('{"private": true}\n')
        subprocess.run(
            ["npm", "install", "--save-exact", "--no-audit", "--no-fund", f"lighthouse@{VERSION}"],
            cwd=TOOL,
            check=True,
        )
    return binary


def run_once(binary, url, report):
    """(scores, audits below 100 per category), or None when Lighthouse refuses the page
    (it will not score a 404 response, by design)."""
    result = subprocess.run(
        [
            str(binary), url,
            f"--chrome-flags={CHROME_FLAGS}",
            "--output=json", f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--quiet",
        ],
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
    )  # fmt: skip
    if result.returncode:
        return None
    data = json.loads(Path(report).read_text())
    scores = {c: round(data["categories"][c]["score"] * 100) for c in CATEGORIES}
    failed = {
        c: [
            ref["id"]
            for ref in data["categories"][c]["auditRefs"]
            if ref["weight"] and (data["audits"][ref["id"]]["score"] or 0) < 1
        ]
        for c in CATEGORIES
        if c != "performance"
    }
    return scores, failed


def scored(binary, url, report, tries):
    """``run_once``, tried again when Lighthouse fails on a page that answers 200: its trace
    recording fails now and then on shared cores (NO_NAVSTART), for a random page."""
    for _ in range(tries):
        found = run_once(binary, url, report)
        if found is not None:
            return found
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", nargs="*", help="page types to measure (default: all)")
    args = parser.parse_args()
    binary = lighthouse_bin()
    reports = OUT / "lighthouse-reports"
    reports.mkdir(parents=True, exist_ok=True)
    rows = []
    # With the lead and body images of tests/public_content.py: the home page, the lists, a
    # notice and a relation are measured with their pictures.
    with running_server(images=True) as (base, paths):
        for name, path in paths.items():
            if args.pages and name not in args.pages:
                continue
            runs = [
                scored(
                    binary, base + path, reports / f"{name}-{i}.json", tries=1 + 2 * (name != "404")
                )
                for i in range(args.runs)
            ]
            if None in runs:
                why = "an error response" if name == "404" else "failed three times"
                rows.append((name, None, [f"not scored: {why}"]))
                print(f"{name}: not scored ({why})")
                continue
            median = {c: statistics.median(r[0][c] for r in runs) for c in CATEGORIES}
            below = sorted({audit for r in runs for ids in r[1].values() for audit in ids})
            rows.append((name, median, below))
            print(f"{name}: {median} {'below 100: ' + ', '.join(below) if below else ''}")
    print(f"\nLighthouse {VERSION}, median of {args.runs} runs (mobile, simulated throttling)")
    print(f"{'page':16} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}  audits below 100")
    for name, median, below in rows:
        scores = " ".join(f"{median[c]:>5.0f}" if median else f"{'-':>5}" for c in CATEGORIES)
        print(f"{name:16} {scores}  {', '.join(below)}")


if __name__ == "__main__":
    main()

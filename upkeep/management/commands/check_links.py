"""manage.py check_links: every link of published content, asked once, results kept.

Safe from cron: a second run while one is going does nothing, and a run may be repeated at
any time (it updates the same rows).
"""

from django.core.management.base import BaseCommand

from upkeep import checker, links
from upkeep.fetch import MAX_HOPS
from upkeep.models import Tier
from upkeep.results import Busy, lock, store


class Command(BaseCommand):
    help = "Check the links and attachments of published pages; broken ones go on the dashboard."

    def add_arguments(self, parser):
        limits = checker.limits()
        parser.add_argument("--timeout", type=float, default=limits["timeout"])
        parser.add_argument("--deadline", type=float, default=limits["deadline"])
        parser.add_argument("--workers", type=int, default=limits["workers"])

    def handle(self, *args, timeout, deadline, workers, verbosity=1, **options):
        # Held past the deadline by what a last link may still take (HEAD and GET, each
        # hop of its redirects).
        hold = deadline + 2 * (MAX_HOPS + 1) * timeout + 60
        try:
            with lock("check_links", hold):
                gone = {}  # picked links to pages no longer published: listed, not asked for
                found = links.found_links(gone)
                urls = set().union(*found.values()) if found else set()
                results = checker.check_all(
                    urls - gone.keys(), timeout=timeout, deadline=deadline, workers=workers
                )
                results |= {url: (None, why) for url, why in gone.items()}
                store(found, results)
        except Busy:
            self.stderr.write("Another check_links run is still going: nothing done.")
            return
        counts = {each: 0 for each in Tier}
        for status, error in results.values():
            counts[checker.tier(status, error)] += 1
        if verbosity:
            late = len(urls) - len(results)
            self.stdout.write(
                f"Checked {len(results)} links on {len(found)} pages: "
                f"{counts[Tier.BROKEN]} broken, {counts[Tier.WARNING]} to check, "
                f"{counts[Tier.OK]} working"
                + (f"; {late} left for the next run (deadline)." if late else ".")
            )

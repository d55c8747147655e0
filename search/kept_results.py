"""One search's shown results (the list's HTML and the count), kept in the shared cache per
content version, as notices/listing.py keeps a list page's count and cards.

Ranking, counting and reading a page of results, then cutting a snippet for each, was most
of a search page's cost, and a database query each time, the same for every visitor until
content changes. An entry holds the page's results rendered (search/templatetags/
search_results.py) and the number of matches (up to the cap), under a key naming:

- the content version: any save that search can show (a publish, a withdrawal, an edit)
  moves it (publishing.content_version); and this process's own saves, counted before
  they commit, as publishing/kept_pages.py names them, so a reader inside the saving
  transaction (an import, a test) finds what it wrote (a worker that saved nothing names
  none: visitors' workers share their entries);
- the language, the query's words as parsed (search.text.Query) and the page number;
- a digest of the code that writes the results' HTML (a deploy that changes it).

and the entry carries the moment it stops being true: the next time a scheduled page
appears or a current one expires (publishing.content_version.next_change), which no save
announces; found once per version in this process. Past it, the search runs afresh. The
rest of the page (the form, the count's sentence, the pagination) is rendered per request.
"""

import hashlib
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.safestring import mark_safe

from publishing import content_version, rendered

HERE = Path(__file__).resolve().parent
# What decides a result's markup and text: a change to any of them is a new entry.
WRITERS = ("templatetags/search_results.py", "text.py", "dates.py", "views.py", "page.py")
DIGEST = hashlib.md5(
    b"".join((HERE / name).read_bytes() for name in WRITERS), usedforsecurity=False
).hexdigest()[:8]


def key(version, language, terms, number):
    # The words digested: a query's ten words may be long, and any text may be in them.
    words = hashlib.md5("\x1f".join(terms).encode(), usedforsecurity=False).hexdigest()
    shared, saves = version
    saved = f"+{saves}" if saves else ""
    return f"search-results:{DIGEST}:{shared}{saved}:{language}:{words}:{number}"


def results(request, language, terms, number, search):
    """(the page's results as safe HTML, the number of matches), kept for this version, or
    from ``search(now)``, which gives the same pair live (then stored)."""
    timeout = settings.PAGE_FRAGMENT_CACHE_SECONDS
    if not timeout:
        return search(timezone.now())
    version = (rendered.version(request), content_version.saves_here())
    name = key(version, language, terms, number)
    found = rendered.read_near([name]).get(name)
    if found is not None and (found["until"] is None or time.time() < found["until"]):
        return mark_safe(found["hits"]), found["count"]
    now = timezone.now()
    # The same moment for the search and the schedule: what the search shows holds until
    # the first change after it.
    until = _until(version, now)
    hits, count = search(now)
    if until is not None:
        timeout = min(timeout, max(1, int(until - now.timestamp()) + 1))
    cache.set(name, {"hits": str(hits), "count": count, "until": until}, timeout)
    return hits, count


def _until(version, now):
    """The next scheduled change as a unix time (or None), found once per version and kept
    in this process until it comes."""

    def find():
        coming = content_version.next_change(now)
        moment = coming.timestamp() if coming else None
        return moment, moment

    return rendered.kept_until(("search-until", *version), find, now.timestamp())

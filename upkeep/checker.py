"""Asks for each link once, in bounded time: outbound ones over HTTP from a small thread
pool (HEAD, then GET where HEAD is refused; never an internal address, see fetch.py), the
site's own through the site itself."""

import http.client
import socket
import time
from concurrent.futures import ThreadPoolExecutor, wait

from django.conf import settings

from addresses import probe

from .fetch import MAX_HOPS, NotChecked, follow
from .models import NOT_CHECKED, Tier


def limits():
    """Seconds per request, seconds for the whole run, requests at once: settings or these."""
    return {
        "timeout": getattr(settings, "LINK_CHECK_TIMEOUT", 10),
        "deadline": getattr(settings, "LINK_CHECK_DEADLINE", 15 * 60),
        "workers": getattr(settings, "LINK_CHECK_WORKERS", 4),
    }


# Statuses a site may give to HEAD alone, or to a checker it does not know: ask again by GET.
GET_AGAIN = {400, 403, 405, 406, 429, 500, 501, 503}


def user_agent():
    return f"{settings.EMBASSY_NAME} link checker (+https://{probe.site_host()}/)"


def _why(error, timeout):
    if isinstance(error, TimeoutError):
        return f"No answer within {timeout} s"
    if isinstance(error, socket.gaierror):
        return "Host name not found (DNS)"
    if isinstance(error, ConnectionRefusedError):
        return "Connection refused"
    return f"{type(error).__name__}: {error}"[:300]


def fetch(url, method, timeout):
    """(status or None, error text) of one link, its redirects followed by hand; never
    raises for a network failure or an address the checker will not ask for."""
    headers = {"User-Agent": user_agent(), "Accept": "*/*"}
    try:
        status, location, end, end_status = follow(url, method, timeout, headers)
    except NotChecked as refusal:
        return None, str(refusal)[:300]
    except (OSError, http.client.HTTPException, ValueError, UnicodeError) as error:
        return None, _why(error, timeout)
    if not (300 <= status < 400 and location):
        return status, ""
    if end_status is None:
        return status, f"Leads to {location}, then more than {MAX_HOPS} redirects"[:300]
    if tier(end_status) == Tier.BROKEN:
        return end_status, f"Leads to {end}, which answers {end_status}"[:300]
    return status, f"Leads to {location}"[:300]


def check_outbound(url, timeout):
    status, error = fetch(url, "HEAD", timeout)
    if status in GET_AGAIN:
        status, error = fetch(url, "GET", timeout)
    return status, error


def check_own(url):
    response = probe.answer(url)
    probe.release(response)  # a download holds its file open
    location = response.get("Location", "")
    return response.status_code, f"Leads to {location}" if location else ""


def tier(status, error=""):
    if status is None and error.startswith(NOT_CHECKED):
        return Tier.WARNING  # not asked for at all: staff should look at the link
    if status is None or status >= 500:
        return Tier.BROKEN
    if status < 300:
        return Tier.OK
    if status < 400 or status in (401, 403, 429):
        return Tier.WARNING
    return Tier.BROKEN


def check_all(urls, *, timeout, deadline, workers):
    """{url: (status, error)} for the links answered before the deadline; the others are
    left out (their last result stands)."""
    end = time.monotonic() + deadline
    results = {}
    outbound = sorted(url for url in urls if not probe.is_own(url))
    own = sorted(url for url in urls if probe.is_own(url))
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="check_links")
    try:
        futures = {pool.submit(check_outbound, url, timeout): url for url in outbound}
        # The site's own links in this thread meanwhile: it holds the database connection.
        for url in own:
            if time.monotonic() >= end:
                break
            results[url] = check_own(url)
        done, _pending = wait(futures, timeout=max(0, end - time.monotonic()))
        for future in done:
            results[futures[future]] = future.result()
    finally:
        # Unstarted checks are dropped; running ones end within their own timeout.
        pool.shutdown(wait=False, cancel_futures=True)
    return results

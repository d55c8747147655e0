"""Asks for each link once, in bounded time: outbound ones over HTTP from a small thread
pool (HEAD, then GET where HEAD is refused), the site's own through the site itself."""

import http.client
import socket
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor, wait

from django.conf import settings

from addresses import probe

from .models import Tier


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


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is a result of its own (a warning: the link should be updated)."""

    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def _why(error, timeout):
    reason = getattr(error, "reason", error)
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"No answer within {timeout} s"
    if isinstance(reason, socket.gaierror):
        return "Host name not found (DNS)"
    if isinstance(reason, ConnectionRefusedError):
        return "Connection refused"
    return f"{type(reason).__name__}: {reason}"[:300]


def fetch(url, method, timeout):
    """(status or None, error text) of one request; never raises for a network failure."""
    request = urllib.request.Request(
        url, method=method, headers={"User-Agent": user_agent(), "Accept": "*/*"}
    )
    try:
        with _opener.open(request, timeout=timeout) as response:
            return response.status, ""
    except urllib.error.HTTPError as error:
        error.close()
        location = error.headers.get("Location", "") if error.headers else ""
        return error.code, f"Leads to {location}"[:300] if location else ""
    except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as error:
        return None, _why(error, timeout)


def check_outbound(url, timeout):
    status, error = fetch(url, "HEAD", timeout)
    if status in GET_AGAIN:
        status, error = fetch(url, "GET", timeout)
    return status, error


def check_own(url):
    response = probe.answer(url)
    if response.streaming:
        probe.release(response)  # a download holds its file open
    location = response.get("Location", "")
    return response.status_code, f"Leads to {location}" if location else ""


def tier(status):
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

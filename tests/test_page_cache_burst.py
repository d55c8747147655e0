"""A burst of visitors for one page right after a change renders it once: the first takes
a short lock, the others wait for its entry (embassy_site/page_cache.py)."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from publishing import content_version

from .factories import make_notice

VISITORS = 8


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


def visit(path, barrier, results, queries):
    client = Client()
    barrier.wait()
    with CaptureQueriesContext(connection) as captured:
        results.append(client.get(path).content)
    queries.append(len(captured))
    connection.close()


@pytest.mark.django_db(transaction=True)
def test_a_burst_of_misses_renders_the_page_once(page_cache):
    for i in range(12):
        make_notice(slug=f"n-{i}", title=f"Burst notice {i}")
    with CaptureQueriesContext(connection) as one_render:
        Client().get("/en/notices/")
    content_version.bump()  # every page is stale at once, as after a publish
    barrier = threading.Barrier(VISITORS)
    results, queries = [], []
    threads = [
        threading.Thread(target=visit, args=("/en/notices/", barrier, results, queries))
        for _ in range(VISITORS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(results) == VISITORS and len(set(results)) == 1
    assert b"Burst notice 11" in results[0]
    # One render's queries in all: the others waited and were answered from its entry.
    assert sum(queries) == len(one_render), queries

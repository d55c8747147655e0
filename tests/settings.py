"""Settings for the test run: the site's own, with test-only values and a toy page type.

A bare ``pytest`` from the repository root uses these (pyproject.toml), so the suite needs
no Makefile environment. Values already in the environment win: CI picks the database.
"""

import os

TEST_ONLY = {
    "DEBUG": "false",  # tests run with production-like settings
    "SECRET_KEY": "test-only-not-secret",
    "SECURE_SSL_REDIRECT": "false",  # the test client speaks plain HTTP
    "SITE_URL": "http://testserver",  # the test client's host: links read as it sends them
    # Tests serve static files from the finders; no collectstatic output is expected.
    "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    # Query counts measure a page's own cost; tests/test_page_cache.py turns the cache on.
    "PAGE_CACHE_SECONDS": "0",
}
for name, value in TEST_ONLY.items():
    os.environ.setdefault(name, value)

from embassy_site.settings import *  # noqa: E402, F403
from embassy_site.settings import INSTALLED_APPS  # noqa: E402

# A page type that exists only in the tests, registered by the tests that use it.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.toy"]

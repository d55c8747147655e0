import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files of a test go to its own folder, never to the project's media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, as a freshly started server would (the copies
    of the rendered header and footer it keeps in memory too)."""
    from django.core.cache import cache

    from pages import rendered_chrome
    from publishing import rendered

    cache.clear()
    rendered_chrome.forget()
    rendered.forget()


@pytest.fixture(autouse=True)
def _fresh_content_types():
    """A test that flushes the database makes content types anew with other ids; Django
    caches them per process, so later tests would look up revisions under stale ids."""
    yield
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


@pytest.fixture(autouse=True)
def _english_to_start():
    """A request to /ro/ or /az/ leaves its language active in the thread (LocaleMiddleware
    activates, nothing resets); each test starts in English, as a fresh process does."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


class _Clock:
    def __init__(self):
        self.offset = 0.0

    def advance(self, seconds):
        self.offset += seconds


@pytest.fixture
def clock(monkeypatch):
    """This process's clock, moved forward without waiting: ``clock.advance(2.2)`` is, to the
    site, 2.2 s later. The site reads the moment from timezone.now() and time.time(); both run
    ahead by what was advanced (Redis's own expiry does not: the site must not rely on it)."""
    import datetime
    import time

    from django.utils import timezone

    moved = _Clock()
    real_time, real_now = time.time, timezone.now
    monkeypatch.setattr(time, "time", lambda: real_time() + moved.offset)
    monkeypatch.setattr(
        timezone, "now", lambda: real_now() + datetime.timedelta(seconds=moved.offset)
    )
    return moved

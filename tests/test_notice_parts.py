"""A notice's cached parts (notices/notice_parts.py): its notes, lead image and body are
read from the cache, equal a fresh render, and every change to what they show is seen by
the next visitor. On the local-memory cache and on a real Redis (the cards' fixture)."""

import lxml.html
import pytest

from notices.models import Attachment, Notice
from publishing import actions
from publishing.roles import PUBLISHERS

from .factories import make_attachment, make_image, make_notice, make_staff
from .pages_helpers import make_page
from .test_notice_cards import card_cache, html  # noqa: F401  (the two caches, a 200 page)

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(settings):
    settings.PAGE_FRAGMENT_CACHE_SECONDS = 300
    return make_notice(title="Visa hours", body="<p>Open on Mondays.</p>")


def test_the_parts_are_read_from_the_cache_and_equal_a_fresh_render(client, notice, settings):
    make_attachment(notice, title="Visa form")
    path = notice.get_absolute_url()
    first = html(client, path)
    # Not a way the site changes content (no save, no new update time): only the cache
    # can still show the old body and the attachment's old title.
    Notice.objects.filter(pk=notice.pk).update(body_en="<p>Changed behind the cache.</p>")
    Attachment.objects.filter(notice=notice).update(title_en="Renamed behind the cache")
    assert html(client, path) == first
    settings.PAGE_FRAGMENT_CACHE_SECONDS = 0
    fresh = html(client, path)
    assert "Changed behind the cache." in fresh and "Renamed behind the cache" in fresh
    assert (
        fresh.replace("Changed behind the cache.", "Open on Mondays.").replace(
            "Renamed behind the cache", "Visa form"
        )
        == first
    )


def test_a_cached_notice_reads_only_its_row(client, notice, django_assert_num_queries):
    make_attachment(notice, title="Visa form")
    notice.lead_image = make_image()
    notice.save()
    html(client, notice.get_absolute_url())
    with django_assert_num_queries(0):  # the notice kept with its category and image
        assert "Visa form" in html(client, notice.get_absolute_url())


def test_a_saved_body_shows_at_once(client, notice):
    html(client, notice.get_absolute_url())
    notice.body = "<p>Open on Tuesdays.</p>"
    notice.save()
    assert "Open on Tuesdays." in html(client, notice.get_absolute_url())


def test_an_attachment_added_renamed_or_removed_shows_at_once(client, notice):
    path = notice.get_absolute_url()
    html(client, path)
    attachment = make_attachment(notice, title="Visa form")
    assert "Visa form" in html(client, path)
    attachment.title = "Visa application form"
    attachment.save()
    assert "Visa application form" in html(client, path)
    attachment.delete()
    assert "Visa application form" not in html(client, path)


def test_a_withdrawal_and_a_change_note_show_at_once(client, notice):
    path = notice.get_absolute_url()
    html(client, path)
    publisher = make_staff("pia", PUBLISHERS)
    actions.Publish(notice, publisher, public_note={"en": "New opening hours."}).run()
    assert "New opening hours." in html(client, path)
    notice.refresh_from_db()
    actions.Withdraw(notice, publisher, reason={"en": "Wrong hours."}).run()
    assert "Wrong hours." in html(client, path)


def test_a_new_lead_image_and_its_new_alt_text_show_at_once(client, notice):
    path = notice.get_absolute_url()
    html(client, path)
    notice.lead_image = image = make_image(alt_text="The consular entrance.")
    notice.save()
    assert 'alt="The consular entrance."' in html(client, path)
    image.alt_text = "The consular entrance, seen from the street."
    image.save()
    assert 'alt="The consular entrance, seen from the street."' in html(client, path)


def test_a_published_translation_shows_in_its_language(client, notice):
    path = notice.get_absolute_url()
    html(client, path.replace("/en/", "/ro/"))
    notice.body_ro = "<p>Deschis lunea.</p>"
    notice.published_languages = ["ro"]
    notice.save()
    assert "Deschis lunea." not in html(client, path)  # the English page
    assert "Deschis lunea." in html(client, path.replace("/en/", "/ro/"))


def test_a_link_in_the_body_follows_its_renamed_target(
    client, notice, django_capture_on_commit_callbacks
):
    """A link's address is written when the body is rendered: a rename of the page it
    names, which saves only that page, must not leave the old address in the cached body."""
    target = make_page("Passports", slug="passports")
    link = f'<a href="/en/old/" data-page="pages.page:{target.pk}">passports</a>'
    notice.body = f"<p>See {link}.</p>"
    notice.save()

    def hrefs():
        page = lxml.html.fromstring(html(client, notice.get_absolute_url()))
        return [a.get("href") for a in page.iter("a") if a.text == "passports"]

    assert hrefs() == ["/en/passports/"]
    with django_capture_on_commit_callbacks(execute=True):
        target.slug_en = "travel-documents"
        target.save()
    assert hrefs() == ["/en/travel-documents/"]

"""A change to an image renews the cached pages: they show its renditions and its words."""

import pytest

from images.models import Image
from publishing import content_version

from .factories import make_image, make_notice

pytestmark = pytest.mark.django_db


def test_saving_and_deleting_an_image_moves_the_content_version(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        image = make_image()
    before = content_version.current()
    with django_capture_on_commit_callbacks(execute=True):
        Image.objects.filter(pk=image.pk).first().save()
    after_save = content_version.current()
    assert after_save != before
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert content_version.current() != after_save


def test_a_cached_page_shows_an_images_new_alt_text(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 600
    image = make_image(alt_text="The old words.")
    notice = make_notice(lead_image=image)
    with django_capture_on_commit_callbacks(execute=True):
        pass
    assert 'alt="The old words."' in client.get(notice.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        image.alt_text = "The new words."
        image.save()
    assert 'alt="The new words."' in client.get(notice.get_absolute_url()).content.decode()


def test_a_cached_page_shows_an_images_new_renditions(
    client, settings, django_capture_on_commit_callbacks
):
    # Renditions are made anew outside a save of the image too (a remade set after a change
    # of the crop ratios): the page a visitor was served before must not keep the old files.
    settings.PAGE_CACHE_SECONDS = 600
    image = make_image()
    notice = make_notice(lead_image=image)
    with django_capture_on_commit_callbacks(execute=True):
        pass
    old = {r.url for r in image.renditions.all()}
    before = client.get(notice.get_absolute_url()).content.decode()
    assert any(url in before for url in old)
    version = content_version.current()
    with django_capture_on_commit_callbacks(execute=True):
        image.make_renditions()
        # Not before the commit: a visitor in between would cache the old page anew.
        assert content_version.current() == version
    new = {r.url for r in image.renditions.all()}
    assert new and not new & old
    after = client.get(notice.get_absolute_url()).content.decode()
    assert any(url in after for url in new)
    assert not any(url in after for url in old)

"""A change to an image renews the cached pages: they show its renditions and its words."""

import pytest

from images.models import Image
from publishing import content_version

from .factories import make_image

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

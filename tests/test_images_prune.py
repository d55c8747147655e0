"""prune_media keeps every file of an image in the library and removes rendition files that
no row holds any more (replaced renditions), once they are an hour old."""

import os
from io import StringIO

import pytest
from django.core.management import call_command

from .factories import make_image
from .test_prune_media import age

pytestmark = pytest.mark.django_db


def prune(*args):
    out = StringIO()
    call_command("prune_media", *args, stdout=out)
    return out.getvalue()


def test_an_images_files_stay_and_an_orphan_rendition_goes(settings):
    image = make_image()
    orphans = [r.file.path for r in image.renditions.all()]
    image.make_renditions()  # the old rows go; their files stay until pruned
    kept = [image.file.path, *(r.file.path for r in image.renditions.all())]
    assert len(kept) == 1 + len(orphans) == 5 and not set(kept) & set(orphans)
    young = settings.MEDIA_ROOT / "images" / "renditions" / "young.webp"
    young.write_bytes(b"RIFF")
    for path in [*kept, *orphans]:
        age(path)
    output = prune("--dry-run")
    for orphan in orphans:
        assert f"would delete images/renditions/{os.path.basename(orphan)}" in output
    assert "4 unreferenced file(s) would be deleted" in output
    assert all(os.path.exists(path) for path in [*kept, *orphans, young])
    prune()
    assert not any(os.path.exists(path) for path in orphans)
    assert all(os.path.exists(path) for path in [*kept, young])

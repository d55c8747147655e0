"""prune_media: files nobody needs go; files a live attachment or a revision names stay."""

import os
import time
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command

from notices.models import Attachment
from publishing import revisions, snapshots
from publishing.files import files_needed
from publishing.models import Revision

from .factories import make_notice

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"
DAY = 24 * 3600


def attach(notice, title):
    attachment = Attachment(notice=notice, title=title, file=ContentFile(PDF, name="x.pdf"))
    attachment.save()
    return attachment


def age(path, seconds=DAY):
    then = time.time() - seconds
    os.utime(path, (then, then))


def prune(*args):
    out = StringIO()
    call_command("prune_media", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def files(settings):
    notice = make_notice()
    live = attach(notice, "Live form")
    deleted = attach(notice, "Deleted form")
    deleted_path = deleted.file.path
    revisions.record(notice, Revision.Kind.EDIT)  # names both files
    deleted.delete()  # its revision remains: restoring it brings the attachment back
    revisions.record(notice, Revision.Kind.EDIT)
    stray = settings.MEDIA_ROOT / "attachments" / "2020" / "01" / "stray.pdf"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(PDF)
    fresh = stray.with_name("fresh.pdf")
    fresh.write_bytes(PDF)
    for path in (live.file.path, deleted_path, stray):
        age(path)
    return {"live": live.file.path, "deleted": deleted_path, "stray": stray, "fresh": fresh}


def test_a_file_only_a_waiting_draft_names_is_kept(settings):
    """A live notice's draft adds a file: it is in storage and in the draft, in no row."""
    notice = make_notice()
    revisions.record(notice, Revision.Kind.EDIT)
    added = attach(notice, "Added in the draft")
    data = snapshots.take(notice)
    added_path = added.file.path
    Attachment.objects.filter(pk=added.pk).delete()  # what the admin's rollback leaves
    revisions.record(notice, Revision.Kind.DRAFT, applied=False, data=data)
    age(added_path)
    assert added.file.name in files_needed()
    prune()
    assert os.path.exists(added_path)


def exists(files):
    return {name for name, path in files.items() if os.path.exists(path)}


def test_dry_run_lists_and_deletes_nothing(files):
    output = prune("--dry-run")
    assert "would delete attachments/2020/01/stray.pdf" in output
    assert exists(files) == {"live", "deleted", "stray", "fresh"}


def test_only_files_nothing_needs_are_deleted(files):
    output = prune()
    assert "1 unreferenced file(s) deleted" in output
    # The deleted attachment's file stays: a restorable revision still refers to it.
    # The fresh file stays too: it may be an upload whose row is not committed yet.
    assert exists(files) == {"live", "deleted", "fresh"}


def test_a_file_goes_once_no_revision_refers_to_it(files):
    Revision.objects.all().delete()  # e.g. old history cleaned
    prune()
    assert exists(files) == {"live", "fresh"}
    prune("--min-age-minutes", "0")
    assert exists(files) == {"live"}


def test_running_twice_changes_nothing_more(files):
    prune()
    assert "0 unreferenced file(s) deleted" in prune()

"""Delete attachment files that neither an attachment nor any revision of a page refers to.

Safe to run from cron: a file younger than ``--min-age-minutes`` is kept (an upload may be
stored a moment before its row is committed), and a file that a revision still names (a
draft waiting for review, or a version that can be restored) is kept whatever its age.
``--dry-run`` lists what would go and deletes nothing. What is needed is asked of
``publishing.files``, for every page type's files, and of ``images.files`` for the image
library's; only the attachments and images folders are swept.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from images import files as image_files
from notices.models import Attachment
from publishing.files import files_needed

FOLDER = "attachments"
FOLDERS = [FOLDER, *image_files.folders()]


def stored_files(storage, folder=FOLDER):
    """Every file's name under ``folder``, depth first."""
    if not storage.exists(folder):
        return
    folders, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from stored_files(storage, f"{folder}/{sub}")


class Command(BaseCommand):
    help = (
        "Delete attachment files that no attachment and no revision of a page refers to. "
        "Files younger than --min-age-minutes are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be deleted; delete nothing."
        )
        parser.add_argument(
            "--min-age-minutes",
            type=int,
            default=60,
            help="Keep files changed more recently than this (default 60).",
        )

    def handle(self, *args, dry_run, min_age_minutes, verbosity, **options):
        storage = Attachment._meta.get_field("file").storage
        # Asked before listing the files: a file stored after this is young, and kept.
        needed = files_needed() | image_files.files_in_use()
        cutoff = timezone.now() - datetime.timedelta(minutes=min_age_minutes)
        pruned = kept_young = 0
        for name in (name for folder in FOLDERS for name in stored_files(storage, folder)):
            if name in needed:
                continue
            if storage.get_modified_time(name) > cutoff:
                kept_young += 1
                continue
            if verbosity >= 2 or dry_run:
                self.stdout.write(f"{'would delete' if dry_run else 'deleted'} {name}")
            if not dry_run:
                storage.delete(name)
            pruned += 1
        if verbosity >= 1:
            verb = "would be deleted" if dry_run else "deleted"
            self.stdout.write(
                f"{pruned} unreferenced file(s) {verb}; {len(needed)} referenced, "
                f"{kept_young} unreferenced but younger than {min_age_minutes} min kept."
            )

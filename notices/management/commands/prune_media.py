"""Delete attachment files that neither an attachment nor any of its versions refers to.

Safe to run from cron: a file younger than ``--min-age-minutes`` is kept (an upload may be
stored a moment before its row is committed), and a file a restorable version still needs
is kept whatever its age. ``--dry-run`` lists what would go and deletes nothing.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from notices.models import Attachment
from notices.revisions import files_needed_by_revisions

FOLDER = "attachments"


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
        "Delete attachment files that no attachment and no version of one refers to. "
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
        needed = set(Attachment.objects.values_list("file", flat=True))
        needed |= files_needed_by_revisions()
        cutoff = timezone.now() - datetime.timedelta(minutes=min_age_minutes)
        pruned = kept_young = 0
        for name in stored_files(storage):
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

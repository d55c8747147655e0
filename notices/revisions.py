"""What the revision store still needs from the file storage.

Versions live in django-simple-history's tables today (HistoricalAttachment). Restoring a
notice's version brings back its attachments as they were, files included, so a file stays
on disk while any version refers to it. This is the one question ``prune_media`` asks of
the revision store: point it at another store and nothing else changes.
"""

from .models import Attachment


def files_needed_by_revisions():
    """The stored names of files that some version of an attachment refers to."""
    return set(Attachment.history.exclude(file="").values_list("file", flat=True).distinct())

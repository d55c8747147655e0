"""manage.py send_review_reminders: e-mail each page past its review-by date to its last
publisher, once per page and date.

Daily from cron: a run while another is going does nothing, and a second run the same day
(or any day after) sends nothing already sent. A page marked checked gets a new date, and
is written about again only when that date passes.
"""

from smtplib import SMTPException

from django.core.management.base import BaseCommand, CommandError

from upkeep.results import Busy, lock
from upkeep.reviews import send_reminders


class Command(BaseCommand):
    help = "E-mail the last publisher of each page past its review-by date (once per date)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say who would be written to; send nothing."
        )

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        try:
            with lock("send_review_reminders", 30 * 60):
                sent = send_reminders(dry_run=dry_run)
        except Busy:
            self.stderr.write("Another send_review_reminders run is still going: nothing done.")
            return
        except (SMTPException, OSError) as error:
            raise CommandError(
                f"The mail server refused or could not be reached ({error}). Reminders not "
                "sent are tried again on the next run; check EMAIL_URL."
            ) from error
        if not verbosity:
            return
        if not sent:
            self.stdout.write("Nothing to do.")
            return
        verb = "Would remind" if dry_run else "Reminded"
        for page, to in sent:
            self.stdout.write(f"{verb} {', '.join(to)} of “{page}” (review by {page.review_by}).")
        self.stdout.write(self.style.SUCCESS(f"{len(sent)} pages past their review-by date."))

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from publishing.content.importer import OUTCOMES, ContentError, Importer
from publishing.content.schema import all_kinds


class Command(BaseCommand):
    help = (
        "Import relations, categories, notices, pages, menus and the contact record from JSON "
        "or YAML content files (see "
        "docs/content-format.md). Everything is checked first; then all files are written in "
        "one transaction, or nothing is."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="+", metavar="PATH", help="Content files, or folders of them."
        )
        parser.add_argument(
            "--author",
            metavar="USERNAME",
            help="The staff user the revisions name as author (default: none; the revision "
            "notes name the operator's login).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the files and say what would change, without writing anything.",
        )

    def handle(self, *args, paths, dry_run, verbosity, author=None, **options):
        if author is not None:
            user = get_user_model()._default_manager.filter(username=author).first()
            if user is None:
                raise CommandError(f"There is no user “{author}” to name as the author.")
            author = user
        try:
            importer = Importer(paths, author=author)
            counts = importer.run(dry_run=dry_run)
        except ContentError as error:
            raise CommandError(str(error)) from None
        if verbosity < 1:
            return
        lines = []
        for kind in all_kinds():
            count = counts[kind]
            if sum(count.values()):
                numbers = ", ".join(f"{count[outcome]} {outcome}" for outcome in OUTCOMES)
                if count["removed"]:  # rows beyond a whole list's (a menu's items)
                    numbers += f", {count['removed']} removed"
                lines.append(f"{kind.label.capitalize()}: {numbers}")
        if not lines:
            self.stdout.write(self.style.NOTICE("Nothing to do: the files hold no content."))
            return
        for line in lines:
            self.stdout.write(line)
        for warning in importer.warnings:
            self.stdout.write(self.style.WARNING(f"Check the translation: {warning}"))
        if dry_run:
            self.stdout.write(
                self.style.NOTICE("Dry run: the files are valid; nothing was written.")
            )
        else:
            changed = any(
                counts[kind]["created"] + counts[kind]["updated"] + counts[kind]["removed"]
                for kind in all_kinds()
            )
            message = "Imported." if changed else "Imported: everything was already up to date."
            self.stdout.write(self.style.SUCCESS(message))

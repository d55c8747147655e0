from django.core.management.base import BaseCommand
from django.db import transaction

from search.indexing import rebuild


def plural(count, word):
    return f"{count} {word}{'' if count == 1 else 's'}"


class Command(BaseCommand):
    help = (
        "Write the search documents of every page of every searchable page type afresh. "
        "Safe to run at any time: visitors see the old documents until it commits."
    )

    def handle(self, *args, verbosity, **options):
        with transaction.atomic():
            counts = rebuild()
        if verbosity < 1:
            return
        for page_type, pages, documents in counts:
            name = page_type.model._meta.verbose_name_plural
            counted = f"{plural(pages, 'page')}, {plural(documents, 'document')}"
            self.stdout.write(f"{name.capitalize()}: {counted}")
        total = sum(documents for _type, _pages, documents in counts)
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {plural(total, 'document')}."))

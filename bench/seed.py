"""Seed a benchmark database with N published notices, as a real archive would hold.

Run through manage.py shell by bench/server.py: `SEED_NOTICES=10000 manage.py shell < ...`.
Words vary from notice to notice so lists, categories and searches meet realistic data;
one word ("consular") is in every notice, for the search that matches the whole archive.
"""

import os
import random

from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from notices.models import Category, Notice
from publishing.models import Status

WORDS = (
    "visa passport appointment scholarship student official visit minister delegation "
    "cooperation culture exhibition concert forum trade energy transport education "
    "citizens emergency holiday closure documents application deadline programme"
).split()


def seed(count, batch=1000):
    rng = random.Random(1992)
    categories = list(Category.objects.all()) or [
        Category.objects.create(name="Visas", slug="visas")
    ]
    now = timezone.now()
    start = Notice.objects.count()
    notices = []
    for n in range(start, start + count):
        words = rng.sample(WORDS, 6)
        notices.append(
            Notice(
                title=f"{words[0].title()} {words[1]} notice {n}",
                slug=f"bench-notice-{n}",
                category=categories[n % len(categories)],
                summary=f"About {words[2]} and {words[3]}: what consular visitors need to know.",
                body=f"<p>The consular section informs about {' '.join(words)}.</p>",
                status=Status.PUBLISHED,
                publish_at=now - timezone.timedelta(minutes=n + 60),
                pinned=n % 997 == 0,
            )
        )
    Notice.objects.bulk_create(notices, batch_size=batch)
    try:
        call_command("rebuild_search_index", verbosity=0)
    except Exception as error:  # an older tree without the search app
        print(f"search index not rebuilt: {error}")
    if connection.vendor == "postgresql":
        # VACUUM too: the rebuild writes half a million search words, and autovacuum would
        # otherwise work through them during the first measurements.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")


seed(int(os.environ.get("SEED_NOTICES", "0")))

"""The relations list's content (its cards), rendered once per content version and
language and kept in this process (publishing.rendered), as the home page's sections are.

A relation scheduled to appear or expiring leaves the list at its moment without a save,
so the relations are read published and not yet expired (publishing.schedule), those
current at the time shown, and the copy kept until the next of those moments.
"""

from django.template.loader import get_template
from django.utils import timezone
from django.utils.translation import get_language

from publishing import rendered, schedule

from .models import Relation

TEMPLATE = "relations/includes/relation_list_content.html"
FIELDS = ("title", "slug", "summary", "updated_at", "lead_image", *schedule.TIMES)


def content(request, now=None):
    """The list's content as safe HTML, from the copy kept for this version and language."""
    now = now or timezone.now()
    # The breadcrumbs link the path asked for: one per language, named all the same.
    key = ("relations-list", rendered.version(request), get_language(), request.path)
    return rendered.kept_until(key, lambda: _render(request, now), now.timestamp())


def _render(request, now):
    """(the content's HTML, when it next changes by itself as a unix time or None)."""
    # The lead images with their renditions: two queries whatever the number of pages.
    rows = list(
        schedule.not_expired(Relation.objects.all(), now)
        .only(*FIELDS)
        .select_related("lead_image")
        .prefetch_related("lead_image__renditions")
    )
    context = {"relations": [r for r in rows if schedule.current(r, now)], "request": request}
    return get_template(TEMPLATE).render(context), schedule.next_moment(rows, now)

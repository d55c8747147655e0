"""The home page's consular, notices and relations sections, rendered once per content
version and language and kept in this process (publishing.rendered).

Every visitor sees the same sections until content changes or the clock reaches the next
moment one of them changes by itself (a scheduled page appears, a current one expires),
which no save announces. So the rows are read with what tells that moment: the pages and
relations not yet expired, current or still to come (a handful), filtered here by the
time; the notices' next appearance in the same query as the three shown. Past that moment
the sections are read and rendered again.
"""

from django.db.models import Q, Subquery
from django.template.loader import get_template
from django.utils import timezone
from django.utils.translation import get_language

from notices.models import Notice
from pages.models import Page, Role
from publishing import rendered, schedule
from publishing.models import Status
from publishing.schedule import TIMES
from relations.models import Relation

HOME_NOTICES = 3
TEMPLATE = "includes/home_sections.html"
# The body too: a teaser ends in "…" only if the summary was cut from it; updated_at and the
# lead image name each card's cached copy (notices/cards.py).
CARD_FIELDS = ("title", "slug", "summary", "body", "publish_at", "pinned", "updated_at")
CARD_FIELDS += ("lead_image", "expires_at")


def sections(request, now=None):
    """The sections as safe HTML, from the copy kept for this version, language and time."""
    now = now or timezone.now()
    key = ("home-sections", rendered.version(request), get_language())
    return rendered.kept_until(key, lambda: _render(now), now.timestamp())


def _render(now):
    """(the sections' HTML, when they next change by themselves as a unix time or None)."""
    pages, relations = _consular_rows(now), _relation_rows(now)
    notices, coming = _notices(now)
    rows = [*pages, *relations]
    context = {
        "consular": _consular([p for p in pages if schedule.current(p, now)]),
        "relations": [r for r in relations if schedule.current(r, now)],
        "notices": notices,
    }
    # A row to come appears at its publish_at, a shown one leaves at its expires_at.
    until = schedule.next_moment(rows, now, [n.expires_at for n in notices] + [coming])
    return get_template(TEMPLATE).render(context), until


def _consular_rows(now):
    """The Consular services page (found by its role, whatever its address) and the pages
    under it, in their order, as ``Page.objects.consular_services`` reads them."""
    role = Role.CONSULAR_SERVICES
    wanted = Q(role=role) | Q(parent__role=role)
    fields = ("title", "slug", "path", "lead", "role", "parent", *TIMES)
    pages = schedule.not_expired(Page.objects.filter(wanted), now).only(*fields)
    return list(pages.order_by("order", "path_en"))


def _consular(rows):
    found = next((page for page in rows if page.role == Role.CONSULAR_SERVICES), None)
    if found is not None:
        found.services = [page for page in rows if page.parent_id == found.pk]
    return found


def _relation_rows(now):
    # The lead images: their rows with the pages, their renditions in one query more.
    relations = schedule.not_expired(Relation.objects.all(), now)
    fields = ("title", "slug", "summary", "lead_image", *TIMES)
    return list(
        relations.only(*fields)
        .select_related("lead_image")
        .prefetch_related("lead_image__renditions")
    )


def _notices(now):
    """(the latest current notices, the moment the next scheduled one appears or None).

    One query reads the current notices with the next to appear, in the lists' order: that
    one sorts before every current notice but the pinned ones, so if it is not among the
    first four, four current notices come before it, and it cannot be shown before one of
    the three shown expires (a moment the sections are rendered again at anyway)."""
    upcoming = Notice.objects.filter(status=Status.PUBLISHED, publish_at__gt=now)
    nearest = upcoming.order_by("publish_at", "pk").values("pk")[:1]
    shown = Q(publish_at__lte=now) | Q(pk=Subquery(nearest))
    queryset = schedule.not_expired(Notice.objects.filter(shown), now)
    rows = list(queryset.only(*CARD_FIELDS).select_related("lead_image")[: HOME_NOTICES + 1])
    coming = next((n.publish_at for n in rows if n.publish_at > now), None)
    return [n for n in rows if n.publish_at <= now][:HOME_NOTICES], coming

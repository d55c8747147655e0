from django.conf import settings
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from notices.models import Notice
from pages.models import Page
from relations.models import Relation

HOME_NOTICES = 3
# The body too: a teaser ends in "…" only if the summary was cut from it; updated_at and the
# lead image name each card's cached copy (notices/cards.py).
CARD_FIELDS = ("title", "slug", "summary", "body", "publish_at", "pinned", "updated_at")
CARD_FIELDS += ("lead_image",)


def home(request):
    """The only page that reads every app: the latest notices, the relations pages and the
    way to the consular services (the contact card comes from the pages' chrome)."""
    # The lead images: their rows with the pages, their renditions in one query more.
    relations = (
        Relation.objects.current()
        .only("title", "slug", "summary", "lead_image")
        .select_related("lead_image")
        .prefetch_related("lead_image__renditions")
    )
    notices = (
        Notice.objects.current().only(*CARD_FIELDS).select_related("lead_image")[:HOME_NOTICES]
    )
    context = {"relations": relations, "notices": notices}
    context["consular"] = Page.objects.consular_services()  # None until it is published
    return render(request, "home.html", context)


def server_error(request):
    """Django's own handler renders 500.html without context; the name comes from settings.

    No request context and no database: whatever failed must not fail this page too.
    """
    html = loader.get_template("500.html").render({"EMBASSY_NAME": settings.EMBASSY_NAME})
    return HttpResponseServerError(html)

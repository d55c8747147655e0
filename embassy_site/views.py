from django.conf import settings
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from notices.models import Notice
from pages.models import Page
from relations.models import Relation

HOME_NOTICES = 3


def home(request):
    """The only page that reads every app: the latest notices, the relations pages and the
    way to the consular services (the contact card comes from the pages' chrome)."""
    relations = Relation.objects.current().only("title", "slug", "summary")
    # The body too: a teaser ends in "…" only if the summary was cut from it; updated_at
    # names each card's cached copy (notices/cards.py).
    notices = Notice.objects.current().only(
        "title", "slug", "summary", "body", "publish_at", "pinned", "updated_at"
    )[:HOME_NOTICES]
    context = {"relations": relations, "notices": notices}
    context["consular"] = Page.objects.consular_services()  # None until it is published
    return render(request, "home.html", context)


def server_error(request):
    """Django's own handler renders 500.html without context; the name comes from settings.

    No request context and no database: whatever failed must not fail this page too.
    """
    html = loader.get_template("500.html").render({"EMBASSY_NAME": settings.EMBASSY_NAME})
    return HttpResponseServerError(html)

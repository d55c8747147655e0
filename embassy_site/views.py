from django.conf import settings
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from . import home as home_sections


def home(request):
    """The only page that reads every app: the latest notices, the relations pages and the
    way to the consular services (kept rendered: embassy_site/home.py); the contact card
    comes from the pages' chrome."""
    return render(request, "home.html", {"sections": home_sections.sections(request)})


def server_error(request):
    """Django's own handler renders 500.html without context; the name comes from settings.

    No request context and no database: whatever failed must not fail this page too.
    """
    html = loader.get_template("500.html").render({"EMBASSY_NAME": settings.EMBASSY_NAME})
    return HttpResponseServerError(html)

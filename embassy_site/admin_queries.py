"""Hostile query strings and forms in the admin are refused (400) or left out, never a 500.

Three kinds of value reached the database or a widget unchecked:

* a NUL character (``?status=%00``, an autocomplete ``term``, a POSTed comment): PostgreSQL
  cannot store or compare one, and no field of the site holds one. Any NUL in the query
  string or the form's fields is answered 400 before a view runs (uploaded files are not
  looked at: a PDF holds NUL bytes);
* prefilled values of an add form (``add/?publish_at=x``): Django hands the raw string to
  the widget, and the date-and-time widget cannot show a string at all. The values a field
  cannot show are dropped with a redirect to the same form without them;
* filters only the database runs into (``?publish_at__year=99999999999999999999``
  overflows a date): Django answers filters it cannot apply by sending staff to the list
  with ``?e=1`` and a "Database error" note; the same is done here for these.
"""

import logging

from django.contrib import messages
from django.contrib.admin.views.main import ERROR_FLAG
from django.core.exceptions import ValidationError
from django.db import DataError, ProgrammingError
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.utils.translation import gettext as _

from .admin_ids import model_admin_method

logger = logging.getLogger(__name__)

NUL_MESSAGE = (
    "Bad request: the address or the form holds a NUL character (U+0000), which nothing "
    "on this site can store. Go back and type the text again.\n"
)
# What a widget raises when it is given an initial value it cannot show.
RENDER_ERRORS = (AttributeError, TypeError, ValueError, OverflowError, ValidationError)
# What a filter value the list could not check raises once the query runs: a year of 20
# digits (OverflowError), a "range" of one value (IndexError) or of 20 (the string's
# characters: ProgrammingError), a value out of a column's range (DataError). Django itself
# turns any error of a filter it builds into ``?e=1``; these come later, from the SQL
# compiler or the database. A database that is down (OperationalError) is not one of them.
FILTER_ERRORS = (OverflowError, IndexError, ValueError, TypeError, DataError, ProgrammingError)


def _holds_nul(query_dict):
    return any(
        "\x00" in key or any("\x00" in v for v in values) for key, values in query_dict.lists()
    )


def _unshowable(model_admin, request):
    """The names in the add form's query string whose value its field cannot render."""
    initial = model_admin.get_changeform_initial_data(request)
    form = model_admin.get_form(request, None, change=False)(initial=initial)
    unshowable = []
    for name in initial:
        if name not in form.fields:
            continue
        try:
            str(form[name])
        except RENDER_ERRORS:
            unshowable.append(name)
    return unshowable


class AdminQueryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(request.resolver_match, "app_name", None) != "admin":
            return None
        if _holds_nul(request.GET) or (request.method == "POST" and _holds_nul(request.POST)):
            return HttpResponseBadRequest(NUL_MESSAGE, content_type="text/plain; charset=utf-8")
        method = model_admin_method(view_func)
        if method is None or method.__name__ != "add_view" or request.method != "GET":
            return None
        model_admin = method.__self__
        if not request.GET or not model_admin.has_add_permission(request):
            return None  # the view itself answers strangers and the unprivileged
        unshowable = _unshowable(model_admin, request)
        if not unshowable:
            return None
        query = request.GET.copy()
        for name in unshowable:
            query.pop(name)
        return HttpResponseRedirect(
            f"{request.path}?{query.urlencode()}" if query else request.path
        )

    def process_exception(self, request, exception):
        if not isinstance(exception, FILTER_ERRORS) or not request.GET:
            return None
        method = model_admin_method(getattr(request.resolver_match, "func", None))
        if method is None or method.__name__ != "changelist_view" or ERROR_FLAG in request.GET:
            return None
        logger.warning("Admin list filter refused: %s: %s", request.get_full_path(), exception)
        messages.warning(request, _("A filter in the address could not be applied."))
        return HttpResponseRedirect(f"{request.path}?{ERROR_FLAG}=1")

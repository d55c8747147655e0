"""Malformed ids in admin addresses are pages that do not exist (404), for every ModelAdmin.

Django's own change view copes with ``/admin/app/model/abc/change/``, but views that others
add (the history and revision pages of ``publishing.admin_history``: ``<id>/history/``,
``<id>/history/<revision_id>/`` and its ``restore/``, ``publish/``, ``submit/``, ``reject/``)
pass the ids straight to a query: "abc" for an integer key, or a revision id of 40 digits
that overflows the column, is then a server error. Checking the ids once, before any admin
view runs, covers every registered admin and every view it gains.
"""

import inspect

from django.contrib.admin import ModelAdmin
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404

from publishing.models import Revision


def model_admin_method(view):
    """The ModelAdmin method behind an admin URL's view (through its wrappers), or None."""
    for _ in range(5):
        if isinstance(getattr(view, "__self__", None), ModelAdmin):
            return view
        view = getattr(view, "__wrapped__", None)
        if view is None:
            return None
    return None


def _valid(field, raw):
    """Only the key's own spelling: int() also reads " 1" and "٣", aliases of real rows."""
    value = unquote(raw) if isinstance(raw, str) else str(raw)  # <int:…> converts already
    try:
        key = field.to_python(value)
    except (ValidationError, ValueError, TypeError, OverflowError):
        return False
    if isinstance(key, int):  # 40 digits overflow the column: a database error, not a miss
        low, high = connection.ops.integer_field_range(field.get_internal_type())
        if (low is not None and key < low) or (high is not None and key > high):
            return False
    return str(key) == value


class AdminIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        method = model_admin_method(view_func)
        if method is None:
            return None
        try:
            arguments = inspect.signature(method).bind_partial(request, *view_args, **view_kwargs)
        except TypeError:
            return None
        model = method.__self__.model
        object_id = arguments.arguments.get("object_id")
        if object_id is not None and not _valid(model._meta.pk, object_id):
            raise Http404
        revision_id = arguments.arguments.get("revision_id")
        if revision_id is not None and not _valid(Revision._meta.pk, revision_id):
            raise Http404
        return None

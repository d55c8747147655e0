"""The upkeep list's buttons for reviews, translations and images (links have their own,
in ``admin``): "mark checked" and "remind me later", by POST, for staff who may act.

- a review: checked sets the page's next review-by date (``reviews.mark_checked``);
- a translation: checked means the English change was minor (``stamps.mark_current``,
  a publisher's call, as in the translation status list);
- an image: checked keeps it off the list until the languages it lacks change.
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from images.admin import may_write as may_write_images
from images.alt_text import lacking_alt_text
from images.models import Image
from publishing.registry import registry
from translations import stamps
from translations.outdated import stamps_of

from .models import Dismissal, Kind
from .reviews import mark_checked

SNOOZE = timedelta(days=7)


def item_key(kind, obj):
    """What the URLs name an item by: "review.14.3" (kind, content type id, object id)."""
    return f"{kind}.{ContentType.objects.get_for_model(type(obj)).pk}.{obj.pk}"


def _parse(object_id):
    kind, _dot, rest = object_id.partition(".")
    type_id, _dot, pk = rest.partition(".")
    if kind not in Kind.values or not (type_id.isascii() and type_id.isdigit()):
        raise Http404
    if not (pk.isascii() and pk.isdigit()):
        raise Http404
    return kind, int(type_id), int(pk)


def _target(kind, type_id, object_id):
    """The page or image an item names, or 404: only a registered page type, or Image."""
    try:
        model = ContentType.objects.get_for_id(type_id).model_class()
    except ContentType.DoesNotExist as missing:
        raise Http404 from missing
    page_type = registry.for_model(model)
    wanted = Image if kind == Kind.ALT_TEXT else (page_type and page_type.model)
    if model is None or model is not wanted:
        raise Http404
    obj = model._default_manager.filter(pk=object_id).first()
    if obj is None:
        raise Http404
    return obj


def _may(user, kind, obj, publish=False):
    if kind == Kind.ALT_TEXT:
        return may_write_images(user)
    opts = obj._meta
    if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        return False
    return not publish or user.has_perm(registry.for_model(type(obj)).publish_permission)


def _done(request, text):
    messages.success(request, text)
    return redirect("admin:index")


@require_POST
def mark(request, object_id):
    kind, type_id, object_id = _parse(object_id)
    obj = _target(kind, type_id, object_id)
    if not _may(request.user, kind, obj, publish=kind == Kind.TRANSLATION):
        raise PermissionDenied
    if kind == Kind.REVIEW:
        day = mark_checked(obj)
        Dismissal.objects.filter(kind=kind, content_type_id=type_id, object_id=obj.pk).delete()
        return _done(
            request,
            _("Marked checked: “%(page)s” is next to be reviewed by %(date)s.")
            % {"page": obj, "date": date_format(day, "DATE_FORMAT")},
        )
    if kind == Kind.TRANSLATION:
        label = registry.for_model(type(obj)).label
        count = stamps.mark_current(stamps_of(label, obj.pk))
        return _done(request, _("%(count)d translations marked up to date.") % {"count": count})
    languages = dict(lacking_alt_text()).get(obj)
    signature = ",".join(languages or [])
    Dismissal.objects.update_or_create(
        kind=kind, content_type_id=type_id, object_id=obj.pk, defaults={"checked": signature}
    )
    return _done(request, _("Marked checked: it comes back if its result changes."))


@require_POST
def snooze(request, object_id):
    kind, type_id, object_id = _parse(object_id)
    obj = _target(kind, type_id, object_id)
    if not _may(request.user, kind, obj):
        raise PermissionDenied
    Dismissal.objects.update_or_create(
        kind=kind,
        content_type_id=type_id,
        object_id=obj.pk,
        defaults={"snoozed_until": timezone.now() + SNOOZE},
    )
    return _done(request, _("You will be reminded of it in a week."))

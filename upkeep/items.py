"""The dashboard's one upkeep list: broken links, overdue reviews, out-of-date translations,
images lacking alt text, then links to check (the warning tier), each with its page and
owner (the page's last publisher).

A fixed number of queries, whatever the number of items: one or two per source, one per
page type for their pages, one for all the owners, one for what staff put off or checked.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from images.admin import may_view as may_view_images
from images.admin import may_write as may_write_images
from images.alt_text import lacking_alt_text, pages_showing
from publishing.registry import registry
from translations.outdated import out_of_date

from .item_views import item_key
from .models import Dismissal, Kind, LinkCheck, Tier
from .owners import last_publishers, name
from .reviews import overdue_pages

LIMIT = 50
ORDER = ["broken", Kind.REVIEW, Kind.TRANSLATION, Kind.ALT_TEXT, "warning"]


def _perm(user, model, action):
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")


def _change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def _load(wanted):
    """{(model, pk): page} for {model: {pk, ...}}: a query per model."""
    found = {}
    for model, pks in wanted.items():
        for page in model._default_manager.filter(pk__in=pks):
            found[(model, page.pk)] = page
    return found


def _dismissals(now):
    """{(kind, content type id, object id): Dismissal} of items put off or checked."""
    rows = Dismissal.objects.filter(Q(snoozed_until__gt=now) | ~Q(checked="")).only(
        "kind", "content_type_id", "object_id", "checked", "snoozed_until"
    )
    return {(row.kind, row.content_type_id, row.object_id): row for row in rows}


def _hidden(dismissals, kind, obj, signature, now):
    row = dismissals.get((kind, ContentType.objects.get_for_model(type(obj)).pk, obj.pk))
    if row is None:
        return False
    if row.snoozed_until is not None and row.snoozed_until > now:
        return True
    return bool(row.checked) and row.checked == signature


def _links():
    rows = list(LinkCheck.objects.to_show().select_related("page_type")[: 2 * LIMIT])
    wanted = {}
    for link in rows:
        wanted.setdefault(link.page_type.model_class(), set()).add(link.page_id)
    pages = _load(wanted)
    for link in rows:
        page = pages.get((link.page_type.model_class(), link.page_id))
        if page is None:
            continue
        yield {
            "kind": "broken" if link.tier == Tier.BROKEN else "warning",
            "page": page,
            "what": link.url,
            "url": link.url,
            "detail": link.describe() + (f" ({link.error})" if link.status and link.error else ""),
            "when": link.first_seen,
            "mark": reverse("admin:upkeep_linkcheck_mark", args=[link.pk]),
            "snooze": reverse("admin:upkeep_linkcheck_snooze", args=[link.pk]),
            "may_mark": "change",
        }


def _reviews(dismissals, now):
    for page in overdue_pages():
        if _hidden(dismissals, Kind.REVIEW, page, "", now):
            continue
        yield {
            "kind": Kind.REVIEW,
            "page": page,
            "what": _("Review by"),
            "detail": "",
            "date": page.review_by,
            "mark_kind": Kind.REVIEW,
            "may_mark": "change",
        }


def _translations(dismissals, now):
    found = out_of_date()
    by_label = {page_type.label: page_type.model for page_type in registry}
    wanted = {}
    for label, page_id in found:
        if label in by_label:
            wanted.setdefault(by_label[label], set()).add(page_id)
    pages = _load(wanted)
    for (label, page_id), languages in sorted(found.items()):
        page = pages.get((by_label.get(label), page_id))
        if page is None or _hidden(dismissals, Kind.TRANSLATION, page, "", now):
            continue
        names = [str(get_language_info(code)["name_translated"]) for code in languages]
        yield {
            "kind": Kind.TRANSLATION,
            "page": page,
            "what": ", ".join(names),
            "detail": "",
            "mark_kind": Kind.TRANSLATION,
            "may_mark": "publish",  # "the English change was minor" is a publisher's call
        }


def _images(dismissals, now, user):
    if not may_view_images(user):
        return
    found = lacking_alt_text()
    showing = pages_showing([image.pk for image, _languages in found]) if found else {}
    for image, languages in found:
        signature = ",".join(languages)
        if _hidden(dismissals, Kind.ALT_TEXT, image, signature, now):
            continue
        names = [str(get_language_info(code)["name_translated"]) for code in languages]
        pages = showing.get(image.pk, [])
        yield {
            "kind": Kind.ALT_TEXT,
            "page": pages[0] if pages else None,
            "image": image,
            "what": image.title,
            "what_url": _change_url(image),
            "detail": ", ".join(names),
            "uploader": image.uploaded_by,
            "mark_kind": Kind.ALT_TEXT,
            "may_mark": "images" if may_write_images(user) else None,
        }


def upkeep_items(user, now=None):
    """[{kind, kind_label, page, page_url, owner, what, detail, mark, snooze, may_act}]."""
    now = now or timezone.now()
    dismissals = _dismissals(now)
    items = [
        *_links(),
        *_reviews(dismissals, now),
        *_translations(dismissals, now),
        *_images(dismissals, now, user),
    ]
    shown = []
    for item in items:
        page = item["page"]
        if page is not None and not (
            _perm(user, type(page), "view") or _perm(user, type(page), "change")
        ):
            continue  # staff see only the pages they may open
        shown.append(item)
    shown.sort(key=lambda item: ORDER.index(item["kind"]))
    shown = shown[:LIMIT]
    owners = last_publishers([item["page"] for item in shown if item["page"] is not None])
    labels = {"broken": _("Broken link"), "warning": _("Link to check"), **dict(Kind.choices)}
    for item in shown:
        page = item["page"]
        if page is not None:
            key = (ContentType.objects.get_for_model(type(page)).pk, page.pk)
            owner = owners.get(key)
            item["page_url"] = _change_url(page)
            item["page_kind"] = page._meta.verbose_name
        else:
            owner = item.get("uploader")
        item["owner"] = name(owner)
        item["kind_label"] = labels[item["kind"]]
        item["may_act"] = _may(user, item)
        target = item.get("image") or page
        if "mark_kind" in item:
            key = item_key(item["mark_kind"], target)
            item["mark"] = reverse("admin:upkeep_item_mark", args=[key])
            item["snooze"] = reverse("admin:upkeep_item_snooze", args=[key])
    return shown


def _may(user, item):
    """{"mark": bool, "snooze": bool} for this user and item."""
    page, rule = item["page"], item["may_mark"]
    if item["kind"] == Kind.ALT_TEXT:
        return {"mark": rule == "images", "snooze": may_write_images(user)}
    change = _perm(user, type(page), "change")
    if rule == "publish":
        type_ = registry.for_model(type(page))
        return {"mark": change and user.has_perm(type_.publish_permission), "snooze": change}
    return {"mark": change, "snooze": change}

"""The editor's page picker asks here: published pages of every registered type whose title
holds the words, in the admin's language. Staff who write (editors, publishers) only; a
GET that reads and writes nothing; a query it cannot answer is a 400 with its reason.
"""

from django.http import HttpResponseBadRequest, HttpResponseForbidden, JsonResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .control_characters import CONTROL
from .page_links import published, reference
from .registry import registry

MAX_QUERY = 100
PER_TYPE = 10


def may_link(user):
    """Whoever may change a page of some type may link to pages: editors and publishers."""
    if not (user.is_active and user.is_staff):
        return False
    return any(
        user.has_perm(f"{page_type.model._meta.app_label}.change_{page_type.name}")
        for page_type in registry
    )


def _title_field(model, language):
    names = {field.name for field in model._meta.concrete_fields}
    localised = f"title_{language.replace('-', '_')}"
    if localised in names:
        return localised
    return "title" if "title" in names else None


def _found(words, language):
    results = []
    for page_type in registry:
        model = page_type.model
        title = _title_field(model, language)
        if title is None:
            continue
        pages = published(model).filter(**{f"{title}__icontains": words}).order_by(title)
        for page in pages[:PER_TYPE]:
            results.append(
                {
                    "page": reference(page),
                    "title": str(getattr(page, title) or page),
                    "kind": str(model._meta.verbose_name),
                    "url": page.get_absolute_url(),
                }
            )
    return results


@never_cache
@require_GET
def search(request):
    if not may_link(request.user):
        return HttpResponseForbidden()
    words = request.GET.get("q", "").strip()
    if not words:
        return HttpResponseBadRequest(_("Type a few letters of the page’s title."))
    if len(words) > MAX_QUERY or CONTROL.search(words):
        return HttpResponseBadRequest(
            _("That search is too long or holds characters a title does not.")
        )
    return JsonResponse({"results": _found(words, get_language())})

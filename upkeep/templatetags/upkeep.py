"""The dashboard's "Broken links" panel: {% load upkeep %}{% broken_links_panel %}.

Two queries, plus one per page type that has a problem (its pages' titles).
"""

from django import template
from django.urls import reverse

from ..models import LinkCheck, Tier

register = template.Library()

LIMIT = 50


def _by_page(links, user):
    """[{title, change_url, links: [...]}] in the order the links came."""
    wanted = {}
    for link in links:
        wanted.setdefault(link.page_type, set()).add(link.page_id)
    pages = {}
    for content_type, ids in wanted.items():
        model = content_type.model_class()
        for page in model._default_manager.filter(pk__in=ids):
            pages[(content_type.pk, page.pk)] = page
    groups = {}
    for link in links:
        page = pages.get((link.page_type_id, link.page_id))
        if page is None:
            continue
        opts = page._meta
        if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}") and not user.has_perm(
            f"{opts.app_label}.change_{opts.model_name}"
        ):
            continue  # staff see only the pages they may open
        key = (link.page_type_id, link.page_id)
        if key not in groups:
            groups[key] = {
                "title": str(page),
                "kind": opts.verbose_name,
                "change_url": reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_change", args=[page.pk]
                ),
                "may_act": user.has_perm(f"{opts.app_label}.change_{opts.model_name}"),
                "links": [],
            }
        groups[key]["links"].append(link)
    return list(groups.values())


@register.inclusion_tag("upkeep/broken_links.html", takes_context=True)
def broken_links_panel(context):
    request = context["request"]
    shown = LinkCheck.objects.to_show().select_related("page_type")
    broken = list(shown.filter(tier=Tier.BROKEN)[:LIMIT])
    warnings = list(shown.filter(tier=Tier.WARNING)[:LIMIT])
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "broken": _by_page(broken, request.user),
        "warnings": _by_page(warnings, request.user),
    }

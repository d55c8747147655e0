"""The dashboard's upkeep list: {% load upkeep %}{% upkeep_panel %} (see ``upkeep.items``)."""

from django import template

from ..items import upkeep_items

register = template.Library()


@register.inclusion_tag("upkeep/upkeep_list.html", takes_context=True)
def upkeep_panel(context):
    request = context["request"]
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "items": upkeep_items(request.user),
    }

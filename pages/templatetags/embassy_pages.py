"""The menus, the footer's details and the contact card, for the site's shared templates."""

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .. import data, hours, jsonld, rendered_chrome
from ..models import Section

register = template.Library()


def current(request, entry):
    """ "page" on the item's own address; "true" inside its section (a list's namespace, or
    an address below the item's own), as the header always did."""
    if request is None:
        return None
    url, path = entry["url"], request.path
    if url == path:
        return "page"
    view, match = entry["view_name"], getattr(request, "resolver_match", None)
    if ":" in view and match is not None and match.namespace == view.split(":")[0]:
        return "true"
    if url.startswith("/") and url.rstrip("/").count("/") >= 2 and path.startswith(url):
        return "true"
    return None


def _chrome(context):
    """(menus, contact, version): the page's own copy (pages.context_processors), else read
    now; no version while the database is down."""
    if context.get("offline"):
        return data.fallback_menus(), None, None
    found = context.get("site_chrome")
    return tuple(found) if found is not None else data.chrome()


def _items(context, slot, now=None):
    now = now or timezone.now()
    request = context.get("request")
    return [
        {**entry, "current": current(request, entry)}
        for entry in _chrome(context)[0].get(slot, [])
        if entry["publish_at"] is None or entry["publish_at"] <= now
    ]


@register.inclusion_tag("pages/header_menu.html", takes_context=True)
def header_menu(context):
    return {"items": _items(context, "header")}


@register.simple_tag(takes_context=True)
def page_header(context, languages):
    """includes/header.html, from the copy kept for this version (pages/rendered_chrome.py),
    with ``languages``, this page's language switcher, put in."""
    return rendered_chrome.header(
        context, _chrome(context)[2], _items(context, "header"), languages
    )


@register.simple_tag(takes_context=True)
def page_footer(context):
    """includes/footer.html, from the copy kept for this version (pages/rendered_chrome.py)."""
    return rendered_chrome.footer(context, _chrome(context)[2], _footer_items(context))


def _footer_items(context):
    request = context.get("request")
    items = _items(context, "footer")
    # The statements marked for every footer, unless the footer menu links them already.
    listed = {item["url"] for item in items}
    statements = _chrome(context)[0].get("statements", [])
    items += [
        {**entry, "current": current(request, entry)}
        for entry in statements
        if entry["url"] not in listed
    ]
    return items


@register.inclusion_tag("pages/footer.html", takes_context=True)
def site_footer(context):
    found = _chrome(context)[1]
    return {
        "items": _footer_items(context),
        "contact": found[0] if found else None,
        "EMBASSY_NAME": context.get("EMBASSY_NAME"),
    }


def card(found, now=None):
    record, regular, exceptions = found
    now = now or timezone.now()
    today = timezone.localtime(now, hours.BAKU).date()
    sections = []
    for section in Section:
        lines = hours.readable(regular, section)
        changes = hours.exceptions_text(exceptions, section, today)
        if lines or changes:
            sections.append(
                {
                    "name": section.label,
                    "id": f"hours-{section.value}",
                    "lines": lines,
                    "status": hours.status(regular, exceptions, section, now) if lines else "",
                    "changes": changes,
                }
            )
    ld = jsonld.contact_data(record, regular, exceptions, str(Section.CONSULAR.label))
    return {"contact": record, "sections": sections, "jsonld": mark_safe(jsonld.script_text(ld))}


@register.inclusion_tag("pages/contact_card.html", takes_context=True)
def contact_card(context, now=None):
    """Nothing until the record is filled in: no invented address, phone or hours."""
    found = _chrome(context)[1]
    return card(found, now) if found else {}


@register.inclusion_tag("admin/pages/to_complete.html")
def contact_to_complete():
    """The dashboard's reminder of what visitors cannot see yet for want of facts: the
    contact record until it is filled in, and the pages with something "to complete"."""
    from django.urls import reverse

    from ..models import ContactDetails, Page

    record = ContactDetails.objects.first()
    contact = None
    if record is None or not record.is_filled_in:
        url = (
            reverse("admin:pages_contactdetails_change", args=[record.pk])
            if record
            else reverse("admin:pages_contactdetails_add")
        )
        contact = {"url": url, "label": _("Contact details")}
    pages = [
        {"url": reverse("admin:pages_page_change", args=[page.pk]), "page": page}
        for page in Page.objects.to_complete()
    ]
    return {"missing": bool(contact or pages), "contact": contact, "pages": pages}

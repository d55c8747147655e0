"""The parts of a notice's page that only it decides, rendered once per version, then cached.

Its notes for visitors, its lead image and its body with the link and attachments are most
of the page's rendering and three of its queries (the notes, the attachments, the image's
renditions). They are kept as one entry, read in one round trip, whose key names what they
show, as the relation pages' bodies are (relations/relation_detail.html):

- the notice's ``updated_at``: every save moves it, and so does every save of an
  attachment (publishing/signals.py touches the page) and every withdrawal or change
  note (they save the page);
- the lead image's id and ``updated_at`` (its alt text, credit and renditions);
- the content version: the body's links are written with the current addresses of the
  pages they name (publishing/richtext.py), which any publish may move;
- the language and a digest of the templates' sources, so a deploy that changes them does
  not serve the old parts.

A staff preview is rendered afresh and never stored: a draft's parts are in memory only.
"""

import hashlib
from functools import cache as once

from django.conf import settings
from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

TEMPLATES = {
    "notes": "includes/public_notes.html",
    "lead": "includes/lead_image.html",
    "body": "notices/includes/notice_body.html",
}


@once
def _templates():
    found = {name: get_template(path) for name, path in TEMPLATES.items()}
    sources = "".join(template.template.source for template in found.values())
    return found, hashlib.md5(sources.encode(), usedforsecurity=False).hexdigest()[:8]


def _render(notice, templates):
    image = notice.lead_image if notice.lead_image_id else None
    context = {"notes": {"page": notice}, "lead": {"image": image}, "body": {"notice": notice}}
    return {name: templates[name].render(context[name]) for name in TEMPLATES}


def parts(notice, version, preview=False):
    """{"notes", "lead", "body"}: safe HTML for the notice's page (notice_detail.html);
    ``version`` is the content version."""
    templates, digest = _templates()
    timeout = 0 if preview else settings.PAGE_FRAGMENT_CACHE_SECONDS
    if not timeout:
        return {name: mark_safe(html) for name, html in _render(notice, templates).items()}
    stamp = f"{notice.pk}:{notice.updated_at.timestamp():.6f}"
    if notice.lead_image_id:
        stamp += f":i{notice.lead_image_id}:{notice.lead_image.updated_at.timestamp():.6f}"
    key = f"notice-parts:{digest}:{get_language()}:{version}:{stamp}"
    found = cache.get(key)
    if found is None:
        # Read only now: a cached copy needs neither the attachments nor the renditions.
        prefetch_related_objects([notice], "attachments")
        if notice.lead_image_id:
            prefetch_related_objects([notice], "lead_image__renditions")
        found = _render(notice, templates)
        cache.set(key, found, timeout)
    return {name: mark_safe(html) for name, html in found.items()}

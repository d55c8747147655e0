"""Notice cards in lists, each rendered once per version of what it shows, then cached.

A card (notices/includes/notice_card.html) is about a fifth of a list page's rendering and
the same on every page that lists its notice, so ``cards()`` fetches a page's cards in one
``get_many`` (one MGET on Redis) and renders only the missing ones. Each key names what
the card shows, so a change makes a new key and is seen by the next render, without
waiting for the content version (which moves only once the transaction commits):

- the notice's ``updated_at``: every save moves it (admin, ORM and the content import
  alike; ``auto_now``, or set by the import's bulk update), and every field of the card,
  in every language, is on the notice's own row, but for its lead image;
- the lead image's id and ``updated_at``, which its every save moves (its alt text, title,
  decorative mark in every language) and so does a new set of renditions;
- the category's slug and name as shown (the category has no update time of its own);
- the language, the card's options and a digest of the template's source, so a deploy
  that changes the card does not serve the old one.

A fixture loaded with an old ``updated_at`` keeps its key: PAGE_FRAGMENT_CACHE_SECONDS
bounds how long a card can outlive it, as for the relation pages' cached bodies.
"""

import hashlib
from functools import cache as once

from django.conf import settings
from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from publishing.translated import shown_language

TEMPLATE = "notices/includes/notice_card.html"


@once
def _template():
    template = get_template(TEMPLATE)
    source = template.template.source.encode()
    return template, hashlib.md5(source, usedforsecurity=False).hexdigest()[:8]


def card_key(notice, language, options, digest):
    stamp = f"{notice.pk}:{notice.updated_at.timestamp():.6f}"
    if notice.lead_image_id:
        stamp += f":i{notice.lead_image_id}:{notice.lead_image.updated_at.timestamp():.6f}"
    if options["show_category"]:
        category = notice.category
        shown = shown_language(category, "name", language)
        stamp += f":{category.pk}:{category.slug}:{shown}:{category.name}"
    flags = f"{options['heading']}{options['show_category']:d}{options['show_pinned']:d}"
    name = f"{digest}:{language}:{flags}:{stamp}"
    # Hashed: a category's name is free text (spaces, any length), which a key cannot be.
    return "card:" + hashlib.md5(name.encode(), usedforsecurity=False).hexdigest()


def cards(notices, heading="h2", show_category=False, show_pinned=False, timeout=None):
    """The cards of ``notices`` as one safe string, in their order. The notices come with
    their ``lead_image`` selected (``select_related``): the key reads its update time."""
    template, digest = _template()
    options = {"heading": heading, "show_category": show_category, "show_pinned": show_pinned}
    language = get_language()
    notices = list(notices)
    keys = [card_key(notice, language, options, digest) for notice in notices]
    if timeout is None:
        timeout = settings.PAGE_FRAGMENT_CACHE_SECONDS
    found = cache.get_many(keys) if timeout else {}
    missing = {}
    # The renditions of the images shown by cards to render: one query, none on a full hit.
    unseen = [n for n, key in zip(notices, keys, strict=True) if key not in found]
    prefetch_related_objects([n for n in unseen if n.lead_image_id], "lead_image__renditions")
    for notice, key in zip(notices, keys, strict=True):
        if key not in found:
            found[key] = missing[key] = template.render({"notice": notice, **options})
    if missing and timeout:
        cache.set_many(missing, timeout)
    return mark_safe("".join(found[key] for key in keys))

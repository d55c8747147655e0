"""A page that changes its public address leaves a permanent redirect at every old one.

Each address is the page's ``get_absolute_url()`` under every language of the site, read
before and after its row is saved: a slug translated per language (slug_ro, slug_az) is
covered with no change here. A page type's lookups with addresses of their own (categories)
are followed too. Only a page visitors could see leaves redirects behind; a page that now
stands at an address takes it back from any redirect.

The "before" is the row as it was loaded (kept by post_init) rather than a query in
pre_save: the import sends pre_save for every row it compares, and must not pay a query for
each. Only an instance built with the key of an existing row (a revision being applied)
reads the row.
"""

import copy
import functools
import operator

from django.conf import settings
from django.db.models.signals import post_init, post_save, pre_save
from django.utils.translation import override

from .models import Redirect

# The field values a page was loaded with (post_init), renewed after each save.
SEEN = "_addresses_seen"
# Set on the instance by pre_save and taken off by post_save of the same save() call.
BEFORE = "_addresses_before_save"


def addresses(page):
    """{language code: path} of a page, one per language of the site."""
    found = {}
    for code, _name in settings.LANGUAGES:
        with override(code):
            found[code] = page.get_absolute_url()
    return found


def is_public(page):
    return getattr(page, "is_published", True)


@functools.cache
def _columns(model):
    """The model's field names and a getter of all of them at once (run for every row
    loaded, so done in C where it can be)."""
    names = tuple(field.attname for field in model._meta.concrete_fields)
    if len(names) == 1:  # itemgetter of one name gives the value, not a tuple
        return names, lambda loaded: (loaded[names[0]],)
    return names, operator.itemgetter(*names)


def remember(sender, instance, **kwargs):
    names, values = _columns(sender)
    loaded = instance.__dict__
    try:
        seen = dict(zip(names, values(loaded), strict=True))
    except KeyError:  # deferred fields (only(), defer()): the ones loaded
        seen = {name: loaded[name] for name in names if name in loaded}
    loaded[SEEN] = seen


def loaded_state(sender, instance):
    """The page as its row stands before this save, or None for a new page."""
    if instance.pk is None:
        return None
    if instance._state.adding:
        # Built, not loaded, with the key of a row (a revision being applied): ask the row.
        return sender._default_manager.filter(pk=instance.pk).first()
    seen = instance.__dict__.get(SEEN, {})
    if all(instance.__dict__.get(name, value) == value for name, value in seen.items()):
        return None  # nothing changed since it was loaded, so neither did its address
    old = copy.copy(instance)
    old.__dict__.update(seen)
    return old


def before_save(sender, instance, raw=False, **kwargs):
    old = None if raw else loaded_state(sender, instance)
    if old is not None and is_public(old):
        instance.__dict__[BEFORE] = addresses(old)


def after_save(sender, instance, raw=False, **kwargs):
    before = instance.__dict__.pop(BEFORE, {})
    remember(sender, instance)
    if raw or not is_public(instance):
        return
    after = addresses(instance)
    # The page stands at these addresses now: no redirect may send visitors away.
    Redirect.objects.filter(old_path__in=set(after.values())).delete()
    for code, old in before.items():
        if old != after[code] and old not in after.values():
            record(old, after[code])


def record(old, new):
    redirect = Redirect.objects.filter(old_path=old).first() or Redirect(old_path=old)
    redirect.target_path, redirect.target_type, redirect.target_id = new, None, None
    redirect.gone, redirect.permanent = False, True
    redirect.created_by = Redirect.Origin.SYSTEM
    redirect.save()  # and redirects that led to ``old`` now lead to ``new``


def with_addresses(page_type):
    """The page model, and the type's lookups that have pages of their own (categories)."""
    lookups = [m for m in page_type.lookups if hasattr(m, "get_absolute_url")]
    return [page_type.model, *lookups]


def connect(page_type):
    for model in with_addresses(page_type):
        uid = f"addresses-{model._meta.label_lower}"
        post_init.connect(remember, sender=model, dispatch_uid=uid)
        pre_save.connect(before_save, sender=model, dispatch_uid=uid)
        post_save.connect(after_save, sender=model, dispatch_uid=uid)


def disconnect(page_type):
    for model in with_addresses(page_type):
        uid = f"addresses-{model._meta.label_lower}"
        post_init.disconnect(sender=model, dispatch_uid=uid)
        pre_save.disconnect(sender=model, dispatch_uid=uid)
        post_save.disconnect(sender=model, dispatch_uid=uid)


def on_registered(sender, page_type, **kwargs):
    connect(page_type)


def on_unregistered(sender, page_type, **kwargs):
    disconnect(page_type)

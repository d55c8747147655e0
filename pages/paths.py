"""A page's stored address per language, kept right on every save.

``path_ro`` is the Romanian slugs of the page and its ancestors, each falling back to the
English one where no Romanian slug is given or Romanian is not yet published for that page
(its visitors read the English, at the English slug), so every language has a whole
address, and it is the one visitors are given (``Page.STORED_AS_SHOWN``). A
signal rather than ``save()``: the import derives what models derive by sending pre_save
itself (publishing.content), and loaddata brings paths of its own (raw saves are left).

When a page's address changes, the pages under it are saved one by one, so each moves
with it and addresses/ leaves a redirect at each old address (it compares the address a
page was loaded with and the one it is saved with).
"""

from django.db.models.signals import post_save, pre_save

from publishing.published import published_in
from publishing.translated import LANGUAGES

CHANGED = "_pages_path_changed"  # set by pre_save, read and removed by post_save


def computed_paths(page):
    """{language: "consular-services/passports"} from the parent's stored paths."""
    # The parent as set, saved or not: an import places a new page under a new one.
    parent = page.parent
    found = {}
    for code in LANGUAGES:
        own = getattr(page, f"slug_{code}", None) if published_in(page, code) else None
        slug = own or page.slug_en or ""
        above = getattr(parent, f"path_{code}", "") if parent is not None else ""
        found[code] = f"{above}/{slug}" if above else slug
    return found


def before_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    old = {code: getattr(instance, f"path_{code}") for code in LANGUAGES}
    for code, path in computed_paths(instance).items():
        setattr(instance, f"path_{code}", path)
    if instance.pk is not None:
        stored = sender._default_manager.filter(pk=instance.pk).values(
            *(f"path_{code}" for code in LANGUAGES)
        )
        stored = next(iter(stored), None)
        if stored is not None:
            old = {code: stored[f"path_{code}"] for code in LANGUAGES}
        instance.__dict__[CHANGED] = any(
            old[code] != getattr(instance, f"path_{code}") for code in LANGUAGES
        )


def after_save(sender, instance, raw=False, **kwargs):
    if raw or not instance.__dict__.pop(CHANGED, False):
        return
    for child in instance.children.all():
        child.save()  # computes its own path from this one, and its children's after it


def connect(model):
    pre_save.connect(before_save, sender=model, dispatch_uid="pages-paths")
    post_save.connect(after_save, sender=model, dispatch_uid="pages-paths")

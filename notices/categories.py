"""The notice categories, read once per content version and kept in this process.

The category pages find theirs by slug among them and every list's navigation shows them:
a handful of rows, the same on every request until a category's save moves the content
version (a category is one of the notices' lookups: publishing.content_version).
"""

from django.http import Http404

from publishing import rendered
from publishing.slugs import Moved, slug_columns

from .models import Category


def categories(request):
    """Every category, in their order (read-only: shared by this process's requests)."""
    key = ("notice-categories", rendered.version(request))
    return rendered.kept(key, lambda: list(Category.objects.all()))


def find(request, value):
    """As publishing.slugs.find over the categories: the one answering at slug ``value`` in
    the active language; ``Moved`` for one of its slugs in another language; else 404."""
    names = slug_columns(Category) or ["slug"]
    for category in categories(request):
        if value in (getattr(category, name) for name in names):
            if category.slug != value:  # the slug it shows in the active language
                raise Moved(category, permanent=getattr(category, names[0]) == value)
            return category
    raise Http404

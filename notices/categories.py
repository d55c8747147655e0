"""The notice categories, read once per content version and kept in this process.

The category pages find theirs by slug among them and every list's navigation shows them:
a handful of rows, the same on every request until a category's save moves the content
version (a category is one of the notices' lookups: publishing.content_version).
"""

from publishing import rendered, slugs

from .models import Category


def categories(request):
    """Every category, in their order (read-only: shared by this process's requests)."""
    key = ("notice-categories", rendered.version(request))
    return rendered.kept(key, lambda: list(Category.objects.all()))


def find(request, value):
    """publishing.slugs.find over the categories kept in memory: the one answering at slug
    ``value`` in the active language; ``Moved`` for one of its slugs in another language;
    else 404."""
    return slugs.find(categories(request), value)

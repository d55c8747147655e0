"""Who looks after a page: the last person who published it (its latest "publish" revision).

Read for many pages at once, in one query whatever their number or type, so a list of
pages does not ask once per page.
"""

from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from publishing.models import Revision


def last_publishers(pages):
    """{(content type id, page id): user or None} for pages (instances, any types)."""
    wanted = {}
    for page in pages:
        content_type = ContentType.objects.get_for_model(type(page))  # cached: no query
        wanted.setdefault(content_type.pk, set()).add(page.pk)
    if not wanted:
        return {}
    found = {}
    query = reduce(or_, (Q(content_type_id=ct, object_id__in=ids) for ct, ids in wanted.items()))
    rows = Revision.objects.filter(query, kind=Revision.Kind.PUBLISH, author__isnull=False)
    rows = rows.select_related("author").defer("data")  # the snapshots are not read
    for revision in rows.order_by("-created_at", "-id"):
        found.setdefault((revision.content_type_id, revision.object_id), revision.author)
    return found


def name(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()

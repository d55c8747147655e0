from django.shortcuts import render

from notices.models import Notice
from relations.models import Relation

HOME_NOTICES = 3


def home(request):
    """The only page that reads both apps: the latest notices and the relations pages."""
    relations = Relation.objects.current().only("title", "slug", "summary")
    # The body too: a teaser ends in "…" only if the summary was cut from it.
    notices = Notice.objects.current().only(
        "title", "slug", "summary", "body", "publish_at", "pinned"
    )[:HOME_NOTICES]
    return render(request, "home.html", {"relations": relations, "notices": notices})

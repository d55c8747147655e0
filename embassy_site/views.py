from django.shortcuts import render

from relations.models import Relation


def home(request):
    relations = Relation.objects.current().only("title", "slug", "summary")
    return render(request, "home.html", {"relations": relations})

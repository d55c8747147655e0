from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from . import signals

        signals.connect()
        post_migrate.connect(catch_up, sender=self)


def catch_up(**kwargs):
    """After migrate: pages without documents (from before search had its table) are
    indexed, with every migration already applied so the live models match their tables."""
    from .indexing import index_pages, searchable_types
    from .models import SearchDocument

    for page_type in searchable_types():
        indexed = SearchDocument.objects.filter(page_type=page_type.label)
        pks = set(page_type.model._default_manager.values_list("pk", flat=True))
        missing = pks - set(indexed.values_list("object_id", flat=True))
        if missing:
            index_pages(page_type, sorted(missing))

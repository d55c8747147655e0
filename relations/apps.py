from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RelationsConfig(AppConfig):
    name = "relations"
    verbose_name = _("International relations")

    def ready(self):
        import publishing
        from publishing.registry import Part, Search

        from .content import RELATIONS
        from .models import CooperationArea, Cycle, Framework, Milestone, Relation, Section

        publishing.register(
            Relation,
            parts=[
                Part(Section, "relation", rich_text=("body",), label="heading"),
                Part(Framework, "relation", rich_text=("description",), label="name"),
                Part(Cycle, "framework", label="start_year"),
                Part(CooperationArea, "relation", label="title"),
                Part(Milestone, "relation", label="slug"),
            ],
            # A section is the page's body: its heading counts no more than a summary.
            search=Search(
                fields={"title": "A", "summary": "B"},
                sections=(Section, "heading", "anchor", {"heading": "B", "body": "C"}),
            ),
            content=RELATIONS,
            list_url="relations:list",
            changefreq="monthly",
        )

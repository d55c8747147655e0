from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RelationsConfig(AppConfig):
    name = "relations"
    verbose_name = _("International relations")

    def ready(self):
        import publishing
        from images.content import IMAGE
        from images.models import Image
        from publishing.registry import Part, Search

        from . import content
        from .models import CooperationArea, Cycle, Framework, Milestone, Relation, Section

        publishing.register(
            Relation,
            parts=[
                Part(Section, "relation", ("body",), "heading", content.SECTION),
                Part(Framework, "relation", ("description",), "name", content.FRAMEWORK),
                Part(Cycle, "framework", label="start_year", content=content.CYCLE),
                Part(CooperationArea, "relation", label="title", content=content.AREA),
                Part(Milestone, "relation", label="slug", content=content.MILESTONE),
            ],
            # A section is the page's body: its heading counts no more than a summary.
            search=Search(
                fields={"title": "A", "summary": "B"},
                sections=(Section, "heading", "anchor", {"heading": "B", "body": "C"}),
            ),
            content=content.RELATION,
            content_before={Image: IMAGE},  # the images its pages show, read first
            list_url="relations:list",
            changefreq="monthly",
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = _("Notices")

    def ready(self):
        import publishing
        from images.content import IMAGE
        from images.models import Image
        from publishing.registry import Attention, Part, Search

        from . import content
        from .models import Attachment, Category, Notice
        from .sitemaps import CategorySitemap

        publishing.register(
            Notice,
            parts=[Part(Attachment, "notice", label="title", content=content.ATTACHMENT)],
            rich_text=("body",),
            search=Search(fields={"title": "A", "summary": "B", "body": "C"}),
            content=content.NOTICE,
            content_before={Category: content.CATEGORY, Image: IMAGE},
            lookups=(Category,),
            list_url="notices:list",
            changefreq="weekly",
            sitemaps={"categories": CategorySitemap},
            attention=[
                Attention(
                    id="unlinked",
                    title=_("Links with text but no address"),
                    empty_text=_("Every link with text has an address."),
                    pages=Notice.objects.link_label_without_address,
                )
            ],
        )

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class EmbassySiteConfig(AppConfig):
    name = "embassy_site"
    verbose_name = _("Embassy site")

    def ready(self):
        from django.contrib import admin

        from . import signed_in  # noqa: F401 (registers its system check)

        # Staff should see whose site they are editing, not "Django administration".
        admin.site.site_header = _("%(name)s: administration") % {"name": settings.EMBASSY_NAME}
        admin.site.site_title = _("Embassy site admin")
        admin.site.index_title = _("Content and staff")

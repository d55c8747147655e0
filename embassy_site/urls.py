from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from notices import downloads
from publishing import page_search
from search import views as search_views

from . import errors, health, views
from .sitemaps import sitemap_index, sitemap_page

# A database outage answers 503 with Retry-After; any other error, views.server_error's 500.
handler500 = errors.handler500

# Every public page under /en/, /ro/ and /az/ (embassy_site/languages.py for the old ones).
urlpatterns = i18n_patterns(
    path("", views.home, name="home"),
    path("relations/", include("relations.urls")),
    path("notices/", include("notices.urls")),
    path("search/", search_views.search, name="search"),
    # The embassy's pages answer any other path, so they come last and shadow nothing.
    path("", include("pages.urls")),
    prefix_default_language=True,
)

# One of each for the whole site, and the admin, which keeps its address.
urlpatterns += [
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>-<int:page>.xml", sitemap_page, name="sitemap_page"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    # The rich-text editor's page picker (staff only, JSON).
    path("admin/page-links/", page_search.search, name="page_link_search"),
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    # Image files, public and inline under random names (images/views.py).
    path("images/", include("images.urls")),
]

# Every attachment download is checked here; the front server then sends the file itself.
urlpatterns += [
    path(settings.MEDIA_URL.lstrip("/") + "<path:path>", downloads.attachment_file, name="media")
]

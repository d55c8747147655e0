from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView
from django.views.static import serve

from search import views as search_views

from . import views
from .sitemaps import sitemap_view

handler500 = "embassy_site.views.server_error"

urlpatterns = [
    path("", views.home, name="home"),
    path("relations/", include("relations.urls")),
    path("notices/", include("notices.urls")),
    path("search/", search_views.search, name="search"),
    path("sitemap.xml", sitemap_view, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    # Production serves media from the web server or object storage.
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

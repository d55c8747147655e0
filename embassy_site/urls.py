from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("relations/", include("relations.urls")),
    path("notices/", include("notices.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    # Production serves media from the web server or object storage.
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

from django.urls import path, register_converter

from . import views


class PagePath:
    """Slugs joined by slashes, nothing else: an address with a dot, a capital or "//" is
    no page's, so it never reaches the view (and "/visa.html" gets no slash appended)."""

    regex = r"[-a-z0-9]+(?:/[-a-z0-9]+)*"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(PagePath, "page_path")

app_name = "pages"
# Included last in embassy_site/urls.py: every other address of the site comes first.
urlpatterns = [path("<page_path:path>/", views.PageView.as_view(), name="page")]

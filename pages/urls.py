from django.urls import path

from . import views

app_name = "pages"
# Included last in embassy_site/urls.py: every other address of the site comes first.
urlpatterns = [path("<path:path>/", views.PageView.as_view(), name="page")]

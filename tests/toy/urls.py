from django.conf.urls.i18n import i18n_patterns
from django.urls import path
from django.views.generic import DetailView

from embassy_site import urls as site_urls

from .models import Leaflet
from .pictures import picture_page

# i18n_patterns cannot be included: the site's patterns are added as they are.
urlpatterns = [
    *i18n_patterns(
        path("leaflets/<slug:slug>/", DetailView.as_view(model=Leaflet), name="leaflet"),
        prefix_default_language=True,
    ),
    path("pictures/<int:pk>/", picture_page, name="picture"),
    *site_urls.urlpatterns,
]

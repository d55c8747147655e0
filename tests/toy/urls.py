from django.urls import include, path
from django.views.generic import DetailView

from .models import Leaflet

urlpatterns = [
    path("leaflets/<slug:slug>/", DetailView.as_view(model=Leaflet), name="leaflet"),
    path("", include("embassy_site.urls")),
]

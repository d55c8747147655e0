from django.urls import path

from . import views

app_name = "relations"
urlpatterns = [
    path("", views.RelationListView.as_view(), name="list"),
    path("<slug:slug>/", views.RelationDetailView.as_view(), name="detail"),
]

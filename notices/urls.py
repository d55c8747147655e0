from django.urls import path

from . import feeds, views

app_name = "notices"
urlpatterns = [
    path("", views.NoticeListView.as_view(), name="list"),
    # Before the detail pattern: "feed" is a reserved slug (see Notice.clean).
    path("feed/", feeds.NoticeFeed(), name="feed"),
    path("category/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path("category/<slug:slug>/feed/", feeds.CategoryFeed(), name="category_feed"),
    path("<slug:slug>/", views.NoticeDetailView.as_view(), name="detail"),
]

"""URLs of the feedback app outside the page tree: "Report this" for published items."""

from django.urls import path

from feedback import comment_views

app_name = "feedback"

urlpatterns = [
    path("flag/<slug:kind>/<int:pk>/", comment_views.flag_item, name="flag"),
]

"""URLs of the feedback app outside the page tree: "Report this" for published items."""

from django.urls import path

from feedback.comments import views

app_name = "feedback"

urlpatterns = [
    # An item's public id (feedback/public_ids.py); its database id finds nothing.
    path("flag/<slug:kind>/<slug:public_id>/", views.flag_item, name="flag"),
]

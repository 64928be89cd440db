"""URLs of the feedback app outside the page tree: "Report this" for published items, and
the stop link of the update emails."""

from django.urls import path

from feedback import update_emails
from feedback.comments import views

app_name = "feedback"

urlpatterns = [
    # An item's public id (feedback/public_ids.py); its database id finds nothing.
    path("flag/<slug:kind>/<slug:public_id>/", views.flag_item, name="flag"),
    path("feedback/updates/stop/<str:token>/", update_emails.stop, name="stop_updates"),
]

"""The files of the published reports page: ``published/reports.csv`` and
``published/feed.atom`` under the feedback page.

Wagtail's page URL pattern matches only words ending in "/", so a dotted file name never
reaches the page tree. This pattern hands those two names to Wagtail's own page serving,
which routes them to the feedback page's routes (privacy settings, hooks and sites apply
as to any page).
"""

from django.urls import re_path
from wagtail import views as wagtail_views

urlpatterns = [
    re_path(
        r"^(?P<path>(?:[\w\-]+/)*published/(?:reports\.csv|feed\.atom))$",
        wagtail_views.serve,
    ),
]

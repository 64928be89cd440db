"""Admin wiring for open data: the "Open data" menu and audit-log action names."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from publicdata.viewsets import ChartViewSet


@hooks.register("register_log_actions")
def register_publicdata_log_actions(actions):
    actions.register_action("publicdata.publish", _("Publish release"), _("Release published"))


@hooks.register("register_admin_viewset")
def register_publicdata_viewsets():
    from publicdata.viewsets import OpenDataViewSetGroup

    return OpenDataViewSetGroup()


register_snippet(ChartViewSet)

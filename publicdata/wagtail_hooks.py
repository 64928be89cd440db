"""Admin wiring for open data: the "Open data" menu and audit-log action names."""

from django.templatetags.static import static
from django.utils.html import format_html
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


@hooks.register("insert_global_admin_css")
def chart_form_css():
    # The chart form's choices of datasets other than the one chosen stay out of sight.
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin-charts.css"))

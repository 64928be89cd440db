"""The moderation queue in the Wagtail admin: listing, filters, review screen."""

import logging

import django_filters
from django.conf import settings
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.views.snippets import (
    EditView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from feedback.actions.admin_views import ProgramActionViewSet
from feedback.contact_encryption import ContactKeyError
from feedback.models import Channel, InteractionType, Neighbourhood, Report, ReportStatus
from feedback.moderation.choosers import PermissionCheckedChooserViewSet
from feedback.moderation.comment_admin import CommentViewSet
from feedback.moderation.crisis import crisis_guidance
from feedback.moderation.personal_info import find_personal_information
from feedback.moderation.queue import ModerationQueueViewSet
from feedback.moderation.review import (
    DecisionViewMixin,
    ReviewForm,
    apply_review,
    original_with_highlights,
    rejected_automatically,
)
from feedback.moderation.screening import held_messages
from feedback.moderation.word_rules import WordRuleViewSet
from feedback.reports.asking_again import asked_again_context
from feedback.reports.receipts import may_see_receipt_codes
from feedback.reports.staff_entry import StaffEntryViewSet

logger = logging.getLogger(__name__)


class ReportFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=ReportStatus.choices, empty_label=_("Any"))
    interaction_type = django_filters.ChoiceFilter(
        label=_("Kind of interaction"), choices=InteractionType.choices, empty_label=_("Any")
    )
    neighbourhood = django_filters.ModelChoiceFilter(queryset=Neighbourhood.objects.all())
    language = django_filters.ChoiceFilter(
        label=_("Written in"), choices=settings.LANGUAGES, empty_label=_("Any")
    )
    tag = django_filters.ModelChoiceFilter(
        label=_("Tag"),
        field_name="tags",
        queryset=Tag.objects.filter(feedback_reporttag_items__isnull=False).distinct(),
    )
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Received"), widget=DateRangePickerWidget
    )
    has_contact = django_filters.BooleanFilter(
        label=_("Has contact details"), field_name="contact", lookup_expr="isnull", exclude=True
    )
    possible_personal_information = django_filters.BooleanFilter(
        label=_("Possible personal information"), method="filter_personal_information"
    )
    channel = django_filters.ChoiceFilter(
        label=_("Came in by"), choices=Channel.choices, empty_label=_("Any")
    )
    possible_crisis = django_filters.BooleanFilter(label=_("Possible crisis"))

    class Meta:
        model = Report
        fields = []

    def filter_personal_information(self, queryset, name, value):
        if value is None:
            return queryset
        flagged = [
            pk
            for pk, text in queryset.values_list("pk", "account")
            if find_personal_information(text)
        ]
        return queryset.filter(pk__in=flagged) if value else queryset.exclude(pk__in=flagged)


class ReportIndexView(IndexView):
    """The listing of reports: their receipt codes, shown and searched, only for staff who
    may see them."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not may_see_receipt_codes(request.user):
            # Searching by parts of codes would spell out each code a character at a time.
            self.search_fields = [name for name in self.search_fields if name != "receipt_code"]

    @cached_property
    def columns(self):
        columns = super().columns
        if may_see_receipt_codes(self.request.user):
            columns.insert(
                1, Column("receipt_code", label=_("Receipt code"), accessor="display_code")
            )
        return columns


class ReviewView(DecisionViewMixin, EditView):
    """The review screen: the original, read-only and highlighted, beside the public text."""

    success_message = _("%(object)s saved.")
    decision_permission = "feedback.moderate_report"

    def get_form_class(self):
        return ReviewForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.object
        context["original_pieces"] = original_with_highlights(
            report.account, [*report.held_reasons, *report.crisis_signs]
        )
        if report.possible_crisis:
            context["crisis_guidance"] = crisis_guidance(self.request)
        context["findings"] = find_personal_information(report.account)
        context["held_messages"] = held_messages(report.held_reasons)
        context["rejected_automatically"] = rejected_automatically(report)
        context["flags"] = report.flags.all()
        context["public_findings"] = find_personal_information(report.public_text)
        context["can_see_contact"] = self.request.user.has_perm("feedback.view_contact_details")
        if may_see_receipt_codes(self.request.user):
            context["receipt_code"] = report.display_code
        context["contact"], context["contact_unreadable"] = self.revealed_contact(report)
        context.update(asked_again_context(report, self.request.user))
        return context

    def revealed_contact(self, report):
        """``(contact, unreadable)``: the decrypted details for a user allowed to see them,
        and whether the configured keys failed to read them."""
        stored = getattr(report, "contact", None)
        if stored is None:
            return None, False
        try:
            return stored.revealed_for(self.request.user), False
        except ContactKeyError as error:
            # Which key problem, never a value: the ciphertext and plain text stay out of logs.
            logger.error("Contact details of report %s unreadable: %s", report.pk, error)
            return None, True

    def apply_decision(self, form, action):
        return apply_review(self.object, self.request.user, form, action)

    def decision_message(self):
        if may_see_receipt_codes(self.request.user):
            return _("Report %(code)s: %(status)s.") % {
                "code": self.object.display_code,
                "status": self.object.get_status_display(),
            }
        return _("%(report)s: %(status)s.") % {
            "report": self.object,
            "status": self.object.get_status_display(),
        }


class ContactColumn(Column):
    def get_value(self, instance):
        return _("Yes") if hasattr(instance, "contact") else ""


class ReportViewSet(SnippetViewSet):
    model = Report
    icon = "comment"
    menu_label = _("Reports")
    menu_order = 100
    index_view_class = ReportIndexView
    edit_view_class = ReviewView
    edit_template_name = "feedback/admin/review.html"
    filterset_class = ReportFilterSet
    search_fields = ["account", "public_text", "receipt_code"]
    ordering = ["created_at"]
    list_per_page = 50
    list_display = [
        "__str__",  # the first column links to the review screen
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        Column("type", label=_("Kind"), accessor="get_interaction_type_display"),
        Column("neighbourhood", label=_("Neighbourhood")),
        Column("language", label=_("Language"), sort_key="language"),
        Column("channel", label=_("Came in by"), accessor="get_channel_display"),
        ContactColumn("contact", label=_("Contact details")),
        DateColumn("created_at", label=_("Received"), sort_key="created_at"),
    ]
    inspect_view_enabled = False
    copy_view_enabled = False
    chooser_viewset_class = PermissionCheckedChooserViewSet

    def get_queryset(self, request):
        return Report.objects.select_related("neighbourhood", "contact")


class NeighbourhoodViewSet(SnippetViewSet):
    model = Neighbourhood
    icon = "site"
    menu_label = _("Neighbourhoods")
    list_display = ["name", "active", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]
    chooser_viewset_class = PermissionCheckedChooserViewSet


class FeedbackViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Feedback")
    menu_icon = "comment"
    menu_order = 250
    items = (
        ModerationQueueViewSet,
        StaffEntryViewSet,
        ReportViewSet,
        CommentViewSet,
        NeighbourhoodViewSet,
        WordRuleViewSet,
        ProgramActionViewSet,
    )

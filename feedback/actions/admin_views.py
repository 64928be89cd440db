"""Program actions in the Wagtail admin (Feedback → You said, we did): Editors write them
with their status changes; Feedback moderators choose published reports as examples
(``ActionExamplesView``, with ``feedback.link_action_reports``). Each save and each status
change is in the audit log, with who and when."""

from django import forms
from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.auth import permission_denied
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from feedback.models import ProgramAction
from feedback.moderation.choosers import PermissionCheckedChooserViewSet
from feedback.reports.published import public_reports
from publicdata.spreadsheets import formula_problem

LINK_PERMISSION = "feedback.link_action_reports"
MAX_EXAMPLES = 5


class ProgramActionForm(WagtailAdminModelForm):
    def clean_themes(self):
        themes = self.cleaned_data["themes"]
        for theme in themes:
            # A theme is a cell of the actions dataset (publicdata/spreadsheets.py).
            if problem := formula_problem(str(theme)):
                raise forms.ValidationError(f"“{theme}”: {problem}")
        return themes


def _status_of(pk):
    return ProgramAction.objects.filter(pk=pk).values_list("status", "status_date").first()


class StatusLogging:
    """Create and edit views that record each change of an action's status in the audit
    log, beside Wagtail's own entry for the save."""

    def save_instance(self):
        before = _status_of(self.object.pk) if getattr(self.object, "pk", None) else None
        instance = super().save_instance()
        after = _status_of(instance.pk)
        if after != before:
            status, day = after
            log(
                instance=instance,
                action="feedback.action_status",
                user=self.request.user,
                data={
                    "status": status,
                    "date": day.isoformat() if day else None,
                    "previous": before[0] if before else None,
                },
            )
        return instance


class ActionCreateView(StatusLogging, CreateView):
    pass


class ActionEditView(StatusLogging, EditView):
    pass


def _report_label(report):
    month = date_format(report.interaction_date, gettext("F Y"))
    text = " ".join(report.public_text.split())
    text = text if len(text) <= 140 else text[:139] + "…"
    return f"{report.get_interaction_type_display()}, {report.neighbourhood.name}, {month}: {text}"


class ExamplesForm(forms.Form):
    reports = forms.ModelMultipleChoiceField(
        label=_("Published reports shown as examples"),
        queryset=public_reports().none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("At most five. Only published reports can be chosen."),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reports"].queryset = candidates
        self.fields["reports"].label_from_instance = _report_label

    def clean_reports(self):
        reports = self.cleaned_data["reports"]
        if len(reports) > MAX_EXAMPLES:
            raise forms.ValidationError(
                _("Choose at most %(count)s reports.") % {"count": MAX_EXAMPLES}
            )
        return reports


def example_candidates(action):
    """The published reports a moderator may choose for ``action``: those sharing one of
    its themes, and those chosen already, newest first."""
    themes = list(action.themes.values_list("pk", flat=True))
    chosen = list(action.example_reports.values_list("pk", flat=True))
    return (
        public_reports()
        .filter(Q(tags__in=themes) | Q(pk__in=chosen))
        .distinct()
        .select_related("neighbourhood")
        .order_by("-interaction_date", "-pk")
    )


class ActionExamplesView(WagtailAdminTemplateMixin, FormView):
    template_name = "feedback/admin/action_examples.html"
    header_icon = "comment"
    form_class = ExamplesForm

    def dispatch(self, request, pk):
        if not request.user.has_perm(LINK_PERMISSION):
            return permission_denied(request)
        self.action = get_object_or_404(ProgramAction, pk=pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return gettext("Examples for “%(title)s”") % {"title": self.action.title}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtailsnippets_feedback_programaction:list"), "label": _("Actions")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["candidates"] = example_candidates(self.action)
        kwargs["initial"] = {
            "reports": list(self.action.example_reports.values_list("pk", flat=True))
        }
        return kwargs

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "action": self.action}

    def form_valid(self, form):
        chosen = sorted(report.pk for report in form.cleaned_data["reports"])
        self.action.example_reports.set(chosen)
        log(
            instance=self.action,
            action="feedback.action_examples",
            user=self.request.user,
            data={"reports": chosen},
        )
        messages.success(self.request, gettext("The examples are saved."))
        return redirect("wagtailsnippets_feedback_programaction:list")


class ExamplesColumn(Column):
    """How many examples an action has, and a link to choose them for those who may."""

    cell_template_name = "feedback/admin/includes/examples_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        if request is not None and request.user.has_perm(LINK_PERMISSION):
            context["examples_url"] = reverse(
                "wagtailsnippets_feedback_programaction:examples", args=[instance.pk]
            )
        return context

    def get_value(self, instance):
        return instance.example_reports.count()


class ProgramActionViewSet(SnippetViewSet):
    model = ProgramAction
    icon = "tick"
    menu_label = _("You said, we did")
    add_view_class = ActionCreateView
    edit_view_class = ActionEditView
    list_display = [
        "title",
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        DateColumn("status_date", label=_("Since"), sort_key="status_date"),
        ExamplesColumn("examples", label=_("Example reports")),
    ]
    list_filter = ["status", "is_sample"]
    search_fields = ["title", "what", "why"]
    ordering = ["-status_date", "title"]
    inspect_view_enabled = False
    copy_view_enabled = False
    chooser_viewset_class = PermissionCheckedChooserViewSet
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("title"),
                    FieldPanel("slug"),
                    FieldPanel("what"),
                    FieldPanel("why"),
                    FieldPanel("themes"),
                    InlinePanel(
                        "status_changes",
                        heading=_("Status and its history"),
                        label=_("Status change"),
                        min_num=1,
                        panels=[
                            FieldRowPanel([FieldPanel("date"), FieldPanel("status")]),
                            FieldPanel("note"),
                            FieldPanel("note_es"),
                        ],
                    ),
                    MultiFieldPanel(
                        [
                            FieldRowPanel(
                                [FieldPanel("progress_done"), FieldPanel("progress_target")]
                            ),
                            FieldPanel("progress_unit"),
                        ],
                        heading=_("Progress, where it can be measured"),
                    ),
                    FieldPanel("is_sample"),
                ],
                heading=_("Action"),
            ),
            ObjectList(
                [
                    FieldPanel("title_es"),
                    FieldPanel("what_es"),
                    FieldPanel("why_es"),
                    FieldPanel("progress_unit_es"),
                ],
                heading=_("Spanish texts"),
            ),
        ],
        base_form_class=ProgramActionForm,
    )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("examples/<str:pk>/", ActionExamplesView.as_view(), name="examples"),
        ]

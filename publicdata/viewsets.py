"""Open data in the Wagtail admin: datasets with their dictionaries, and releases.

An analyst uploads a CSV as a draft release, reviews it (the problems in the file, or a
preview of what will be published after suppression and what changed since the last
release), and publishes it. The screens only ever show suppressed values: the preview is
built from ``suppressed_rows``, the comparison from published rows.
"""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import View
from taggit.models import Tag
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views.snippets import SnippetViewSet

from publicdata import changes
from publicdata.admin_forms import ReleaseUploadForm
from publicdata.chart_form import ChartForm
from publicdata.diff import SUPPRESSED
from publicdata.models import Chart, Dataset, Release, ReleaseStatus, TagName
from publicdata.publishing import PublishError, create_draft, publish, suppressed_rows
from publicdata.validation import MAX_ERRORS

PREVIEW_ROWS = 50
DIFF_ROWS = 50

# Datasets


class DatasetFilterSet(WagtailFilterSet):
    keyword = django_filters.ModelChoiceFilter(
        label=_("Keyword"),
        field_name="keywords",
        queryset=Tag.objects.filter(publicdata_datasetkeyword_items__isnull=False).distinct(),
    )
    is_sample = django_filters.BooleanFilter(label=_("Sample data"))

    class Meta:
        model = Dataset
        fields = []


class DatasetIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().annotate(release_count=Count("releases"))


class DatasetViewSet(ModelViewSet):
    model = Dataset
    icon = "table"
    menu_label = _("Datasets")
    menu_order = 100
    url_prefix = "open-data/datasets"
    url_namespace = "publicdata_datasets"
    index_view_class = DatasetIndexView
    filterset_class = DatasetFilterSet
    search_fields = ["title", "slug", "summary", "source"]
    ordering = ["title"]
    copy_view_enabled = False
    list_display = [
        "title",
        "slug",
        BooleanColumn("is_sample", label=_("Sample data")),
        TitleColumn(
            "releases",
            label=_("Releases"),
            accessor="release_count",
            get_url=lambda dataset: reverse("publicdata_releases:index") + f"?dataset={dataset.pk}",
        ),
        DateColumn("issued", label=_("Issued"), sort_key="issued"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("title"),
                    FieldPanel("slug"),
                    FieldPanel("summary"),
                    FieldPanel("description"),
                    FieldPanel("methodology"),
                    FieldPanel("keywords"),
                    FieldPanel("is_sample"),
                ],
                heading=_("Description"),
            ),
            ObjectList(
                [
                    MultiFieldPanel(
                        [FieldPanel("source"), FieldPanel("publisher"), FieldPanel("licence")],
                        heading=_("Source and licence"),
                    ),
                    MultiFieldPanel(
                        [FieldPanel("contact_name"), FieldPanel("contact_email")],
                        heading=_("Contact"),
                    ),
                    MultiFieldPanel(
                        [
                            FieldRowPanel(
                                [FieldPanel("temporal_start"), FieldPanel("temporal_end")]
                            ),
                            FieldPanel("spatial_coverage"),
                        ],
                        heading=_("Coverage"),
                    ),
                    MultiFieldPanel(
                        [FieldPanel("issued"), FieldPanel("update_frequency")],
                        heading=_("Schedule"),
                    ),
                ],
                heading=_("Publishing details"),
            ),
            ObjectList(
                [FieldPanel(f"{name}_es") for name in Dataset.TRANSLATED_FIELDS],
                heading=_("Spanish texts"),
            ),
            ObjectList(
                [
                    InlinePanel(
                        "fields",
                        heading=_("Columns"),
                        label=_("Column"),
                        min_num=1,
                        panels=[
                            FieldRowPanel([FieldPanel("name"), FieldPanel("title")]),
                            FieldRowPanel([FieldPanel("type"), FieldPanel("role")]),
                            FieldRowPanel([FieldPanel("unit"), FieldPanel("unit_kind")]),
                            FieldPanel("description"),
                            FieldRowPanel([FieldPanel("primary_key"), FieldPanel("required")]),
                            FieldPanel("allowed_values"),
                            FieldRowPanel([FieldPanel("minimum"), FieldPanel("maximum")]),
                            FieldRowPanel([FieldPanel("numerator"), FieldPanel("denominator")]),
                            MultiFieldPanel(
                                [
                                    FieldPanel("title_es"),
                                    FieldPanel("description_es"),
                                    FieldPanel("unit_es"),
                                    FieldPanel("values_es"),
                                ],
                                heading=_("In Spanish"),
                            ),
                        ],
                    )
                ],
                heading=_("Data dictionary"),
            ),
        ]
    )


# Releases


class ReleaseFilterSet(WagtailFilterSet):
    dataset = django_filters.ModelChoiceFilter(queryset=Dataset.objects.order_by("title"))
    status = django_filters.ChoiceFilter(choices=ReleaseStatus.choices, empty_label=_("Any"))

    class Meta:
        model = Release
        fields = []


class ReleaseIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("dataset")


class UploadView(generic.CreateView):
    """Upload a CSV as a new draft release; the review screen comes next."""

    page_title = _("Upload a CSV")
    submit_button_label = _("Upload and check")
    submit_button_active_label = _("Checking…")
    error_message = _("The file could not be uploaded. Check the problems below.")

    def get_initial(self):
        initial = super().get_initial()
        dataset = self.request.GET.get("dataset", "")
        if dataset.isascii() and dataset.isdigit() and len(dataset) <= 9:
            initial["dataset"] = dataset
        return initial

    def save_instance(self):
        data = self.form.cleaned_data
        return create_draft(
            data["dataset"],
            data["csv_file"],
            data["change_note"],
            user=self.request.user,
            change_note_es=data["change_note_es"],
        )

    def get_success_url(self):
        return self.get_edit_url()

    def get_success_message(self, instance):
        if instance.validation_errors:
            return _("%(release)s has problems to fix before it can be published.") % {
                "release": instance
            }
        return _("%(release)s is ready to review.") % {"release": instance}

    def get_success_buttons(self):
        return []


def _cell(value, reason=""):
    return {"value": value, "suppressed": value is SUPPRESSED, "reason": reason}


def preview_rows(rows, names, reasons, limit=PREVIEW_ROWS):
    """The first rows as cells in dictionary order, each suppressed cell with its reason."""
    return [
        [
            _cell(SUPPRESSED, reasons[(index, name)])
            if (index, name) in reasons
            else _cell(row.get(name))
            for name in names
        ]
        for index, row in enumerate(rows[:limit])
    ]


def _diff_context(diff, names):
    return {
        "diff": diff,
        "added": [[_cell(row.get(name)) for name in names] for row in diff.added[:DIFF_ROWS]],
        "removed": [[_cell(row.get(name)) for name in names] for row in diff.removed[:DIFF_ROWS]],
        "changed": [
            {
                "key": ", ".join(f"{name} = {value}" for name, value in change.key),
                "cells": [
                    {
                        "column": cell.column,
                        "before": _cell(cell.before),
                        "after": _cell(cell.after),
                    }
                    for cell in change.cells
                ],
            }
            for change in diff.changed[:DIFF_ROWS]
        ],
    }


def draft_review(release):
    """What the review screen shows for a draft that passed validation."""
    fields = list(release.dataset.fields.all())
    names = [field.name for field in fields]
    table = suppressed_rows(release)
    context = {
        "columns": fields,
        "preview": preview_rows(table.rows, names, table.reasons),
        "total_rows": len(table.rows),
        "suppressed_cells": len(table.reasons),
        "previous": None,
    }
    previous = (
        release.dataset.releases.filter(status=ReleaseStatus.PUBLISHED)
        .exclude(pk=release.pk)
        .order_by("-version")
        .first()
    )
    if previous is not None:
        # As the public "Changes" section will show it once published.
        found = changes.compare(
            previous,
            table.rows,
            set(table.reasons),
            names,
            fields,
            changes.uploaded_rows(release, fields),
        )
        context["previous"] = previous
        context["changes"] = found
        context.update(_diff_context(found.diff, names))
    return context


def published_review(release):
    """What the review screen shows for a published release: its stored rows."""
    fields = list(release.dataset.fields.all())
    stored = list(release.rows.order_by("position")[:PREVIEW_ROWS])
    reasons = {(index, name): "" for index, row in enumerate(stored) for name in row.suppressed}
    return {
        "columns": fields,
        "preview": preview_rows(
            [row.data for row in stored], [field.name for field in fields], reasons
        ),
        "total_rows": release.row_count,
    }


class ReviewView(generic.InspectView):
    """A release: its problems, or a preview of what will be published, or what was."""

    page_title = _("Review")
    add_url_name = None
    publish_url_name = None

    def get_object(self, queryset=None):
        return get_object_or_404(
            Release.objects.select_related("dataset", "created_by"), pk=self.pk
        )

    def get_fields(self):
        return []

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": _("Releases")},
            {"url": "", "label": self.get_page_subtitle()},
        ]

    @cached_property
    def upload_url(self):
        if self.user_has_permission("add"):
            return reverse(self.add_url_name) + f"?dataset={self.object.dataset_id}"
        return None

    @cached_property
    def header_more_buttons(self):
        buttons = []
        if self.upload_url:
            buttons.append(
                Button(_("Upload a new file"), url=self.upload_url, icon_name="upload", priority=10)
            )
        delete_url = self.get_delete_url() if self.object.status == ReleaseStatus.DRAFT else None
        if delete_url:
            buttons.append(Button(_("Delete"), url=delete_url, icon_name="bin", priority=20))
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        release = self.object
        context["release"] = release
        context["upload_url"] = self.upload_url
        context["is_draft"] = release.status == ReleaseStatus.DRAFT
        if release.status == ReleaseStatus.PUBLISHED:
            context.update(published_review(release))
        elif release.validation_errors:
            context["problems"] = release.validation_errors
            context["problems_cut_off"] = len(release.validation_errors) >= MAX_ERRORS
        else:
            context.update(draft_review(release))
            context["can_publish"] = self.user_has_permission("publish")
            context["publish_url"] = reverse(self.publish_url_name, args=[release.pk])
        return context


class DraftDeleteView(generic.DeleteView):
    """Only a draft can be deleted: a published release's URLs must keep working."""

    def get_object(self, queryset=None):
        release = super().get_object(queryset)
        if release.status != ReleaseStatus.DRAFT:
            raise PermissionDenied("A published release cannot be deleted.")
        return release


class PublishView(PermissionCheckedMixin, View):
    """POST only: publish a draft release, then back to its review screen."""

    model = Release
    permission_required = "publish"
    http_method_names = ["post"]
    edit_url_name = None

    def post(self, request, pk):
        with transaction.atomic():
            # Locked, so two clicks cannot both find it still a draft.
            release = get_object_or_404(Release.objects.select_for_update(), pk=pk)
            try:
                publish(release, user=request.user)
            except PublishError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    _("%(release)s is published.") % {"release": release},
                )
        return redirect(self.edit_url_name, release.pk)


class ReleaseViewSet(ModelViewSet):
    model = Release
    icon = "upload"
    menu_label = _("Releases")
    menu_order = 200
    url_prefix = "open-data/releases"
    url_namespace = "publicdata_releases"
    index_view_class = ReleaseIndexView
    add_view_class = UploadView
    edit_view_class = ReviewView
    delete_view_class = DraftDeleteView
    create_template_name = "publicdata/admin/release_upload.html"
    edit_template_name = "publicdata/admin/release_review.html"
    filterset_class = ReleaseFilterSet
    ordering = ["-created_at"]
    copy_view_enabled = False
    list_display = [
        "__str__",  # the first column links to the review screen
        Column("dataset", label=_("Dataset")),
        Column("version", label=_("Version"), sort_key="version"),
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        Column("row_count", label=_("Rows")),
        DateColumn("created_at", label=_("Uploaded"), sort_key="created_at"),
        DateColumn("published_at", label=_("Published"), sort_key="published_at"),
    ]

    def get_form_class(self, for_update=False):
        return ReleaseUploadForm

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(
            add_url_name=self.get_url_name("add"),
            publish_url_name=self.get_url_name("publish"),
            **kwargs,
        )

    @property
    def publish_view(self):
        return self.construct_view(PublishView)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("publish/<int:pk>/", self.publish_view, name="publish"),
        ]


class TagNameViewSet(ModelViewSet):
    """The Spanish names of tags: datasets' keywords and published reports' topics."""

    model = TagName
    icon = "tag"
    menu_label = _("Tag names in Spanish")
    menu_order = 300
    url_prefix = "open-data/tag-names"
    url_namespace = "publicdata_tag_names"
    search_fields = ["tag__name", "name_es"]
    ordering = ["tag__name"]
    copy_view_enabled = False
    list_display = [
        Column("tag", label=_("Tag"), accessor="tag"),
        "name_es",
    ]
    panels = [FieldPanel("tag"), FieldPanel("name_es")]


class OpenDataViewSetGroup(ModelViewSetGroup):
    menu_label = _("Open data")
    menu_icon = "table"
    menu_order = 260
    items = (DatasetViewSet, ReleaseViewSet, TagNameViewSet)


class ChartViewSet(SnippetViewSet):
    """Charts: what to plot from a dataset. Pages show them with a "Chart from a dataset"
    block; each has a preview, and its own embed page and downloads."""

    model = Chart
    icon = "table"
    menu_label = _("Charts")
    menu_order = 270
    add_to_admin_menu = True
    list_display = [
        "title",
        Column("dataset", label=_("Dataset")),
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        DateColumn("updated_at", label=_("Updated")),
    ]
    list_filter = ["dataset", "kind"]
    search_fields = ["title", "summary"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("title"),
                    FieldPanel("summary"),
                    FieldPanel("dataset"),
                    FieldPanel("kind"),
                    MultiFieldPanel(
                        [
                            FieldPanel("x_field"),
                            FieldPanel("y_fields"),
                            FieldPanel("series_field"),
                            FieldPanel("filters"),
                        ],
                        heading=_("What to plot"),
                    ),
                    MultiFieldPanel(
                        [
                            FieldPanel("x_label"),
                            FieldPanel("y_label"),
                            FieldPanel("unit"),
                            FieldPanel("annotations"),
                        ],
                        heading=_("Labels"),
                    ),
                    MultiFieldPanel(
                        [
                            FieldPanel("period"),
                            FieldPanel("comparison_filters"),
                            FieldPanel("comparison_label"),
                        ],
                        heading=_("Key figure"),
                        classname="collapsed",
                    ),
                ],
                heading=_("Chart"),
                # The lists of fields and values follow the dataset chosen
                # (publicdata/chart_form.py).
                attrs={"data-controller": "w-rules", "data-action": "change->w-rules#resolve"},
            ),
            ObjectList(
                [FieldPanel(f"{name}_es") for name in Chart.TRANSLATED_FIELDS],
                heading=_("Spanish texts"),
            ),
        ],
        base_form_class=ChartForm,
    )

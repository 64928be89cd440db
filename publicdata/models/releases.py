"""Releases: each upload of a dataset's numbers, validated, suppressed and versioned."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from publicdata.storage import private_storage


class ReleaseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", pgettext_lazy("release status", "Published")


def _upload_path(release, filename):
    return f"releases/{release.dataset.slug}/{release.version}/source.csv"


class Release(models.Model):
    dataset = models.ForeignKey(
        "publicdata.Dataset", on_delete=models.CASCADE, related_name="releases"
    )
    version = models.PositiveIntegerField(editable=False)
    status = models.CharField(
        max_length=10, choices=ReleaseStatus.choices, default=ReleaseStatus.DRAFT
    )
    change_note = models.TextField(help_text=_("What is new or corrected in this release."))
    change_note_es = models.TextField(
        _("change note (Spanish)"),
        blank=True,
        help_text=_("Shown under /es/. Left empty, the English note is shown."),
    )
    # The upload as received (none for datasets the portal maintains itself). Kept on
    # private storage: raw values never leave the server.
    source_file = models.FileField(upload_to=_upload_path, storage=private_storage, blank=True)
    row_count = models.PositiveIntegerField(default=0)
    validation_errors = models.JSONField(default=list, blank=True)
    sha256 = models.JSONField(default=dict, blank=True, help_text=_("Per published format."))
    # The dataset's metadata and dictionary as they were when this release was published,
    # so its files (and their checksums) never change when the dataset is edited later.
    snapshot = models.JSONField(default=dict, blank=True, editable=False)
    # What it changed against the published release before it, as readers see it
    # (publicdata/changes.py): written when it is published, never a suppressed value.
    changes = models.JSONField(default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["dataset", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "version"], name="unique_release_version")
        ]
        permissions = [("publish_release", "Can publish releases")]

    # The note a reader sees has a Spanish field (portal/translated_fields.py).
    TRANSLATED_FIELDS = ("change_note",)

    def __str__(self):
        return f"{self.dataset} v{self.version}"


class ReleaseRow(models.Model):
    """A published row, after suppression: suppressed cells are null and listed."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="rows")
    position = models.PositiveIntegerField()
    data = models.JSONField()
    suppressed = models.JSONField(default=list, blank=True)
    # The row as it appears in the CSV and JSON downloads, rendered once at publication.
    csv_line = models.TextField(blank=True, editable=False)
    json_line = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["release", "position"]
        constraints = [
            models.UniqueConstraint(fields=["release", "position"], name="unique_row_position")
        ]

    def __str__(self):
        return f"{self.release} row {self.position}"

"""The form an analyst fills in to upload a CSV as a new draft release."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from publicdata.models import Dataset, Release


def max_upload_bytes():
    return settings.PUBLICDATA_MAX_UPLOAD_BYTES


class ReleaseUploadForm(forms.ModelForm):
    """Dataset, change note and file; ``publishing.create_draft`` does the rest.

    Django's upload handlers spool a large file to disk while it arrives, and the file is
    handed on as it is: nothing here reads it into memory.
    """

    csv_file = forms.FileField(label=_("CSV file"))

    class Meta:
        model = Release
        fields = ["dataset", "change_note", "change_note_es"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dataset"].queryset = Dataset.objects.order_by("title")
        self.fields["csv_file"].help_text = _(
            "UTF-8 CSV with a header row naming the columns of the data dictionary; "
            "at most %(size)s."
        ) % {"size": filesizeformat(max_upload_bytes())}

    def clean_csv_file(self):
        upload = self.cleaned_data["csv_file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(
                _("Choose a .csv file. “%(name)s” is not a CSV file."),
                code="not_csv",
                params={"name": upload.name},
            )
        limit = max_upload_bytes()
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s; the largest file you can upload is %(limit)s."),
                code="too_large",
                params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            )
        return upload

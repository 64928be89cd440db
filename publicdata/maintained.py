"""What every dataset the portal keeps from its own records shares (rather than one staff
upload): its data dictionary belongs to the code and is put back when it differs, its own
keywords get their Spanish names where nobody has named them, and a new release is
published, through the same validation and suppression as an upload, only when the CSV
built from the records differs from the current release's."""

import csv
import datetime
import io

from django.core.files.base import ContentFile
from django.utils import timezone

from publicdata.models import FieldSpec, TagName
from publicdata.publishing import create_draft, publish


def sync_dictionary(dataset, entries):
    """Make the dataset's data dictionary ``entries`` (FieldSpec values, in order)."""
    wanted = [{"sort_order": order, **entry} for order, entry in enumerate(entries)]
    current = FieldSpec.objects.filter(dataset=dataset).order_by("sort_order", "pk")
    stored = [
        {"sort_order": spec.sort_order, **{name: getattr(spec, name) for name in wanted[0]}}
        for spec in current
    ]
    if stored != wanted:
        current.delete()
        FieldSpec.objects.bulk_create(FieldSpec(dataset=dataset, **entry) for entry in wanted)


def name_keywords_in_spanish(dataset, names):
    """Give the dataset's keywords among ``names`` ({English: Spanish}) their Spanish
    names where nobody has named them. Written without signals: this runs as a release is
    published, which renews the pages that show them."""
    unnamed = dataset.keywords.filter(name__in=names, spanish_name__isnull=True)
    TagName.objects.bulk_create(TagName(tag=tag, name_es=names[tag.name]) for tag in unnamed)


class MaintainedDatasetError(RuntimeError):
    """The CSV the portal built from its records did not validate: a bug in the code that
    built it, never published."""


def csv_text(header, rows):
    """The CSV the portal publishes for ``header`` and ``rows``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def is_current(dataset, text):
    """Whether the dataset's current release was published from exactly ``text`` (a
    source that cannot be read is taken as different)."""
    current = dataset.current_release()
    if current is None or not current.source_file:
        return False
    try:
        with current.source_file.open("rb") as source:
            return source.read().decode("utf-8") == text
    except (OSError, ValueError):
        return False


def set_period(dataset, first_month, last_month):
    """The dataset covers the months from ``first_month`` to ``last_month`` ((year, month)
    pairs); it was issued with its first release."""
    (first_year, first), (last_year, last) = first_month, last_month
    following = datetime.date(last_year + last // 12, last % 12 + 1, 1)
    wanted = {
        "temporal_start": datetime.date(first_year, first, 1),
        "temporal_end": following - datetime.timedelta(days=1),
        "issued": dataset.issued or timezone.localdate(),
    }
    if any(getattr(dataset, name) != value for name, value in wanted.items()):
        for name, value in wanted.items():
            setattr(dataset, name, value)
        dataset.save()


def publish_text(dataset, text, change_note, user=None, change_note_es=""):
    """Publish ``text`` as the dataset's next release, through validation and
    suppression like any upload; raises MaintainedDatasetError when it does not validate."""
    release = create_draft(
        dataset,
        ContentFile(text.encode(), name="source.csv"),
        change_note,
        user,
        change_note_es=change_note_es,
    )
    if release.validation_errors:
        raise MaintainedDatasetError(
            f"The {dataset.slug} CSV does not validate: {release.validation_errors[:5]}"
        )
    publish(release, user)
    return release

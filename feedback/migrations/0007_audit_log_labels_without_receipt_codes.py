"""A report's name used to be "Report <receipt code>", and Wagtail's audit log keeps the
name each entry was written under. Anyone with any permission on reports (viewing them is
enough) reads those entries in the site history and its CSV and Excel exports, so the
entries already written are renamed "Report <number>", the name reports have now.

The codes cannot be put back, so there is nothing to undo."""

from django.db import migrations
from django.db.models import CharField, Value
from django.db.models.functions import Concat


def rename_report_entries(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    report_types = ContentType.objects.filter(app_label="feedback", model="report")
    ModelLogEntry.objects.filter(content_type__in=report_types).update(
        label=Concat(Value("Report "), "object_id", output_field=CharField())
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("feedback", "0006_report_awaiting_intake"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(rename_report_entries, migrations.RunPython.noop, elidable=True),
    ]

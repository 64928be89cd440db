"""Moderation decides apart whether a report is genuine and whether its words can be
published (feedback/genuine.py), and the feedback statistics need when a report was first
decided and first answered. For the reports already stored:

- genuine: a published report is; a report turned down as spam, abusive, off topic or a
  duplicate is not; one turned down because it could not be redacted or its writer did
  not agree to publication is. One turned down for "Other" stays undecided (not counted)
  until a moderator decides it again: the old decision did not say. Reports waiting stay
  undecided.
- first_decided_at: the time of the report's first approval or rejection in the audit log
  (a moderator's or a word rule's), else its last decision's time.
- responded_at: for a report with an official response, the time of the first approval
  that published one, else the time of its decision, else of the last entry in its
  history, else its receipt.
"""

from django.db import migrations, models

DECISIONS = ("feedback.approve", "feedback.reject", "feedback.auto_reject")
NOT_GENUINE = ("spam", "abusive", "off_topic", "duplicate")
WORDS_ONLY = ("cannot_redact", "no_consent")


def decide_stored_reports(apps, schema_editor):
    Report = apps.get_model("feedback", "Report")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")

    Report.objects.filter(status="published").update(genuine=True)
    Report.objects.filter(status="rejected", rejection_reason__in=NOT_GENUINE).update(
        genuine=False
    )
    Report.objects.filter(status="rejected", rejection_reason__in=WORDS_ONLY).update(
        genuine=True
    )

    report_type = ContentType.objects.filter(app_label="feedback", model="report").first()
    entries = (
        ModelLogEntry.objects.filter(content_type=report_type)
        if report_type
        else ModelLogEntry.objects.none()
    )
    first_decision, first_response, last_entry = {}, {}, {}
    for object_id, action, data, timestamp in entries.order_by("timestamp", "pk").values_list(
        "object_id", "action", "data", "timestamp"
    ):
        last_entry[object_id] = timestamp
        if action in DECISIONS:
            first_decision.setdefault(object_id, timestamp)
        if action == "feedback.approve" and (data or {}).get("has_official_response"):
            first_response.setdefault(object_id, timestamp)

    changed = []
    for report in Report.objects.exclude(status="new", official_response="").only(
        "pk", "status", "official_response", "moderated_at", "created_at"
    ):
        key = str(report.pk)
        if report.status != "new":
            report.first_decided_at = first_decision.get(key) or report.moderated_at
        if report.official_response:
            report.responded_at = (
                first_response.get(key)
                or report.moderated_at
                or last_entry.get(key)
                or report.created_at
            )
        changed.append(report)
    Report.objects.bulk_update(changed, ["first_decided_at", "responded_at"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("feedback", "0010_feedback_moderators_group"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="genuine",
            field=models.BooleanField(
                editable=False,
                help_text="Counted in the statistics, whether or not its words are published.",
                null=True,
                verbose_name="genuine report",
            ),
        ),
        migrations.AddField(
            model_name="report",
            name="first_decided_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="report",
            name="responded_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(decide_stored_reports, migrations.RunPython.noop, elidable=False),
    ]

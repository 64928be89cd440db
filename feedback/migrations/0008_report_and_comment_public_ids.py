"""Reports and comments get a random public id (feedback/public_ids.py) for public pages,
in place of their database id. The column is added empty and filled for the rows already
stored; 0009 makes it unique and required, in a migration of its own so PostgreSQL alters
the table without pending row updates in the same transaction."""

from django.db import migrations, models

from feedback.public_ids import PUBLIC_ID_LENGTH, new_public_id

BATCH = 500


def fill_public_ids(apps, schema_editor):
    for name in ("Report", "Comment"):
        model = apps.get_model("feedback", name)
        used = set()
        batch = []
        for item in model.objects.filter(public_id=None).only("pk").iterator(chunk_size=BATCH):
            public_id = new_public_id()
            while public_id in used:
                public_id = new_public_id()
            used.add(public_id)
            item.public_id = public_id
            batch.append(item)
            if len(batch) == BATCH:
                model.objects.bulk_update(batch, ["public_id"])
                batch = []
        model.objects.bulk_update(batch, ["public_id"])


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0007_audit_log_labels_without_receipt_codes"),
    ]

    operations = [
        *(
            migrations.AddField(
                model_name=model_name,
                name="public_id",
                field=models.CharField(max_length=PUBLIC_ID_LENGTH, null=True, editable=False),
            )
            for model_name in ("report", "comment")
        ),
        migrations.RunPython(fill_public_ids, migrations.RunPython.noop, elidable=False),
    ]

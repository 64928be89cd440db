"""Every report and comment has its public id (filled in 0008): unique and required from
now on, with a new random one for each new row."""

from django.db import migrations, models

import feedback.public_ids


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0008_report_and_comment_public_ids"),
    ]

    operations = [
        *(
            migrations.AlterField(
                model_name=model_name,
                name="public_id",
                field=models.CharField(
                    default=feedback.public_ids.new_public_id,
                    editable=False,
                    max_length=16,
                    unique=True,
                ),
            )
            for model_name in ("report", "comment")
        ),
    ]

"""The plain contact-detail columns, now encrypted in 0004, are dropped."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0004_encrypt_contact_details"),
    ]

    operations = [
        migrations.RemoveField(model_name="contactdetails", name="name"),
        migrations.RemoveField(model_name="contactdetails", name="email"),
        migrations.RemoveField(model_name="contactdetails", name="phone"),
    ]

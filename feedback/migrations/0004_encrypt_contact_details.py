"""Contact details encrypted at rest: new ciphertext columns, filled from the plain ones
with the newest key in FEEDBACK_CONTACT_KEYS. The plain columns go in 0005, a separate
migration so PostgreSQL drops them in a transaction without pending row updates."""

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import migrations, models

FIELDS = ("name", "email", "phone")


def _keys():
    keys = list(getattr(settings, "FEEDBACK_CONTACT_KEYS", None) or [])
    if not keys:
        raise ImproperlyConfigured(
            "FEEDBACK_CONTACT_KEYS must be set to encrypt the contact details already stored."
        )
    return MultiFernet([Fernet(key) for key in keys])


def encrypt_existing(apps, schema_editor):
    ContactDetails = apps.get_model("feedback", "ContactDetails")
    rows = ContactDetails.objects.all()
    if not rows.exists():
        return  # an empty database needs no key
    keys = _keys()
    for contact in rows.iterator():
        for field in FIELDS:
            token = keys.encrypt(getattr(contact, field).encode()).decode()
            setattr(contact, f"{field}_encrypted", token)
        contact.save(update_fields=[f"{field}_encrypted" for field in FIELDS])


def decrypt_existing(apps, schema_editor):
    ContactDetails = apps.get_model("feedback", "ContactDetails")
    rows = ContactDetails.objects.all()
    if not rows.exists():
        return
    keys = _keys()
    for contact in rows.iterator():
        for field in FIELDS:
            plain = keys.decrypt(getattr(contact, f"{field}_encrypted").encode()).decode()
            setattr(contact, field, plain)
        contact.save(update_fields=list(FIELDS))


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0003_comment_public_text"),
    ]

    operations = [
        *(
            migrations.AddField(
                model_name="contactdetails",
                name=f"{field}_encrypted",
                field=models.TextField(default="", editable=False),
                preserve_default=False,
            )
            for field in FIELDS
        ),
        migrations.RunPython(encrypt_existing, decrypt_existing, elidable=False),
    ]

"""The Spanish locale, synchronised from English: every English page gets a Spanish copy
(an alias until someone translates it). A fresh database has only Wagtail's welcome
page; the demo loader and ``manage.py sync_locale_trees`` copy a tree built later."""

from django.db import migrations


def add_spanish(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")
    english, _ = Locale.objects.get_or_create(language_code="en")
    spanish, _ = Locale.objects.get_or_create(language_code="es")
    LocaleSynchronization.objects.get_or_create(locale=spanish, defaults={"sync_from": english})


def remove_spanish(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    spanish = Locale.objects.filter(language_code="es").first()
    if spanish is not None and not Page.objects.filter(locale=spanish).exists():
        spanish.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_site_settings_in_spanish"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(add_spanish, remove_spanish)]

"""The Spanish name of a tag: a dataset's keyword, a published report's topic.

Tags are django-taggit's, one table for every app, so a tag's name in Spanish lives beside
it here rather than in a field of its own; readers under /es/ see it where staff wrote
one (``publicdata.languages.tag_names``), and the English name, marked as English,
otherwise. The data files and the API keep the English names.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from portal.translated_fields import spanish_field


class TagName(models.Model):
    tag = models.OneToOneField(
        Tag, on_delete=models.CASCADE, primary_key=True, related_name="spanish_name"
    )
    name_es = spanish_field(models.CharField, _("name (Spanish)"), max_length=100)

    class Meta:
        verbose_name = _("tag name in Spanish")
        verbose_name_plural = _("tag names in Spanish")
        ordering = ["tag__name"]

    def __str__(self):
        return f"{self.tag.name} – {self.name_es}"

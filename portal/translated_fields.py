"""Texts of a record kept in two languages side by side: ``title`` and ``title_es``.

Pages are translated whole with wagtail-localize (docs/i18n.md). Records that are not pages
(the site settings, datasets and their columns, charts) keep one row for both languages,
so their numbers, addresses and downloads cannot drift apart, and carry a Spanish field
beside each text a reader sees. A model lists those texts in ``TRANSLATED_FIELDS``.
"""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

SPANISH_HELP = _("Shown under /es/. Left empty, the English text is shown.")


def language_suffix(language=None):
    """``""`` for English, ``"_es"`` for Spanish: the suffix of the fields to read."""
    language = (language or translation.get_language() or "en").split("-")[0]
    return "" if language == "en" else f"_{language}"


class InLanguage:
    """A record read in one language (the active one by default): each of its
    ``TRANSLATED_FIELDS`` reads its Spanish field when staff filled it in, the English one
    otherwise; a related record that has texts of its own is read in the same language;
    everything else is the record's own.

    Only for reading, in templates and in what they are built from: queries and saves take
    the record itself (``.record``).
    """

    def __init__(self, record, language=None):
        self.record = record.record if isinstance(record, InLanguage) else record
        self.suffix = language_suffix(language)

    def __getattr__(self, name):
        # A property of the record reads the texts through this view: a chart's parsed
        # annotations are the Spanish ones.
        attribute = getattr(type(self.record), name, None)
        if isinstance(attribute, property):
            return attribute.fget(self)
        value = getattr(self.record, name)
        if self.suffix and name in getattr(self.record, "TRANSLATED_FIELDS", ()):
            return getattr(self.record, name + self.suffix, "") or value
        if isinstance(value, models.Model) and hasattr(value, "TRANSLATED_FIELDS"):
            return InLanguage(value, self.suffix.lstrip("_") or "en")
        return value

    def __str__(self):
        return str(self.__getattr__("title") if hasattr(self.record, "title") else self.record)

    @property
    def english_fields(self):
        """The translated texts shown in English because no Spanish is filled in: the
        template marks them ``lang="en"``."""
        if not self.suffix:
            return set()
        return {
            name
            for name in self.record.TRANSLATED_FIELDS
            if getattr(self.record, name) and not getattr(self.record, name + self.suffix, "")
        }


def spanish_field(field_class, verbose_name, **options):
    """The Spanish field beside an English text: optional, with the help text saying so."""
    return field_class(verbose_name, blank=True, help_text=SPANISH_HELP, **options)


def in_language(records, language=None):
    """Each of ``records`` read in the language."""
    return [InLanguage(record, language) for record in records]

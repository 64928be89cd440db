"""What the page types of every app share: one page of a type per language, and the
rich-text features of a short text."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

# "lang-en" marks words left in English inside Spanish text (portal/wagtail_hooks.py).
SHORT_FEATURES = ["bold", "italic", "link", "lang-en"]


class OnePerLanguage:
    """A page type the site has once in each language: the home page, the news index, the
    feedback page. Wagtail's ``max_count`` would count the Spanish copy against the English
    one, so the limit is checked per locale, when offering the type and when saving."""

    @classmethod
    def can_create_at(cls, parent):
        if not super().can_create_at(parent):
            return False
        taken = cls.objects.values("locale")
        if parent.is_root():
            # A page under the root may be in any language: one must still be free.
            return Locale.objects.exclude(pk__in=taken).exists()
        return not cls.objects.filter(locale_id=parent.locale_id).exists()

    def clean(self):
        super().clean()
        others = type(self).objects.filter(locale_id=self.locale_id).exclude(pk=self.pk)
        if others.exists():
            raise ValidationError(
                _("There is already a %(type)s in this language.")
                % {"type": self._meta.verbose_name}
            )

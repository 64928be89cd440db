"""The rich-text feature "In English" (``lang-en``): words left in English inside Spanish
text, such as the name of an organisation or the title of a study, kept as
``<span lang="en">`` so that screen readers say them in English (WCAG 3.1.2) and the checks
of the Spanish pages know they are meant to be English (docs/i18n.md)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.rich_text.converters.html_to_contentstate import InlineStyleElementHandler
from wagtail.admin.rich_text.editors.draftail import features as draftail_features

ENGLISH = "LANG_EN"


@hooks.register("register_rich_text_features")
def register_english_words(features):
    features.register_editor_plugin(
        "draftail",
        "lang-en",
        draftail_features.InlineStyleFeature(
            {
                "type": ENGLISH,
                "label": "EN",
                "description": _("In English (names and titles left in English)"),
                # Underlined dots in the editor only; readers see the words as they are.
                "style": {"textDecoration": "underline dotted"},
            }
        ),
    )
    features.register_converter_rule(
        "contentstate",
        "lang-en",
        {
            "from_database_format": {'span[lang="en"]': InlineStyleElementHandler(ENGLISH)},
            "to_database_format": {
                "style_map": {ENGLISH: {"element": "span", "props": {"lang": "en"}}}
            },
        },
    )

"""Word rules in the Wagtail admin: the listing, and a form that refuses a phrase the
screening could never match."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.views.snippets import SnippetViewSet

from feedback.models import WordRule
from feedback.moderation.choosers import PermissionCheckedChooserViewSet
from feedback.moderation.screening import phrase_runs


class WordRuleForm(WagtailAdminModelForm):
    def clean_phrase(self):
        phrase = " ".join(self.cleaned_data["phrase"].split())
        runs = phrase_runs(phrase)
        if not runs:
            raise forms.ValidationError(
                _("Enter a word or phrase with at least one letter or number, such as “idiot”.")
            )
        for other in WordRule.objects.exclude(pk=self.instance.pk).values_list("phrase", flat=True):
            if phrase_runs(other) == runs:
                raise forms.ValidationError(
                    _("The rule “%(other)s” already matches the same words.") % {"other": other}
                )
        return phrase


class WordRuleViewSet(SnippetViewSet):
    model = WordRule
    icon = "warning"
    menu_label = _("Word rules")
    list_display = ["phrase", "action", "note"]
    list_filter = ["action"]
    search_fields = ["phrase"]
    ordering = ["action", "phrase"]
    inspect_view_enabled = False
    copy_view_enabled = False
    chooser_viewset_class = PermissionCheckedChooserViewSet
    edit_handler = ObjectList(
        [
            FieldPanel(
                "phrase",
                help_text=_(
                    "A word or words, matched as whole words ignoring case and accents, and "
                    "through look-alike digits and symbols (1d10t), spacing (i d i o t) and "
                    "repeated letters (idiooot). Symbols in the rule count as the letters they "
                    "look like: “a$$” is “ass”."
                ),
            ),
            FieldPanel("action"),
            FieldPanel("note"),
        ],
        base_form_class=WordRuleForm,
    )

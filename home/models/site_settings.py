"""Site-wide settings that staff edit in the admin: contact details, help line, partners,
footer text."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField

from home.blocks import SHORT_FEATURES, PartnerBlock


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    organisation_name = models.CharField(max_length=120, default="LEAD Baltimore")
    tagline = models.CharField(max_length=160, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_address = models.TextField(max_length=300, blank=True)
    help_line_name = models.CharField(
        max_length=120, blank=True, help_text=_('For example "988 Suicide & Crisis Lifeline".')
    )
    help_line_phone = models.CharField(max_length=40, blank=True)
    help_line_hours = models.CharField(max_length=120, blank=True)
    emergency_text = models.CharField(
        max_length=200,
        blank=True,
        default="In an emergency, call 911.",
        help_text=_("Shown in the footer of every page."),
    )
    partners = StreamField([("partner", PartnerBlock())], blank=True)
    footer_text = RichTextField(features=SHORT_FEATURES, blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the footer of every page."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("tagline")], heading=_("Organisation")
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_address"),
            ],
            heading=_("Contact details"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("help_line_name"),
                FieldPanel("help_line_phone"),
                FieldPanel("help_line_hours"),
                FieldPanel("emergency_text"),
            ],
            heading=_("Help line"),
        ),
        FieldPanel("partners"),
        FieldPanel("footer_text"),
        FieldPanel("privacy_page"),
    ]

    class Meta:
        verbose_name = _("site settings")

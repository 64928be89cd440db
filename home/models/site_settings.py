"""Site-wide settings that staff edit in the admin: contact details, help line, partners,
footer text, where the pilot stands, who moderates residents' reports, the official ways to
complain about an officer, and the Spanish version of each text shown on the pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Site

from home.blocks import SHORT_FEATURES, ComplaintRouteBlock, PartnerBlock
from portal.caching import page_tree
from portal.translated_fields import SPANISH_HELP, InLanguage
from publicdata.contacts import Contact

# The texts on every page that read differently in Spanish; each has a ``<name>_es`` field,
# shown under /es/ when filled in. Names, numbers and email addresses are the same in both.
TRANSLATED_FIELDS = [
    "tagline",
    "contact_address",
    "help_line_name",
    "help_line_hours",
    "emergency_text",
    "footer_text",
    "pilot_status_note",
    "moderators",
]


class PilotStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    EXTENDED = "extended", _("Extended beyond its first three years, and running")
    ENDED = "ended", _("Ended")


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
    tagline_es = models.CharField(
        _("tagline (Spanish)"), max_length=160, blank=True, help_text=SPANISH_HELP
    )
    contact_address_es = models.TextField(
        _("contact address (Spanish)"), max_length=300, blank=True, help_text=SPANISH_HELP
    )
    help_line_name_es = models.CharField(
        _("help line name (Spanish)"), max_length=120, blank=True, help_text=SPANISH_HELP
    )
    help_line_hours_es = models.CharField(
        _("help line hours (Spanish)"), max_length=120, blank=True, help_text=SPANISH_HELP
    )
    emergency_text_es = models.CharField(
        _("emergency text (Spanish)"),
        max_length=200,
        blank=True,
        default="En caso de emergencia, llame al 911.",
        help_text=SPANISH_HELP,
    )
    footer_text_es = RichTextField(
        _("footer text (Spanish)"), features=SHORT_FEATURES, blank=True, help_text=SPANISH_HELP
    )
    pilot_status = models.CharField(
        max_length=10,
        choices=PilotStatus.choices,
        default=PilotStatus.RUNNING,
        help_text=_(
            "Pages that describe the pilot say this (the “Pilot status” block), so they stay "
            "true whether it runs, was extended or has ended."
        ),
    )
    pilot_status_note = models.CharField(
        max_length=300,
        blank=True,
        help_text=_(
            "Optional: one sentence after the status, such as until when it was extended or "
            "when it ended."
        ),
    )
    moderators = models.CharField(
        _("who moderates"),
        max_length=300,
        blank=True,
        help_text=_(
            "Who reads residents' reports and comments and decides what is published, in "
            "words residents understand. Shown in the privacy notice and on the feedback form."
        ),
    )
    no_police_moderators = models.BooleanField(
        _("no police officer moderates"),
        default=False,
        help_text=_(
            "Tick only when it is the program's rule that no police officer moderates reports "
            "or comments or reads reports before they are published: the privacy notice and the "
            "feedback form then say so. Unticked, they say that moderators may work for any "
            "partner, the police department included."
        ),
    )
    complaint_routes = StreamField(
        [("route", ComplaintRouteBlock())],
        blank=True,
        help_text=_(
            "The official ways to complain about an officer (the police department's internal "
            "affairs, the civilian review board), with how to reach them. The feedback form "
            "and the “Official complaint routes” block list them."
        ),
    )
    pilot_status_note_es = models.CharField(
        _("pilot status note (Spanish)"), max_length=300, blank=True, help_text=SPANISH_HELP
    )
    moderators_es = models.CharField(
        _("who moderates (Spanish)"), max_length=300, blank=True, help_text=SPANISH_HELP
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the footer of every page."),
    )

    english_panels = [
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
    program_panels = [
        MultiFieldPanel(
            [FieldPanel("pilot_status"), FieldPanel("pilot_status_note")],
            heading=_("Where the pilot stands"),
        ),
        MultiFieldPanel(
            [FieldPanel("moderators"), FieldPanel("no_police_moderators")],
            heading=_("Moderation"),
        ),
        FieldPanel("complaint_routes"),
    ]
    spanish_panels = [FieldPanel(f"{name}_es") for name in TRANSLATED_FIELDS]
    edit_handler = TabbedInterface(
        [
            ObjectList(english_panels, heading=_("Settings")),
            ObjectList(program_panels, heading=_("Pilot, moderation and complaints")),
            # Partners' and complaint routes' Spanish texts are edited with each of them.
            ObjectList(spanish_panels, heading=_("Spanish texts")),
        ]
    )

    class Meta:
        verbose_name = _("site settings")

    TRANSLATED_FIELDS = TRANSLATED_FIELDS

    @classmethod
    def for_request(cls, request):
        """Wagtail's, but read once per version of the page tree (saving the settings starts
        a new one) instead of by a query for every page built (portal/caching/page_tree.py)."""
        attr_name = cls.get_cache_attr_name()
        if not hasattr(request, attr_name):
            site = Site.find_for_request(request)
            found = page_tree.known(
                request, f"site-settings:{site.pk if site else ''}", lambda: cls.for_site(site)
            )
            found._request = request  # for Wagtail's page URLs, as in for_request
            setattr(request, attr_name, found)
        return getattr(request, attr_name)

    @property
    def localized(self):
        """These settings as read in the active language, like Wagtail's ``page.localized``."""
        return LocalizedSiteSettings(self)


def program_contact(request=None):
    """The program's name and contact email, for the request's site or else the default
    site: open data gives it for a dataset that names no contact of its own (registered
    in ``HomeConfig.ready``)."""
    if request is not None and Site.find_for_request(request) is not None:
        found = SiteSettings.for_request(request)
    else:
        # Publishing runs without a request, often in the task worker.
        found = SiteSettings.objects.filter(site__is_default_site=True).first()
    return Contact(found.organisation_name, found.contact_email) if found else None


def organisation_name():
    """The program's name in the default site's settings, or None without settings: the
    update emails, sent by the task worker, sign with it (registered in
    ``HomeConfig.ready``)."""
    return (
        SiteSettings.objects.filter(site__is_default_site=True)
        .values_list("organisation_name", flat=True)
        .first()
    )


class LocalizedSiteSettings(InLanguage):
    """The site settings read in one language, with the privacy page in that language's
    page tree and each partner's and complaint route's texts in that language. A name
    nobody has translated is shown as it is, with ``name_lang`` saying it is English."""

    @property
    def privacy_page(self):
        page = self.record.privacy_page
        return page.localized if page else None

    def _in_language(self, value, name):
        return (self.suffix and value.get(name + self.suffix)) or value.get(name, "")

    def _lang(self, value, name):
        """``"en"`` when the text is shown in English on a page in another language."""
        return "en" if self.suffix and value.get(name) and not value.get(name + self.suffix) else ""

    @property
    def partners(self):
        return [
            {
                "value": {
                    "name": self._in_language(partner.value, "name"),
                    "name_lang": self._lang(partner.value, "name"),
                    "role": self._in_language(partner.value, "role"),
                    "role_lang": self._lang(partner.value, "role"),
                    "url": partner.value["url"],
                }
            }
            for partner in self.record.partners
        ]

    @property
    def complaint_routes(self):
        return [
            {
                "name": self._in_language(route.value, "name"),
                "name_lang": self._lang(route.value, "name"),
                "description": self._in_language(route.value, "description"),
                "description_lang": self._lang(route.value, "description"),
                "phone": route.value["phone"],
                "website": route.value["website"],
            }
            for route in self.record.complaint_routes
        ]

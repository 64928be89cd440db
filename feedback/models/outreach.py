"""Reaching residents who are not online or who need help now: how a report reached the
program (its channel), a resident's wish to be emailed when their report is decided or
answered (kept apart from contact details, encrypted, deleted after the last email), and
the texts staff edit for the printed materials and for moderators' crisis guidance."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField

from feedback import contact_encryption
from portal.pages import SHORT_FEATURES
from portal.translated_fields import SPANISH_HELP, InLanguage


class Channel(models.TextChoices):
    WEB = "web", _("Web form")
    PHONE = "phone", _("Phone call")
    PAPER = "paper", _("Paper form")
    IN_PERSON = "in_person", _("In person")
    OUTREACH = "outreach", _("Outreach worker")


def new_stop_token():
    return secrets.token_urlsafe(24)


class UpdateRequestManager(models.Manager):
    def store(self, report, email):
        """Keep ``email`` for ``report``'s update emails, encrypted."""
        return self.create(report=report, email_encrypted=contact_encryption.encrypt(email))


class UpdateRequest(models.Model):
    """ "Email me when my report is decided or answered": the one address the program may
    write to about a report, only for that, and not a way to reply (that is
    ``ContactDetails``). Never shown in the admin, never exported.

    Deleted after the last email (feedback/update_emails.py) or after
    ``FEEDBACK_CONTACT_RETENTION_DAYS``, whichever comes first, or when the resident
    follows the stop link."""

    report = models.OneToOneField(
        "feedback.Report", on_delete=models.CASCADE, related_name="update_request"
    )
    email_encrypted = models.TextField(editable=False)
    # The stop link's secret: it names this request and nothing else.
    stop_token = models.CharField(
        max_length=64, unique=True, default=new_stop_token, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decision_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = UpdateRequestManager()

    class Meta:
        default_permissions = ()

    def __str__(self):
        return str(_("Update email request"))

    @property
    def email(self):
        """The plain address, for sending; raises ``ContactKeyError`` when no key opens it."""
        return contact_encryption.decrypt(self.email_encrypted)

    def rotate_key(self):
        self.email_encrypted = contact_encryption.rotate(self.email_encrypted)


# Texts on the printed card, poster and paper form that read differently in Spanish.
OUTREACH_TRANSLATED_FIELDS = [
    "what_lead_is",
    "poster_heading",
    "poster_text",
    "return_instructions",
    "return_address",
]


@register_setting(icon="doc-full")
class OutreachSettings(BaseSiteSetting):
    """The printed materials' texts and the moderators' crisis guidance."""

    what_lead_is = models.CharField(
        _("what LEAD is, in one sentence"),
        max_length=300,
        default=(
            "LEAD Baltimore offers people in the pilot area health care, treatment, housing "
            "and job help instead of arrest for low-level drug offences."
        ),
        help_text=_("On the card and the poster."),
    )
    poster_heading = models.CharField(
        max_length=120, default="Tell us how police treated you", help_text=_("On the poster.")
    )
    poster_text = models.TextField(
        max_length=400,
        default=(
            "Were you stopped, questioned, arrested, offered LEAD or helped by police in the "
            "pilot area? Tell the program what happened. You don’t have to give your name."
        ),
        help_text=_("On the poster, under the heading."),
    )
    return_instructions = models.TextField(
        max_length=300,
        default="Give this form to a LEAD case manager or outreach worker, or mail it to:",
        help_text=_("On the paper form, above the address to return it to."),
    )
    return_address = models.TextField(
        max_length=300,
        blank=True,
        help_text=_("Where paper forms are mailed. Left empty, the site's contact address."),
    )
    what_lead_is_es = models.CharField(
        _("what LEAD is (Spanish)"),
        max_length=300,
        blank=True,
        default=(
            "LEAD Baltimore ofrece a las personas del área piloto atención de salud, "
            "tratamiento, vivienda y ayuda para encontrar trabajo en lugar de un arresto por "
            "delitos menores de drogas."
        ),
        help_text=SPANISH_HELP,
    )
    poster_heading_es = models.CharField(
        _("poster heading (Spanish)"),
        max_length=120,
        blank=True,
        default="Cuéntenos cómo lo trató la policía",
        help_text=SPANISH_HELP,
    )
    poster_text_es = models.TextField(
        _("poster text (Spanish)"),
        max_length=400,
        blank=True,
        default=(
            "¿La policía lo detuvo, le hizo preguntas, lo arrestó, le ofreció LEAD o lo ayudó "
            "en el área piloto? Cuéntele al programa lo que pasó. No tiene que dar su nombre."
        ),
        help_text=SPANISH_HELP,
    )
    return_instructions_es = models.TextField(
        _("return instructions (Spanish)"),
        max_length=300,
        blank=True,
        default=(
            "Entregue este formulario a un administrador de casos o trabajador de LEAD, o "
            "envíelo por correo a:"
        ),
        help_text=SPANISH_HELP,
    )
    return_address_es = models.TextField(
        _("return address (Spanish)"), max_length=300, blank=True, help_text=SPANISH_HELP
    )
    crisis_guidance = RichTextField(
        features=[*SHORT_FEATURES, "ul", "ol"],
        default=(
            "<p>This resident may need help now. Read the report before anything else.</p>"
            "<ul><li>If they left a phone number or email and seem in danger, contact them "
            "today and give them 911 and 988.</li>"
            "<li>Tell the program's crisis case manager on duty.</li>"
            "<li>Never publish or quote what they wrote about their crisis.</li></ul>"
        ),
        help_text=_("Shown to moderators on every report marked “possible crisis”."),
    )

    TRANSLATED_FIELDS = OUTREACH_TRANSLATED_FIELDS

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    MultiFieldPanel(
                        [
                            FieldPanel("what_lead_is"),
                            FieldPanel("poster_heading"),
                            FieldPanel("poster_text"),
                            FieldPanel("return_instructions"),
                            FieldPanel("return_address"),
                        ],
                        heading=_("Printed card, poster and paper form"),
                    ),
                    FieldPanel("crisis_guidance"),
                ],
                heading=_("Settings"),
            ),
            ObjectList(
                [FieldPanel(f"{name}_es") for name in OUTREACH_TRANSLATED_FIELDS],
                heading=_("Spanish texts"),
            ),
        ]
    )

    class Meta:
        verbose_name = _("outreach and crisis texts")

    @property
    def localized(self):
        return InLanguage(self)

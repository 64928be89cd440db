"""The printed materials that outreach workers hand out, each a page under the feedback
page with a print stylesheet, in English and (under ``/es/``) Spanish:

- ``print/form/<paper>/``: the report form on paper, on A4 or US Letter: the questions of
  the web form (read from ``ReportForm``, so the two never differ) with tick boxes for the
  choices and ratings, where to return it, and a receipt-code stub for the staff member
  who enters it (feedback/reports/staff_entry.py) to write the code on;
- ``print/card/<paper>/``: four cards to a sheet;
- ``print/poster/<paper>/``: one poster;
- ``print/``: the list of them.

The card and poster carry a QR code to the feedback page in their language, drawn as SVG
on the server by ``qrcode`` (no third party, no script), the help lines and one sentence
on what LEAD is. Their texts are staff's, from the outreach settings
(``OutreachSettings``) and the site settings, which the templates read as the feedback
page's do (``settings.home.SiteSettings``): this app imports no pages.
"""

import qrcode
import qrcode.image.svg
from django import forms
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from qrcode.compat.etree import ET

from feedback.models import RATING_ITEMS, OutreachSettings
from feedback.reports.forms import ReportForm

KINDS = {
    "form": _("Paper report form"),
    "card": _("Cards to hand out"),
    "poster": _("Poster"),
}
PAPERS = {"a4": _("A4"), "letter": _("US Letter")}
CARDS_PER_SHEET = 4
RATING_NAMES = [name for name, _statement in RATING_ITEMS]
# What the web form says that reads differently on paper.
PAPER_HINTS = {
    "help_now": _(
        "If you are in danger, call 911. For a mental health or drug use crisis, call or text 988."
    ),
    "account": _("In your own words. Please leave out names, addresses and phone numbers."),
    "interaction_date": _("If you are not sure of the day, give your best guess."),
}


def qr_code_svg(url, label):
    """An inline SVG QR code of ``url`` named ``label`` for screen readers. The size is the
    stylesheet's; the edges stay sharp so a phone reads it from paper."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=4,
        image_factory=qrcode.image.svg.SvgPathImage,
    )
    code.add_data(url)
    code.make(fit=True)
    svg = code.make_image().get_image()
    for attribute in ("width", "height"):
        svg.attrib.pop(attribute, None)
    svg.set("class", "qr-code")
    svg.set("role", "img")
    svg.set("shape-rendering", "crispEdges")
    # qrcode's elements carry the SVG namespace as a plain attribute, not in their tags.
    for path in svg.iter("path"):
        path.attrib.pop("id", None)  # one id for every code on a sheet of cards
    # qrcode builds with lxml where it is installed (the tests' dependencies bring it), with
    # the standard library otherwise: the title is made and written by the same one.
    title = svg.makeelement("title", {})
    title.text = str(label)
    svg.insert(0, title)
    return mark_safe(ET.tostring(svg, encoding="unicode"))  # noqa: S308 (built here, label escaped by ElementTree)


class PaperQuestion:
    """One question of the report form as it is printed: its label, hint, and the choices
    to tick, or how much room to write."""

    def __init__(self, field, name):
        self.name = name
        self.label = field.label
        self.hint = PAPER_HINTS.get(name, "")
        self.choices = []
        if isinstance(field, forms.ModelChoiceField):
            self.choices = [str(choice) for choice in field.queryset]
        elif isinstance(field.widget, forms.RadioSelect):
            self.choices = [str(label) for _value, label in field.choices]
        self.lines = 12 if isinstance(field.widget, forms.Textarea) else 1

    @property
    def line_range(self):
        return range(self.lines)


def paper_form_sections():
    """The fieldsets of the web form, in order, as (key, legend, questions); the ratings
    come as one table (``ratings``: statements and the answers to tick)."""
    form = ReportForm()
    sections = []
    for key, legend, names in form.fieldsets:
        questions = [PaperQuestion(form.fields[name], name) for name in names]
        sections.append((key, legend, questions))
    return sections


def rating_table():
    """The rating questions as one table: the statements, the numbers to tick, and what
    the numbers mean (the last statement, satisfaction, has its own words)."""
    form = ReportForm()

    def numbered(name):
        return [
            tuple(str(label).split(" – ", 1))
            for value, label in form.fields[name].choices
            if " – " in str(label)
        ]

    key = numbered("rating_respect")
    return {
        "numbers": [number for number, _answer in key] + [_("Does not apply")],
        "key": key,
        "satisfaction_key": numbered("rating_satisfied"),
        "statements": [form.fields[name].label for name in RATING_NAMES],
    }


def _context(request, page, kind, paper):
    form_url = page.get_full_url(request)
    outreach = OutreachSettings.for_request(request).localized
    return {
        "page": page,
        "self": page,
        "kind": kind,
        "paper": paper,
        "paper_name": PAPERS[paper],
        "kinds": KINDS,
        "papers": PAPERS,
        "outreach": outreach,
        "form_url": form_url,
        "form_address": form_url.split("://", 1)[-1],
        "status_address": form_url.split("://", 1)[-1] + "status/",
        "qr_code": qr_code_svg(form_url, _("QR code: %(url)s") % {"url": form_url}),
        "cards": range(CARDS_PER_SHEET),
    }


def printable(request, page, kind, paper):
    if kind not in KINDS or paper not in PAPERS:
        raise Http404
    context = _context(request, page, kind, paper)
    if kind == "form":
        context["sections"] = paper_form_sections()
        context["ratings"] = rating_table()
    return TemplateResponse(request, f"feedback/printables/{kind}.html", context)


def index(request, page):
    return TemplateResponse(
        request,
        "feedback/printables/index.html",
        {"page": page, "self": page, "kinds": KINDS, "papers": PAPERS},
    )

"""An outreach worker prints the paper form, the cards and the poster, in English and in
Spanish: the paper form asks what the web form asks, and the texts are the ones staff
wrote in the admin. (Printing them to PDF, the page count and the QR code are checked in
tests/browser/test_printed_materials.py.)"""

import html
from xml.etree import ElementTree

import pytest
import qrcode.image.styles.moduledrawers.svg
import qrcode.image.svg
from django.utils import translation
from wagtail.models import Locale, Site
from wagtail_localize.synctree import synchronize_tree

from feedback import printables
from feedback.models import OutreachSettings
from feedback.printables import KINDS, PAPERS
from feedback.reports.forms import ReportForm
from home.models import SiteSettings
from tests.feedback_helpers import feedback_page  # noqa: F401 (fixture)

PRINTABLES = [f"/feedback/print/{kind}/{paper}/" for kind in KINDS for paper in PAPERS]


@pytest.fixture
def spanish_tree(feedback_page):  # noqa: F811 (fixture)
    Locale.objects.get_or_create(language_code="es")
    synchronize_tree(Locale.objects.get(language_code="en"), Locale.objects.get(language_code="es"))


def outreach_settings():
    return OutreachSettings.for_site(Site.objects.get(is_default_site=True))


def text_of(response):
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_paper_form_asks_every_question_of_the_web_form(client, spanish_tree, language):
    prefix = "" if language == "en" else "/es"
    page = text_of(client.get(f"{prefix}/feedback/print/form/letter/"))
    with translation.override(language):
        form = ReportForm()
        for _key, legend, names in form.fieldsets:
            assert str(legend) in page, legend
            for name in names:
                assert str(form.fields[name].label) in page, name
        # Every choice has a box to tick, the neighbourhoods too.
        for name in ["interaction_type", "lead_mentioned", "consent_to_publish", "help_now"]:
            for _value, label in form.fields[name].choices:
                assert f'class="tick" aria-hidden="true"></span> {label}' in page, label
    for place in ["Market Center", "Seton Hill", "Poppleton"]:
        assert place in page
    # Six statements, each with five numbers and "does not apply" to tick.
    assert page.count('<td><span class="tick" aria-hidden="true"></span></td>') == 6 * 6
    assert "Your receipt code" in page or "Su código de recibo" in page


def test_every_printable_is_there_in_both_languages_and_on_both_papers(client, spanish_tree):
    for url in PRINTABLES:
        for address in (url, "/es" + url):
            response = client.get(address)
            assert response.status_code == 200, address
            assert "css/printables.css" in response.content.decode()
    index = client.get("/feedback/print/").content.decode()
    for url in PRINTABLES:
        assert f'href="{url}"' in index


def test_a_printable_that_does_not_exist_is_not_found(client, feedback_page):  # noqa: F811
    for url in ["/feedback/print/flyer/a4/", "/feedback/print/card/a3/"]:
        assert client.get(url).status_code == 404


def test_the_card_and_poster_carry_the_texts_staff_wrote_and_the_help_lines(
    client,
    feedback_page,  # noqa: F811
):
    settings = outreach_settings()
    assert "instead of arrest" in text_of(client.get("/feedback/print/card/a4/"))
    settings.what_lead_is = "LEAD offers help, not handcuffs, in the pilot area."
    settings.poster_heading = "Were you stopped by police?"
    settings.save()
    for url in ["/feedback/print/card/a4/", "/feedback/print/poster/letter/"]:
        page = text_of(client.get(url))
        assert "LEAD offers help, not handcuffs, in the pilot area." in page
        assert "Were you stopped by police?" in page
        assert "<strong>911</strong>" in page and "<strong>988</strong>" in page
        # The QR code is drawn in the page, as SVG: nothing is fetched from elsewhere.
        assert '<svg version="1.1" viewBox=' in page
        assert "<title>QR code: http://localhost/feedback/</title>" in page


def test_the_paper_form_says_where_to_return_it(client, feedback_page):  # noqa: F811
    settings = outreach_settings()
    settings.return_address = "LEAD Baltimore\n100 N Eutaw St\nBaltimore, MD 21201"
    settings.save()
    page = text_of(client.get("/feedback/print/form/a4/"))
    assert "LEAD Baltimore<br>100 N Eutaw St<br>Baltimore, MD 21201" in page
    assert "Give this form to a LEAD case manager or outreach worker" in page


def test_the_printables_read_the_programs_details_from_the_site_settings(
    client,
    feedback_page,  # noqa: F811
):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.organisation_name = "LEAD West Baltimore"
    site_settings.contact_phone = "410-555-0142"
    site_settings.contact_address = "LEAD West Baltimore\n200 W Pratt St"
    site_settings.help_line_name = "Harm-reduction line"
    site_settings.help_line_phone = "410-555-0199"
    site_settings.save()
    # No return address of its own: the paper form gives the program's.
    form = text_of(client.get("/feedback/print/form/letter/"))
    assert "LEAD West Baltimore<br>200 W Pratt St" in form
    assert "Harm-reduction line: <strong>410-555-0199</strong>" in form
    card = text_of(client.get("/feedback/print/card/a4/"))
    assert "| LEAD West Baltimore</title>" in card
    assert 'No internet? Call <span class="nowrap">410-555-0142</span>' in card


@pytest.mark.parametrize("library", ["lxml.etree", "xml.etree.ElementTree"])
def test_the_qr_code_is_drawn_with_either_xml_library_qrcode_finds(monkeypatch, library):
    """qrcode builds its SVG with lxml where lxml is installed (the tests' dependencies
    bring it) and with the standard library otherwise (production)."""
    etree = pytest.importorskip(library)
    for module in (qrcode.image.svg, qrcode.image.styles.moduledrawers.svg, printables):
        monkeypatch.setattr(module, "ET", etree)
    svg = printables.qr_code_svg("https://example.org/feedback/", "QR code: <feedback> & more")
    drawn = ElementTree.fromstring(svg)  # noqa: S314 (our own SVG)
    assert drawn.get("role") == "img" and "width" not in drawn.attrib
    assert drawn.find("{http://www.w3.org/2000/svg}title").text == "QR code: <feedback> & more"
    assert drawn.find("{http://www.w3.org/2000/svg}path").get("d")

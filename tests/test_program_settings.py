"""Staff keep the facts that change in Settings → Site settings, and the pages follow, in
English and in Spanish: where the pilot stands (running, extended, ended), who moderates
residents' reports and whether police officers do, and the official ways to complain
about an officer, which the feedback form shows next to its first question."""

import datetime
import html
import re

import pytest
from django.urls import reverse
from wagtail.models import Locale, Site
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail_localize.synctree import synchronize_tree

from home.demo.build import translate_page
from home.models import SiteSettings
from tests.factories import ExplainerPageFactory, NewsIndexPageFactory, NewsPageFactory

BLOCKS = [("pilot_status", None), ("complaint_routes", None), ("who_moderates", None)]

REVIEW_BOARD = {
    "name": "Civilian Review Board of Baltimore City",
    "name_es": "Junta de Revisión Civil de la Ciudad de Baltimore",
    "description": "Investigates complaints about police officers.",
    "description_es": "Investiga las quejas sobre agentes de policía.",
    "phone": "410-396-3151",
    "website": "https://civilrights.baltimorecity.gov/civilian-review-board",
}
INTERNAL_AFFAIRS = {
    "name": "Public Integrity Bureau",
    "name_es": "",
    "description": "The police department's internal affairs.",
    "description_es": "",
    "phone": "",
    "website": "https://www.baltimorepolice.org",
}


def spanish():
    return Locale.objects.get(language_code="es")


@pytest.fixture
def explainer(home):
    """An explainer (at /what-is-lead/) with the three blocks that read the settings, in
    both languages."""
    page = ExplainerPageFactory(parent=home, slug="what-is-lead", body=BLOCKS)
    synchronize_tree(Locale.objects.get(language_code="en"), spanish())
    translate_page(
        page,
        spanish(),
        {"title": "¿Qué es LEAD?", "body": [{"type": name, "value": None} for name, _ in BLOCKS]},
    )
    return page


@pytest.fixture
def site_settings(home):
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


def change(site_settings, **values):
    for name, value in values.items():
        setattr(site_settings, name, value)
    site_settings.save()


def text(client, url):
    page_html = client.get(url).content.decode()
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page_html)))


# Where the pilot stands -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "english", "spanish_text"),
    [
        ("running", "The pilot is running", "El programa piloto está en marcha"),
        (
            "extended",
            "The pilot was extended beyond its first three years and is still running",
            "El programa piloto se extendió después de sus primeros tres años",
        ),
        ("ended", "The pilot has ended", "El programa piloto terminó"),
    ],
)
def test_pages_say_where_the_pilot_stands_as_the_settings_say(
    client, explainer, site_settings, status, english, spanish_text
):
    client.get("/what-is-lead/")  # kept by the page cache until the settings change
    change(site_settings, pilot_status=status)
    assert english in text(client, "/what-is-lead/")
    assert spanish_text in text(client, "/es/what-is-lead/")
    others = {"running", "extended", "ended"} - {status}
    for other in others:
        sentence = {
            "running": "The pilot is running",
            "extended": "The pilot was extended",
            "ended": "The pilot has ended",
        }[other]
        assert sentence not in text(client, "/what-is-lead/")


def test_a_note_on_the_pilots_status_reads_in_spanish_or_says_it_is_english(
    client, explainer, site_settings
):
    change(site_settings, pilot_status="extended", pilot_status_note="It runs until June 2027.")
    assert "It runs until June 2027." in text(client, "/what-is-lead/")
    assert (
        '<span lang="en">It runs until June 2027.</span>'
        in client.get("/es/what-is-lead/").content.decode()
    )
    change(site_settings, pilot_status_note_es="Funciona hasta junio de 2027.")
    spanish_page = client.get("/es/what-is-lead/").content.decode()
    assert "<span>Funciona hasta junio de 2027.</span>" in spanish_page
    assert "It runs until" not in spanish_page


# Who moderates --------------------------------------------------------------------------


def test_pages_say_who_moderates_and_whether_police_officers_do(
    client, explainer, site_settings, feedback_page
):
    change(site_settings, moderators="two trained members of the program's community staff")
    for url in ["/what-is-lead/", "/feedback/"]:
        page_text = text(client, url)
        assert "two trained members of the program's community staff" in page_text
        # Without the rule in the settings, nothing promises that police do not moderate.
        assert "No police officer moderates" not in page_text
        assert "the police department included" in page_text
    change(site_settings, no_police_moderators=True)
    for url in ["/what-is-lead/", "/feedback/"]:
        page_text = text(client, url)
        assert "No police officer moderates reports or comments" in page_text
        assert "the police department included" not in page_text
    assert "Ningún agente de policía modera" in text(client, "/es/what-is-lead/")


# Official complaint routes ---------------------------------------------------------------


def test_complaint_routes_come_from_the_settings_in_each_language(client, explainer, site_settings):
    page_text = text(client, "/what-is-lead/")
    assert "Ask the program how to make a formal complaint." in page_text
    change(
        site_settings,
        complaint_routes=[("route", REVIEW_BOARD), ("route", INTERNAL_AFFAIRS)],
    )
    page_html = client.get("/what-is-lead/").content.decode()
    assert "This site does not take complaints about police officers." in page_html
    assert "<strong>Civilian Review Board of Baltimore City</strong>" in page_html
    assert '<a href="tel:4103963151">410-396-3151</a>' in page_html
    assert f'href="{REVIEW_BOARD["website"]}"' in page_html
    assert "<strong>Public Integrity Bureau</strong>" in page_html
    spanish_html = client.get("/es/what-is-lead/").content.decode()
    assert "Este sitio no recibe quejas sobre agentes de policía." in spanish_html
    assert "<strong>Junta de Revisión Civil de la Ciudad de Baltimore</strong>" in spanish_html
    assert "Investiga las quejas sobre agentes de policía." in spanish_html
    # Nobody named the second route in Spanish: its English name says so.
    assert '<strong lang="en">Public Integrity Bureau</strong>' in spanish_html
    assert '<span lang="en">The police department&#x27;s internal affairs.</span>' in (spanish_html)


def test_the_feedback_form_says_it_is_not_a_complaint_before_its_first_question(
    client, site_settings, feedback_page
):
    change(site_settings, complaint_routes=[("route", REVIEW_BOARD)])
    page_html = client.get("/feedback/").content.decode()
    notice = page_html.index("This form is not a complaint")
    first_question = page_html.index('id="section-')
    assert notice < first_question
    assert "Civilian Review Board of Baltimore City" in page_html[notice:first_question]
    assert 'href="tel:4103963151"' in page_html[notice:first_question]


def test_staff_set_the_pilot_status_moderation_and_complaint_routes_in_the_admin(
    admin_client, client, explainer, site_settings
):
    url = reverse("wagtailsettings:edit", args=["home", "sitesettings", site_settings.site_id])
    edit = admin_client.get(url).content.decode()
    for field in ["pilot_status", "moderators", "no_police_moderators"]:
        assert f'name="{field}"' in edit, field
    assert "complaint_routes" in edit
    response = admin_client.post(
        url,
        nested_form_data(
            {
                "organisation_name": "LEAD Baltimore",
                "tagline": "",
                "contact_email": "team@example.org",
                "contact_phone": "",
                "contact_address": "",
                "help_line_name": "",
                "help_line_phone": "",
                "help_line_hours": "",
                "emergency_text": "In an emergency, call 911.",
                "partners": streamfield([]),
                "footer_text": rich_text(""),
                "privacy_page": "",
                "pilot_status": "ended",
                "pilot_status_note": "It ended in 2030.",
                "moderators": "the program's community staff",
                "no_police_moderators": "on",
                "complaint_routes": streamfield([("route", REVIEW_BOARD)]),
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page_text = text(client, "/what-is-lead/")
    assert "The pilot has ended" in page_text and "It ended in 2030." in page_text
    assert "the program's community staff" in page_text
    assert "No police officer moderates" in page_text
    assert "Civilian Review Board of Baltimore City" in page_text


def test_a_status_that_is_not_one_of_the_three_is_refused(admin_client, site_settings):
    url = reverse("wagtailsettings:edit", args=["home", "sitesettings", site_settings.site_id])
    response = admin_client.post(
        url,
        nested_form_data(
            {
                "organisation_name": "LEAD Baltimore",
                "emergency_text": "In an emergency, call 911.",
                "partners": streamfield([]),
                "footer_text": rich_text(""),
                "pilot_status": "paused",
                "complaint_routes": streamfield([]),
            }
        ),
    )
    assert response.status_code == 200
    assert "Select a valid choice. paused is not one of the available choices." in (
        response.content.decode()
    )
    site_settings.refresh_from_db()
    assert site_settings.pilot_status == "running"


# News whose sources give only the month --------------------------------------------------


def test_a_story_whose_day_is_not_known_shows_its_month(client, home):
    news = NewsIndexPageFactory(parent=home)
    NewsPageFactory(
        parent=news,
        slug="coalition",
        title="Police leaders call for alternatives to arrest",
        date=datetime.date(2015, 10, 1),
        date_precision="month",
    )
    NewsPageFactory(
        parent=news, slug="launch", title="LEAD launches", date=datetime.date(2017, 2, 6)
    )
    story = client.get("/news/coalition/").content.decode()
    assert '<time datetime="2015-10">October 2015</time>' in story
    assert "1 October 2015" not in story
    listing = client.get("/news/").content.decode()
    assert '<time datetime="2015-10">October 2015</time>' in listing
    assert '<time datetime="2017-02-06">6 February 2017</time>' in listing
    synchronize_tree(Locale.objects.get(language_code="en"), spanish())
    spanish_story = client.get("/es/news/coalition/").content.decode()
    assert '<time datetime="2015-10">octubre de 2015</time>' in spanish_story

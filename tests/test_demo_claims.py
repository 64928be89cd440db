"""Residents act on what the demo site says: what it claims is true to its sources
(docs/content-sources.md), it promises only what the program can keep, and it says the
same in Spanish.

Each test names a claim a fact-check found wrong and fails if it comes back: the Seattle
housing report under the wrong authors, the op-ed called "the seed", anonymity promised
without its limits, "tell the program" as the only way to complain about an officer, and
the rest of issue 20's list. The demo site is built once for the module, the pages and
files the tests read are fetched in English and in Spanish, and the demo is rolled back.
"""

import html
import re
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from home.demo import help_pages

pytestmark = pytest.mark.django_db

PATHS = [
    "/",
    "/lead/what-is-lead/",
    "/lead/eligibility-and-referral/",
    "/lead/after-a-referral/",
    "/lead/your-rights/",
    "/lead/pilot-area/",
    "/lead/officer-training/",
    "/lead/other-cities/",
    "/lead/faq/",
    "/news/",
    "/news/police-leaders-call-for-alternatives-to-arrest/",
    "/news/baltimore-to-bring-lead-to-the-city/",
    "/news/lead-pilot-launches/",
    "/outcomes/",
    "/get-help/",
    "/contact/",
    "/privacy/",
    "/feedback/",
    "/feedback/published/",
    "/feedback/print/",
    "/data/",
    "/data/seattle-lead-evaluation/",
    "/data/referrals-and-enrolments/",
    "/data/what-residents-told-us/",
]
LANGUAGES = ["en", "es"]


def in_language(path, language):
    return path if language == "en" else f"/{language}{path}"


def text_of(page_html):
    """The page's visible text on one line, with its markup and scripts left out."""
    page_html = re.sub(r"<(script|style)\b.*?</\1>", " ", page_html, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page_html)))


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    client = Client()
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_site", "--no-admin", stdout=StringIO())
        pages = {}
        for language in LANGUAGES:
            for path in PATHS:
                response = client.get(in_language(path, language))
                assert response.status_code == 200, in_language(path, language)
                pages[(path, language)] = response.content.decode()
        seattle_csv = client.get("/data/seattle-lead-evaluation/download.csv").getvalue().decode()
        transaction.set_rollback(True)
    cache.clear()
    return {"pages": pages, "seattle csv": seattle_csv}


def page(demo, path, language="en"):
    return demo["pages"][(path, language)]


def every_text(demo, language=None):
    return {
        in_language(path, lang): text_of(page_html)
        for (path, lang), page_html in demo["pages"].items()
        if language in (None, lang)
    }


def pages_saying(demo, pattern, language=None):
    found = re.compile(pattern, re.I)
    return sorted(
        address for address, text in every_text(demo, language).items() if found.search(text)
    )


# Facts the sources support ---------------------------------------------------------------


def test_the_housing_report_is_cited_under_its_own_authors(demo):
    wrong_order = (
        r"Collins,? (S\. E\., )?Lonczak,? (H\. S\., )?(&|and|y) Clifasefi,? (S\. L\. )?\(2016"
    )
    assert pages_saying(demo, wrong_order) == []
    assert not re.search(wrong_order, demo["seattle csv"])
    assert "Clifasefi, S. L., Lonczak, H. S., & Collins, S. E. (2016" in demo["seattle csv"]
    for language in LANGUAGES:
        text = text_of(page(demo, "/lead/other-cities/", language))
        assert re.search(r"Clifasefi, Lonczak (and|y) Collins, (March|marzo de) 2016", text)


def test_no_page_speaks_of_how_the_site_was_made(demo):
    assert pages_saying(demo, r"\bseed\b", "en") == []
    assert pages_saying(demo, r"art[ií]culo de prensa de origen|\bsemilla\b", "es") == []


def test_the_op_ed_is_cited_by_its_title_and_publication(demo):
    for path in ["/data/seattle-lead-evaluation/", "/lead/other-cities/"]:
        for language in LANGUAGES:
            text = text_of(page(demo, path, language))
            assert "New Baltimore approach to addiction" in text, (path, language)
            assert "The Baltimore Sun" in text, (path, language)


def test_the_almost_60_percent_is_lower_odds_and_which_result_is_not_said(demo):
    assert pages_saying(demo, r"almost 60 percent.{0,3} drop") == []
    assert pages_saying(demo, r"ca[ií]da de .casi un 60") == []
    for language, lower_odds, unsaid in [
        ("en", r"60% lower odds", r"does not say which"),
        ("es", r"60\s%\smenos de probabilidades", r"No dice a cu[aá]l"),
    ]:
        text = text_of(page(demo, "/lead/other-cities/", language))
        assert re.search(lower_odds, text) and re.search(unsaid, text), language


def test_costs_say_what_was_measured(demo):
    assert pages_saying(demo, r"cost less than the usual system") == []
    assert pages_saying(demo, r"cost[oó] menos que el sistema habitual") == []
    text = text_of(page(demo, "/lead/other-cities/"))
    assert "gave the program’s own costs separately" in text


def test_sixty_people_at_a_time_is_an_expectation(demo):
    assert pages_saying(demo, r"people served by the pilot at any one time") == []
    assert pages_saying(demo, r"personas atendidas al mismo tiempo por el programa") == []
    assert "expected to serve at any one time" in text_of(page(demo, "/lead/what-is-lead/"))
    assert "esperaba atender al mismo tiempo" in text_of(page(demo, "/lead/what-is-lead/", "es"))


def test_news_dates_are_those_the_sources_give(demo):
    coalition = text_of(page(demo, "/news/police-leaders-call-for-alternatives-to-arrest/"))
    assert "21 October 2015" not in coalition
    assert "October 2015" in coalition
    launch = text_of(page(demo, "/news/lead-pilot-launches/"))
    assert "6 February 2017" in launch
    seattle = text_of(page(demo, "/data/seattle-lead-evaluation/"))
    assert "First published 6 February 2017" not in seattle


def test_the_sample_neighbourhoods_lie_inside_the_pilot_area(demo):
    assert pages_saying(demo, r"Poppleton|Heritage Crossing") == []
    form = page(demo, "/feedback/")
    assert re.findall(r"<option value=\"\d+\">([^<]+)</option>", form) == [
        "Market Center",
        "Downtown West",
        "Downtown",
    ]


# Promises the code can keep --------------------------------------------------------------


def test_no_page_promises_anonymity_without_its_limits(demo):
    absolute = r"anonymous unless|nobody else|stay anonymous|an[oó]nimos?, a menos|nadie m[aá]s"
    assert pages_saying(demo, absolute) == []
    for language, limits in [
        ("en", ["court order", "officer involved", "Baltimore Police Department is one of them"]),
        ("es", ["orden judicial", "agente que intervino", "Departamento de Policía de Baltimore"]),
    ]:
        notice = text_of(page(demo, "/privacy/", language))
        for said in limits:
            assert said in notice, (language, said)
        form = text_of(page(demo, "/feedback/", language))
        assert limits[0] in form, language


def test_the_notice_says_who_moderates_as_the_settings_say(demo):
    moderators = help_pages.SITE_SETTINGS["moderators"]
    notice = text_of(page(demo, "/privacy/"))
    assert moderators in notice
    assert "No police officer moderates reports" in notice
    assert "Ningún agente de policía modera" in text_of(page(demo, "/privacy/", "es"))


def test_complaints_are_sent_to_the_official_routes_not_only_to_the_program(demo):
    routes = help_pages.SITE_SETTINGS["complaint_routes"]
    for language, question, named, replaces, not_a_complaint in [
        (
            "en",
            "How do I complain",
            ["Public Integrity Bureau", "Civilian Review Board"],
            "does not replace a complaint",
            "This site does not take complaints",
        ),
        (
            "es",
            "Cómo presento una queja",
            ["Oficina de Integridad Pública", "Junta de Revisión Civil"],
            "no reemplaza una queja",
            "Este sitio no recibe quejas",
        ),
    ]:
        faq = page(demo, "/lead/faq/", language)
        answer = text_of(faq.split(question, 1)[1].split("</details>", 1)[0])
        for name in named:
            assert name in answer, (language, name)
        assert replaces in answer, language
        assert not_a_complaint in text_of(faq), language
        # How to reach them, as the settings give it.
        for route in routes:
            if route["value"]["phone"]:
                assert f'href="tel:{route["value"]["phone"].replace("-", "")}"' in faq
            assert f'href="{route["value"]["website"]}"' in faq


def test_the_feedback_form_says_it_is_not_a_complaint_next_to_the_first_question(demo):
    for language, heading in [("en", "This form is not a complaint"), ("es", "no es una queja")]:
        form = page(demo, "/feedback/", language)
        notice, first_question = form.index(heading), form.index('id="section-')
        assert notice < first_question
        assert 'href="tel:4103963151"' in form[notice:first_question], language


def test_what_lead_shares_and_with_whom_needs_consent(demo):
    rights = text_of(page(demo, "/lead/your-rights/"))
    assert "With your written consent, your case manager shares information" in rights
    assert "police officers and prosecutors" in rights
    assert "42 CFR Part 2" in rights
    derechos = text_of(page(demo, "/lead/your-rights/", "es"))
    assert "consentimiento por escrito" in derechos


def test_avoiding_jail_is_a_chance_not_a_guarantee(demo):
    assert pages_saying(demo, r"instead of a night in jail and a criminal record") == []
    assert "a chance to avoid a night in jail" in text_of(page(demo, "/"))
    assert "la oportunidad de evitar una noche en la cárcel" in text_of(page(demo, "/", "es"))


def test_the_usual_way_is_said_plainly_where_it_is_mentioned(demo):
    """Where a page tells a resident their case is handled "the usual way" if they say no,
    it says plainly, once, what that can mean."""
    for path in PATHS:
        for language, usual, plainly in [
            ("en", r"(handled|processed) the usual way", "arrest, booking"),
            ("es", r"se (maneja|procesa) de la forma habitual", "un arresto, el fichaje"),
        ]:
            text = text_of(page(demo, path, language))
            if re.search(usual, text):
                assert plainly in text, (path, language)


def test_pages_about_the_pilot_say_where_it_stands(demo):
    for path in ["/", "/lead/what-is-lead/", "/lead/pilot-area/"]:
        assert "The pilot is running" in text_of(page(demo, path)), path
        assert "El programa piloto está en marcha" in text_of(page(demo, path, "es")), path


# Spanish that reads as Spanish -----------------------------------------------------------


def test_spanish_pages_use_the_glossarys_police_words(demo):
    wrong = (
        r"interrogatorio|personas detenidas|denuncia|visita de alcance|alcance comunitario"
        r"|registros (que identifican|de administración|de arrestos)|registro de actividad"
    )
    assert pages_saying(demo, wrong, "es") == []
    form = text_of(page(demo, "/feedback/", "es"))
    assert "Lo pararon o le hicieron preguntas" in form
    assert "Acercamiento comunitario" in form


def test_the_crisis_line_has_its_spanish_name(demo):
    for path in ["/", "/get-help/"]:
        text = text_of(page(demo, path, "es"))
        assert "988 Línea de Prevención del Suicidio y Crisis" in text
        assert "Suicide & Crisis Lifeline" not in text

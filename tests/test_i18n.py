"""A Spanish-speaking resident reads the site in Spanish under /es/, switches language on
any page without a cookie, and is heard in Spanish; English keeps the addresses of the
public contract."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from wagtail.models import Locale, Page
from wagtail_localize.synctree import synchronize_tree

from feedback.models import Comment, Report
from home.demo.build import translate_page
from home.models import NewsIndexPage, SiteSettings
from portal.templatetags.languages import in_active_language
from tests.comment_helpers import comment_data
from tests.factories import (
    CommentFactory,
    ExplainerIndexPageFactory,
    ExplainerPageFactory,
    NeighbourhoodFactory,
    ReportFactory,
)
from tests.feedback_helpers import receipt_code, report_data
from tests.public_pages import page_urls


def spanish():
    return Locale.objects.get(language_code="es")


def sync_spanish_tree():
    """What wagtail-localize does when staff create pages: a Spanish alias of each."""
    synchronize_tree(Locale.objects.get(language_code="en"), spanish())


def html_lang(html):
    return re.search(r'<html lang="([^"]+)"', html).group(1)


def h1(html):
    return re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)).strip()


def switcher_links(html):
    """``{language: (href, attributes)}`` of the language switcher."""
    nav = re.search(r'<nav class="language-switcher"[^>]*>(.*?)</nav>', html, re.S).group(1)
    return {
        lang: (href, tag)
        for tag, href, lang in re.findall(r'(<a [^>]*href="([^"]+)"[^>]*lang="(\w+)"[^>]*>)', nav)
    }


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))


@pytest.fixture
def explainers(home):
    """An English explainer and its Spanish translation, and one left untranslated."""
    index = ExplainerIndexPageFactory(parent=home)
    translated = ExplainerPageFactory(parent=index, slug="what-is-lead", title="What is LEAD?")
    ExplainerPageFactory(parent=index, slug="eligibility", title="Who is eligible?")
    sync_spanish_tree()
    translate_page(
        translated,
        spanish(),
        {
            "title": "¿Qué es LEAD?",
            "summary": "LEAD en un minuto.",
            "body": [{"type": "paragraph", "value": "<p>Ayuda en lugar de arresto.</p>"}],
        },
    )
    return translated


# English stays where it was --------------------------------------------------------------


def test_english_keeps_the_addresses_of_the_public_contract(client, explainers):
    for url in ["/", "/lead/what-is-lead/", "/data/", "/search/?query=lead"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert html_lang(response.content.decode()) == "en", url
    assert client.get("/en/lead/what-is-lead/").status_code == 404
    for url in ["/data.json", "/healthz", "/robots.txt", "/sitemap.xml", "/api/v1/datasets"]:
        assert client.get(url).status_code == 200, url


def test_machine_addresses_have_no_spanish_copy(client, explainers):
    for url in ["/es/data.json", "/es/healthz", "/es/robots.txt", "/es/sitemap.xml"]:
        assert client.get(url, follow=True).status_code == 404, url


# Reading in Spanish ----------------------------------------------------------------------


def test_a_translated_page_reads_in_spanish_under_es(client, explainers):
    html = client.get("/es/lead/what-is-lead/").content.decode()
    assert html_lang(html) == "es"
    assert h1(html) == "¿Qué es LEAD?"
    assert "Ayuda en lugar de arresto." in html
    assert "untranslated-notice" not in html and '<main id="main" tabindex="-1">' in html
    assert "Saltar al contenido principal" in html  # the interface text too


def test_an_untranslated_page_says_so_in_spanish_and_marks_its_english_words(client, explainers):
    html = client.get("/es/lead/eligibility/").content.decode()
    assert html_lang(html) == "es"
    assert '<main id="main" tabindex="-1" lang="en">' in html
    notice = re.search(r'<div class="[^"]*untranslated-notice" lang="es">(.*?)</div>', html, re.S)
    assert "Esta página todavía no está traducida." in notice.group(1)
    assert 'href="/lead/eligibility/" hreflang="en"' in notice.group(1)
    assert h1(html) == "Who is eligible?"


def test_navigation_and_breadcrumbs_follow_the_language(client, explainers):
    html = client.get("/es/lead/what-is-lead/").content.decode()
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    assert 'href="/es/"' in nav and 'href="/es/lead/"' in nav
    assert 'href="/lead/"' not in nav
    # "About LEAD" is not translated: its link says it is English.
    assert '<a class="main-nav__link" href="/es/lead/" lang="en"' in nav
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    assert 'href="/es/lead/what-is-lead/" aria-current="page">¿Qué es LEAD?' in crumbs


def test_the_switcher_links_each_page_to_itself_in_the_other_language(client, explainers):
    english = client.get("/lead/what-is-lead/").content.decode()
    links = switcher_links(english)
    assert links["es"][0] == "/es/lead/what-is-lead/"
    assert 'hreflang="es"' in links["es"][1] and ">" in links["es"][1]
    assert 'aria-current="true"' in links["en"][1]
    spanish_html = client.get("/es/lead/what-is-lead/").content.decode()
    links = switcher_links(spanish_html)
    assert links["en"][0] == "/lead/what-is-lead/"
    assert 'aria-current="true"' in links["es"][1]
    assert re.search(r'<nav class="language-switcher" aria-label="Idioma">', spanish_html)
    assert re.search(r'lang="es"[^>]*>Español</a>', english)
    assert re.search(r'lang="en"[^>]*>English</a>', spanish_html)


def test_the_switcher_follows_a_translated_slug_and_a_route_below_the_page(
    client, explainers, feedback_page
):
    spanish_page = explainers.get_translation(spanish())
    spanish_page.slug = "que-es-lead"
    spanish_page.save_revision().publish()
    html = client.get("/lead/what-is-lead/").content.decode()
    assert switcher_links(html)["es"][0] == "/es/lead/que-es-lead/"
    sync_spanish_tree()
    html = client.get("/es/feedback/status/").content.decode()
    assert switcher_links(html)["en"][0] == "/feedback/status/"


def test_views_outside_the_page_tree_switch_language_too(client, explainers):
    html = client.get("/data/").content.decode()
    assert switcher_links(html)["es"][0] == "/es/data/"
    html = client.get("/es/search/?query=lead").content.decode()
    assert html_lang(html) == "es"
    assert switcher_links(html)["en"][0] == "/search/"


def test_site_paths_written_in_english_lead_to_the_active_language():
    """Calls to action may give a path (``/feedback/``) instead of a page."""
    with translation.override("es"):
        assert in_active_language("/feedback/status/") == "/es/feedback/status/"
        assert in_active_language("/data.json") == "/data.json"
        assert in_active_language("https://988lifeline.org/") == "https://988lifeline.org/"
    assert in_active_language("/feedback/") == "/feedback/"


def test_every_page_names_its_versions_in_each_language(client, explainers):
    for url in ["/lead/what-is-lead/", "/es/lead/what-is-lead/"]:
        assert alternates(client.get(url).content.decode()) == {
            "en": "http://testserver/lead/what-is-lead/",
            "es": "http://testserver/es/lead/what-is-lead/",
            "x-default": "http://testserver/lead/what-is-lead/",
        }


def test_the_versions_named_follow_the_address_the_page_was_asked_for(client, explainers):
    """The alternates are kept per page tree version (base.html); each scheme and host
    still gets its own."""
    url = "/lead/what-is-lead/"
    assert alternates(client.get(url).content.decode())["en"] == f"http://testserver{url}"
    secure = client.get(url, secure=True).content.decode()
    assert alternates(secure)["en"] == f"https://testserver{url}"
    other_host = client.get(url, HTTP_HOST="localhost").content.decode()
    assert alternates(other_host)["en"] == f"http://localhost{url}"


def test_switching_language_sets_no_cookie(explainers):
    client = Client()
    for url in ["/", "/es/", "/es/lead/", "/es/data/", "/es/search/?query=lead"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, url
    assert not client.cookies


def test_the_missing_page_answers_in_spanish(client, explainers):
    response = client.get("/es/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert html_lang(html) == "es"
    assert "No encontramos esa página" in html


def search_results(client, url):
    html = client.get(url).content.decode()
    return re.findall(r'class="search-results__title"><a href="([^"]+)"', html)


def test_search_under_es_finds_the_pages_of_the_spanish_tree(client, explainers):
    assert search_results(client, "/es/search/?query=arresto") == ["/es/lead/what-is-lead/"]
    assert search_results(client, "/search/?query=arresto") == []
    # An untranslated page is found, in its Spanish place, by its English words.
    assert search_results(client, "/es/search/?query=eligible") == ["/es/lead/eligibility/"]
    assert search_results(client, "/search/?query=eligible") == ["/lead/eligibility/"]


def test_site_settings_read_in_spanish_under_es(client, explainers):
    settings = SiteSettings.for_site(explainers.get_site())
    settings.tagline = "Law Enforcement Assisted Diversion"
    settings.tagline_es = "Desvío asistido por las fuerzas del orden"
    settings.emergency_text_es = "En caso de emergencia, llame al 911."
    settings.partners = [
        {
            "type": "partner",
            "value": {"name": "OSI-Baltimore", "role": "Funder", "role_es": "Financiador"},
        }
    ]
    settings.save()
    spanish_html = client.get("/es/").content.decode()
    assert "Desvío asistido por las fuerzas del orden" in spanish_html
    assert "En caso de emergencia, llame al 911." in spanish_html
    assert "Financiador" in spanish_html and "Funder" not in spanish_html
    english = client.get("/").content.decode()
    assert "Law Enforcement Assisted Diversion" in english and "Funder" in english
    assert "Desvío" not in english


def test_the_sitemap_lists_every_page_in_each_language(client, explainers):
    xml = client.get("/sitemap.xml").content.decode()
    for path in ["/", "/es/", "/lead/what-is-lead/", "/es/lead/what-is-lead/", "/es/data/"]:
        assert f"{path}</loc>" in xml, path


# One of each per language ----------------------------------------------------------------


def test_one_news_index_per_language(home):
    NewsIndexPage.objects.none()  # nothing yet
    assert NewsIndexPage.can_create_at(home)
    home.add_child(instance=NewsIndexPage(title="News", slug="news"))
    assert not NewsIndexPage.can_create_at(home)
    sync_spanish_tree()
    spanish_home = home.get_translation(spanish())
    assert NewsIndexPage.objects.filter(locale=spanish()).count() == 1
    assert not NewsIndexPage.can_create_at(spanish_home)


# Heard in Spanish ------------------------------------------------------------------------


@pytest.fixture
def spanish_feedback_page(feedback_page):
    sync_spanish_tree()
    return feedback_page.get_translation(spanish())


def test_a_report_sent_in_spanish_is_kept_as_spanish_and_its_status_reads_in_spanish(
    client, spanish_feedback_page
):
    place = NeighbourhoodFactory(name="Seton Hill")
    form = client.get("/es/feedback/").content.decode()
    assert 'action="/es/feedback/"' in form
    response = client.post("/es/feedback/", report_data(client, place))
    assert response.status_code == 200
    code = receipt_code(response)
    report = Report.objects.get()
    assert report.language == "es"
    status = client.post("/es/feedback/status/", {"code": code})
    html = status.content.decode()
    assert status.status_code == 200
    assert html_lang(html) == "es"
    assert "En revisión" in html


def test_a_report_sent_in_english_is_kept_as_english(client, spanish_feedback_page):
    place = NeighbourhoodFactory(name="Seton Hill")
    client.post("/feedback/", report_data(client, place))
    assert Report.objects.get().language == "en"


def test_a_comment_on_a_spanish_page_is_kept_as_spanish(client, explainers, settings):
    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    page = explainers.get_translation(spanish())
    response = client.post(page.url, comment_data(client, page, body="¿Llegará LEAD a Sandtown?"))
    assert response.status_code in (200, 302)
    comment = Comment.objects.get()
    assert comment.language == "es" and comment.page_id == page.pk


# Moderators ------------------------------------------------------------------------------


@pytest.fixture
def moderator_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("mod", "m@example.org", "x"))
    return client


def test_moderators_filter_reports_comments_and_the_queue_by_language(moderator_client, explainers):
    spanish_report = ReportFactory(language="es", account="La agente fue amable.")
    english_report = ReportFactory(language="en", account="The officer was kind.")
    CommentFactory(page=explainers, language="es", body="Gracias", status="new")
    CommentFactory(page=explainers, language="en", body="Thanks", status="new")

    def listed(url):
        return moderator_client.get(url).content.decode()

    reports = listed("/admin/snippets/feedback/report/?language=es")
    assert f"/edit/{spanish_report.pk}/" in reports
    assert f"/edit/{english_report.pk}/" not in reports
    comments = listed("/admin/snippets/feedback/comment/?language=en")
    english_comment, spanish_comment = (
        Comment.objects.get(language="en"),
        Comment.objects.get(language="es"),
    )
    assert f"/edit/{english_comment.pk}/" in comments
    assert f"/edit/{spanish_comment.pk}/" not in comments
    queue = listed("/admin/moderation/?language=es")
    assert f"/edit/{spanish_report.pk}/" in queue and f"/edit/{spanish_comment.pk}/" in queue
    assert f"report/edit/{english_report.pk}/" not in queue
    assert f"comment/edit/{english_comment.pk}/" not in queue


# The demo site ---------------------------------------------------------------------------

# What each public page type of the demo site says under /es/: Spanish from the page
# tree (home, explainer, feedback form) or the message catalogue (the rest).
SPANISH_TEXT = {
    "home": "Ayuda en lugar de esposas",
    "explainer": "¿Qué es LEAD?",
    "news": "Comienza el programa piloto LEAD",
    "outcomes": "Resultados del programa piloto",
    "catalogue": "Datos abiertos",
    "dataset": "Diccionario de datos",
    "feedback-form": "Cuéntenos sobre una interacción con la policía",
    "status": "Consultar un reporte",
    "published-reports": "Lo que nos contaron los residentes",
    "search": "Buscar",
    "not-found": "No encontramos esa página",
}


@pytest.fixture
def demo_site(db):
    call_command("load_demo_site", "--no-admin", stdout=StringIO())


def test_every_public_page_type_of_the_demo_reads_in_spanish(client, demo_site):
    for name, path in page_urls(["es"]):
        response = client.get(path)
        html = response.content.decode()
        assert response.status_code == (404 if name.startswith("not-found") else 200), path
        assert html_lang(html) == "es", path
        assert SPANISH_TEXT[name.removesuffix("-es")] in html, path
    # Every Spanish page of the demo is a translation, not a copy of the English page.
    spanish_pages = Page.objects.live().filter(locale=spanish(), depth__gte=2)
    assert spanish_pages.filter(alias_of__isnull=False).count() == 0
    for page in spanish_pages:
        html = client.get(page.url).content.decode()
        assert "untranslated-notice" not in html, page.url
        main = html.split("<main", 1)[1].split("</main>", 1)[0]
        # Nothing is an English passage: what is marked English is a name, a title or data
        # (tests/test_spanish_pages_in_spanish.py checks every word).
        assert not re.search(r'<(main|div|p|section)\b[^>]*\blang="en"', "<main" + main), page.url
    # The Spanish stories have Spanish tags, and the Spanish news index filters by them.
    story = client.get("/es/news/lead-pilot-launches/").content.decode()
    assert 'href="/es/news/?tag=zona-piloto">zona piloto</a>' in story
    tagged = client.get("/es/news/?tag=zona-piloto").content.decode()
    assert "/es/news/lead-pilot-launches/" in tagged
    assert "/es/news/baltimore-to-bring-lead-to-the-city/" not in tagged
    home = client.get("/es/").content.decode()
    # The calls to action and the links in the Spanish texts lead to Spanish pages.
    assert 'class="cta" href="/es/feedback/"' in home and 'class="cta" href="/es/get-help/"' in home
    assert 'href="/es/lead/other-cities/"' in client.get("/es/lead/what-is-lead/").content.decode()
    footer = home.split('class="site-footer"', 1)[1]
    assert "En caso de emergencia, llame al 911." in footer
    assert 'href="/es/privacy/"' in footer
    assert (
        Page.objects.filter(locale=spanish(), depth__gte=2).count()
        == Page.objects.filter(locale__language_code="en", depth__gte=2).count()
    )

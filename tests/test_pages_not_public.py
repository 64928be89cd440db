"""A page anyone may not read (not live, or behind a login or a password) shows nowhere
public: not its words, not its comments, not its address. Its Spanish copy (an alias of
it until someone translates it) follows it, as Wagtail serves it. A visitor who may read
it (signed in, or who gave the password) may still report its comments."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail_localize.synctree import synchronize_tree

from feedback.models import FeedbackPage
from feedback.moderation import decisions as moderation
from portal.caching import page_tree
from tests.factories import (
    CommentFactory,
    ExplainerIndexPageFactory,
    ExplainerPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    ReportFactory,
    paragraph,
)

SECRET_WORDS = "Quillwort briefing for the district commanders"
COMMENT_TEXT = "Zanzibar-comment: my cousin got a case manager the same day."
PASSWORD = "pilot-only"
HOW = ["login", "password", "not live"]


def sync_spanish_tree():
    """What wagtail-localize does when staff create pages: a Spanish alias of each."""
    synchronize_tree(Locale.objects.get(language_code="en"), Locale.objects.get(language_code="es"))


def spanish(page):
    return page.get_translation(Locale.objects.get(language_code="es"))


@pytest.fixture
def site(home):
    """An explainer section and a news story, each with comments, in both languages."""
    section = ExplainerIndexPageFactory(parent=home, title="About LEAD", slug="lead")
    briefing = ExplainerPageFactory(
        parent=section,
        title="Quillwort briefing",
        slug="briefing",
        summary=SECRET_WORDS,
        body=[paragraph(SECRET_WORDS)],
    )
    ExplainerPageFactory(parent=section, title="Your rights", slug="your-rights")
    news = NewsIndexPageFactory(parent=home)
    story = NewsPageFactory(parent=news, title="Quillwort story", slug="quillwort-story")
    sync_spanish_tree()
    return {"section": section, "briefing": briefing, "news": news, "story": story}


@pytest.fixture
def keep_from_the_public(django_capture_on_commit_callbacks):
    """Unpublish a page, or put it behind a login or a password, as staff do: committed,
    so that the page tree moves on."""

    def keep(page, how):
        with django_capture_on_commit_callbacks(execute=True):
            if how == "not live":
                page.unpublish()
                return None
            return PageViewRestriction.objects.create(
                page=page,
                restriction_type=(
                    PageViewRestriction.LOGIN if how == "login" else PageViewRestriction.PASSWORD
                ),
                password=PASSWORD if how == "password" else "",
            )

    return keep


def served_to_anyone(response):
    """Wagtail answers a page behind a password with its password form, status 200."""
    return response.status_code == 200 and b"authenticate_with_password" not in response.content


def comments_on(page):
    """A published comment and a published reply on ``page`` and on its Spanish copy."""
    pages = [page, spanish(page)]
    comments = []
    for on in pages:
        comment = CommentFactory(page=on, public_text=COMMENT_TEXT)
        comments += [comment, CommentFactory(page=on, parent=comment, public_text=COMMENT_TEXT)]
    return comments


def search_titles(client, url, query):
    html = client.get(url, {"query": query}).content.decode()
    return re.findall(r'class="search-results__title"><a href="([^"]+)"', html)


@pytest.mark.parametrize("how", HOW)
def test_report_this_shows_no_comment_of_a_page_the_public_cannot_read(
    client, site, keep_from_the_public, how
):
    comments = comments_on(site["briefing"])
    keep_from_the_public(site["briefing"], how)
    for comment in comments:
        response = client.get(f"/flag/comment/{comment.public_id}/")
        assert response.status_code == 404, (how, comment.page.url)
        assert COMMENT_TEXT not in response.content.decode()
        assert client.post(f"/flag/comment/{comment.public_id}/", {}).status_code == 404


@pytest.mark.parametrize("how", ["login", "password"])
def test_report_this_shows_no_comment_below_a_section_the_public_cannot_read(
    client, site, keep_from_the_public, how
):
    comments = comments_on(site["briefing"])
    keep_from_the_public(site["section"], how)
    for comment in comments:
        assert client.get(f"/flag/comment/{comment.public_id}/").status_code == 404


def test_report_this_shows_no_reply_under_a_comment_that_is_not_shown(client, site):
    comment = CommentFactory(page=site["briefing"], public_text=COMMENT_TEXT)
    reply = CommentFactory(page=site["briefing"], parent=comment, public_text="A reply.")
    assert client.get(f"/flag/comment/{reply.public_id}/").status_code == 200
    comment.hidden_by_flags = True
    comment.save()
    assert client.get(f"/flag/comment/{reply.public_id}/").status_code == 404


def test_a_visitor_who_may_read_the_page_may_report_its_comments(
    client, site, keep_from_the_public, django_user_model
):
    comment = CommentFactory(page=site["briefing"], public_text=COMMENT_TEXT)
    restriction = keep_from_the_public(site["briefing"], "password")
    assert client.get(f"/flag/comment/{comment.public_id}/").status_code == 404
    passed = client.post(
        reverse(
            "wagtailcore_authenticate_with_password", args=[restriction.pk, site["briefing"].pk]
        ),
        {"password": PASSWORD, "return_url": site["briefing"].url},
    )
    assert passed.status_code == 302
    assert COMMENT_TEXT in client.get(site["briefing"].url).content.decode()
    response = client.get(f"/flag/comment/{comment.public_id}/")
    assert response.status_code == 200 and COMMENT_TEXT in response.content.decode()
    # Signed in, for a page behind a login.
    restriction.delete()
    keep_from_the_public(site["briefing"], "login")
    other = Client()
    assert other.get(f"/flag/comment/{comment.public_id}/").status_code == 404
    other.force_login(django_user_model.objects.create_user("resident", password="x"))
    assert other.get(f"/flag/comment/{comment.public_id}/").status_code == 200


@pytest.mark.parametrize("how", HOW)
def test_a_page_the_public_cannot_read_is_in_no_sitemap_search_or_list(
    client, site, keep_from_the_public, how
):
    for path in ["/lead/briefing/", "/es/lead/briefing/", "/news/quillwort-story/"]:
        assert f"{path}</loc>" in client.get("/sitemap.xml").content.decode()
    assert search_titles(client, "/es/search/", "Quillwort") != []
    keep_from_the_public(site["briefing"], how)
    keep_from_the_public(site["story"], how)
    sitemap = client.get("/sitemap.xml").content.decode()
    for path in ["/lead/briefing/", "/news/quillwort-story/"]:
        assert f"{path}</loc>" not in sitemap, path
        assert f"/es{path}</loc>" not in sitemap, f"/es{path}"
    assert "/lead/your-rights/</loc>" in sitemap and "/es/news/</loc>" in sitemap
    for url in ["/search/", "/es/search/"]:
        assert search_titles(client, url, "Quillwort") == [], url
    for url in ["/", "/es/", "/news/", "/es/news/"]:
        assert "Quillwort story" not in client.get(url).content.decode(), url
    for url in ["/lead/", "/es/lead/"]:
        html = client.get(url).content.decode()
        assert "Your rights" in html and "Quillwort briefing" not in html, url


@pytest.mark.parametrize("how", ["login", "password"])
def test_a_section_behind_a_login_or_a_password_hides_everything_below_it(
    client, site, keep_from_the_public, how
):
    assert 'href="/es/lead/"' in client.get("/es/").content.decode()
    keep_from_the_public(site["section"], how)
    sitemap = client.get("/sitemap.xml").content.decode()
    for path in ["/lead/", "/lead/briefing/", "/lead/your-rights/"]:
        assert f"{path}</loc>" not in sitemap, path
        assert f"/es{path}</loc>" not in sitemap, f"/es{path}"
    for url in ["/search/", "/es/search/"]:
        assert search_titles(client, url, "Quillwort briefing") == [], url
    for url in ["/", "/es/"]:
        menus = client.get(url).content.decode()
        assert 'href="/lead/"' not in menus and 'href="/es/lead/"' not in menus, url


@pytest.fixture
def published_report(feedback_page, django_user_model):
    moderator = django_user_model.objects.create_superuser("moderator", "m@example.org", "x")
    sync_spanish_tree()
    return moderation.approve(ReportFactory(), moderator, "Zanzibar-report: it went well.")


@pytest.mark.parametrize("how", HOW)
def test_the_reports_of_a_feedback_page_the_public_cannot_read_show_nowhere(
    client, published_report, keep_from_the_public, how
):
    page = FeedbackPage.objects.get(locale__language_code="en")
    assert client.get(f"/flag/report/{published_report.public_id}/").status_code == 200
    keep_from_the_public(page, how)
    for prefix in ["", "/es"]:
        for path in ["published/", "published/reports.csv", "published/feed.atom"]:
            response = client.get(f"{prefix}/feedback/{path}")
            assert not response.streaming and not served_to_anyone(response), (prefix, path)
            assert "Zanzibar-report" not in response.content.decode()
    response = client.get(f"/flag/report/{published_report.public_id}/")
    assert response.status_code == 404
    assert "Zanzibar-report" not in response.content.decode()


def test_reports_stay_reportable_while_one_language_of_the_feedback_page_is_public(
    client, published_report, keep_from_the_public
):
    from home.demo.build import translate_page

    english = FeedbackPage.objects.get(locale__language_code="en")
    translate_page(english, Locale.objects.get(language_code="es"), {"title": "Cuéntenos"})
    keep_from_the_public(english, "login")
    response = client.get(f"/es/flag/report/{published_report.public_id}/")
    assert response.status_code == 200
    assert 'href="/es/feedback/published/#report-' in response.content.decode()


def test_the_lists_and_the_pages_agree_on_what_anyone_may_read(
    client, site, feedback_page, keep_from_the_public
):
    """One rule: what the public lists show is what Wagtail serves to anyone, page by
    page, with restrictions on a section, a page, an original and a feedback page."""
    sync_spanish_tree()
    keep_from_the_public(site["section"], "login")
    keep_from_the_public(site["story"], "password")
    keep_from_the_public(feedback_page, "not live")
    listed = set(
        page_tree.public_pages(Page.objects.filter(depth__gt=1)).values_list("pk", flat=True)
    )
    anonymous = type("Request", (), {"user": AnonymousUser(), "session": {}})()
    for page in Page.objects.filter(depth__gt=1).specific():
        served = served_to_anyone(client.get(page.url))
        assert (page.pk in listed) == served == page_tree.open_to(None, page), page.url
        assert page_tree.open_to(anonymous, page) == served, page.url
    assert {page.url for page in Page.objects.filter(pk__in=listed)} >= {"/news/", "/es/news/"}

"""A page the page cache cannot answer whole (a page with a form, a visitor with a session)
is still built from kept parts: its body is rendered once per version of what it shows,
and every change to that shows at once. A preview shows the draft, and a part holding one
visitor's CSRF token or CSP nonce is never kept. Which view restrictions apply to a page is
known without a query, and a restriction added or removed applies at once. What one resident
typed into a form sent back to them is never kept for another."""

import re

import pytest
from django.db import connection
from django.middleware.csrf import _unmask_cipher_token
from django.template import Context, RequestContext, Template
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from portal.caching import invalidation
from tests.factories import ExplainerIndexPageFactory, ExplainerPageFactory, paragraph
from tests.publicdata_helpers import REFERRALS_V2, publish_csv, referrals  # noqa: F401
from tests.test_page_cache import chart, chart_page  # noqa: F401


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 3600


@pytest.fixture
def visitor(client):
    """A visitor with a session cookie: the page cache never answers them."""
    client.cookies["sessionid"] = "no-such-session"
    return client


@pytest.fixture
def explainer(home):
    page = ExplainerPageFactory(
        parent=home, title="Your rights", slug="your-rights", comments_open=False
    )
    page.body = [paragraph("You can say no to a search.")]
    page.save_revision().publish()
    return page


def built(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response  # built, not answered by the page cache
    return response.content.decode(), [query["sql"] for query in queries]


def article(html):
    return html.split("<article")[1].split("</article>")[0]


def test_a_page_built_again_takes_its_body_from_the_kept_part(visitor, chart_page):  # noqa: F811
    first, first_queries = built(visitor, chart_page.url)
    again, again_queries = built(visitor, chart_page.url)
    assert any("publicdata_chart" in sql for sql in first_queries)
    assert not any("publicdata_" in sql for sql in again_queries)
    assert article(again) == article(first)
    assert "Referrals each month" in article(again)


def test_a_published_edit_shows_in_a_built_page_at_once(
    visitor, explainer, django_capture_on_commit_callbacks
):
    assert "You can say no to a search." in built(visitor, explainer.url)[0]
    explainer.body = [paragraph("Ask whether you are free to leave.")]
    with django_capture_on_commit_callbacks(execute=True):
        explainer.save_revision().publish()
    html, _ = built(visitor, explainer.url)
    assert "Ask whether you are free to leave." in html
    assert "You can say no to a search." not in html


def test_a_new_release_shows_in_the_chart_of_a_built_page_at_once(
    visitor,
    chart_page,  # noqa: F811
    referrals,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    before, _ = built(visitor, chart_page.url)
    with django_capture_on_commit_callbacks(execute=True):
        publish_csv(referrals, REFERRALS_V2, note="February corrected.")
    after, _ = built(visitor, chart_page.url)
    assert article(after) != article(before)
    assert "46" in article(after)


def test_editing_a_chart_shows_in_a_built_page_at_once(
    visitor,
    chart,  # noqa: F811
    chart_page,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    built(visitor, chart_page.url)
    chart.title = "People referred each month"
    with django_capture_on_commit_callbacks(execute=True):
        chart.save()
    assert "People referred each month" in built(visitor, chart_page.url)[0]


def test_a_preview_shows_the_draft_and_the_public_page_keeps_the_published_text(visitor, explainer):
    built(visitor, explainer.url)  # the published body is kept
    explainer.body = [paragraph("A draft nobody has approved.")]
    revision = explainer.save_revision()
    preview = revision.as_object().make_preview_request()
    assert "A draft nobody has approved." in preview.content.decode()
    html, _ = built(visitor, explainer.url)
    assert "A draft nobody has approved." not in html
    assert "You can say no to a search." in html
    # Nor is one draft's preview kept for the next draft.
    explainer.body = [paragraph("A second draft.")]
    second = explainer.save_revision().as_object().make_preview_request().content.decode()
    assert "A second draft." in second and "A draft nobody has approved." not in second


def test_a_part_with_a_csrf_token_is_never_kept_for_another_visitor(rf, explainer):
    secrets = ["a" * 32, "b" * 32]
    tokens = []
    for secret in secrets:
        request = rf.get(explainer.url)
        request.META["CSRF_COOKIE"] = secret
        html = Template(
            "{% load page_parts %}{% page_part page %}{% csrf_token %}{% end_page_part %}"
        ).render(RequestContext(request, {"page": explainer}))
        tokens.append(html.split('value="')[1].split('"')[0])
        # The token still tells the response to send the visitor's cookie.
        assert request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    assert [_unmask_cipher_token(token) for token in tokens] == secrets


def test_a_part_with_the_requests_nonce_is_never_kept_for_another_request(rf, explainer):
    template = Template(
        '{% load page_parts %}{% page_part page %}<script nonce="{{ nonce }}"></script>'
        "{% end_page_part %}"
    )
    for nonce in ["first-nonce", "second-nonce"]:
        request = rf.get(explainer.url)
        request._csp_nonce = nonce
        html = template.render(Context({"request": request, "page": explainer, "nonce": nonce}))
        assert f'nonce="{nonce}"' in html


def test_a_page_no_restriction_applies_to_is_served_without_asking_the_database(visitor, explainer):
    _, first = built(visitor, explainer.url)
    _, again = built(visitor, explainer.url)
    assert any("wagtailcore_pageviewrestriction" in sql for sql in first)
    assert not any("wagtailcore_pageviewrestriction" in sql for sql in again)


def test_a_restriction_applies_to_a_built_page_at_once_and_ends_at_once(
    visitor, home, django_capture_on_commit_callbacks
):
    section = ExplainerIndexPageFactory(parent=home, title="Staff notes", slug="notes")
    page = ExplainerPageFactory(parent=section, title="Rota", slug="rota", comments_open=False)
    for _ in range(2):
        built(visitor, page.url)
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=section, restriction_type=PageViewRestriction.LOGIN
        )
    for _ in range(2):
        response = visitor.get(page.url)
        assert response.status_code == 302  # to the sign-in page
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert "Rota" in built(visitor, page.url)[0]


def test_a_comment_published_or_hidden_shows_at_once_on_a_page_with_a_comment_form(
    visitor, home, django_capture_on_commit_callbacks
):
    from feedback.comments import flags
    from feedback.models import CommentStatus
    from tests.factories import CommentFactory

    page = ExplainerPageFactory(parent=home, title="What is LEAD?", comments_open=True)
    held = CommentFactory(page=page, body="Is LEAD in Sandtown?", status=CommentStatus.NEW)
    for _ in range(2):  # built for a visitor with a session: the list is kept
        html, _ = built(visitor, page.url)
        assert "No comments yet." in html and "Is LEAD in Sandtown?" not in html
    held.status = CommentStatus.PUBLISHED
    with django_capture_on_commit_callbacks(execute=True):
        held.save()
    html, queries = built(visitor, page.url)
    assert "Is LEAD in Sandtown?" in html and "1 comment" in html
    assert any("feedback_comment" in sql for sql in queries)  # read again after the change
    _, queries = built(visitor, page.url)
    assert not any("feedback_comment" in sql for sql in queries)
    with django_capture_on_commit_callbacks(execute=True):
        flags.hide(held)
    html, _ = built(visitor, page.url)
    assert "Is LEAD in Sandtown?" not in html and "No comments yet." in html


def test_visitors_of_a_kept_comment_form_each_get_their_own_tokens(home, settings):
    from django.test import Client

    from feedback.models import Comment

    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    page = ExplainerPageFactory(parent=home, title="What is LEAD?", comments_open=True)
    visitors = [Client(enforce_csrf_checks=True) for _ in range(3)]
    forms = [visitor.get(page.url).content.decode() for visitor in visitors]
    form_tokens = [re.search(r'name="form_token" value="([^"]+)"', form)[1] for form in forms]
    csrf_tokens = [re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', f)[1] for f in forms]
    assert len(set(form_tokens)) == 3
    for number, (visitor, form_token, csrf_token) in enumerate(
        zip(visitors, form_tokens, csrf_tokens, strict=True)
    ):
        sent = visitor.post(
            page.url,
            {
                "csrfmiddlewaretoken": csrf_token,
                "form_token": form_token,
                "display_name": "",
                "body": f"Question number {number} about the pilot area.",
                "parent": "",
                "website": "",
            },
        )
        assert sent.status_code == 302, sent.content.decode()[:500]
    # Three forms, three comments: none taken for a second sending of another's form.
    assert Comment.objects.filter(page=page).count() == 3


def test_residents_of_a_kept_report_form_each_get_their_own_token_and_every_report_is_stored(
    feedback_page,
):
    from django.test import Client

    from feedback.models import Neighbourhood, Report
    from tests.feedback_helpers import FORM_URL, report_data

    place = Neighbourhood.objects.get(name="Seton Hill")
    residents = [Client(headers={"x-forwarded-for": f"10.0.0.{number}"}) for number in range(1, 4)]
    forms = [report_data(resident, place) for resident in residents]
    assert len({form["form_token"] for form in forms}) == 3
    for number, (resident, form) in enumerate(zip(residents, forms, strict=True)):
        form["account"] = f"Resident {number}: the officer explained LEAD to me."
        sent = resident.post(FORM_URL, form)
        assert sent.status_code == 200 and "receipt-code" in sent.content.decode()
    assert Report.objects.count() == 3


def test_a_neighbourhood_added_or_renamed_is_on_the_kept_report_form_at_once(
    client, feedback_page, django_capture_on_commit_callbacks
):
    from feedback.models import Neighbourhood
    from tests.factories import NeighbourhoodFactory
    from tests.feedback_helpers import FORM_URL

    for _ in range(2):
        assert "Poppleton" in client.get(FORM_URL).content.decode()
    place = Neighbourhood.objects.get(name="Poppleton")
    place.name = "Poppleton and Hollins Market"
    with django_capture_on_commit_callbacks(execute=True):
        place.save()
        NeighbourhoodFactory(name="Upton")
    html = client.get(FORM_URL).content.decode()
    assert "Poppleton and Hollins Market" in html and "Upton" in html


def test_what_a_resident_typed_into_a_report_form_sent_back_is_never_kept_for_another(
    feedback_page,
):
    from django.test import Client

    from feedback.models import Neighbourhood
    from tests.feedback_helpers import FORM_URL, report_data

    resident, next_resident = Client(), Client()
    sent = report_data(resident, Neighbourhood.objects.get(name="Seton Hill"))
    # The first thing built after a change: nothing of the form is kept yet.
    invalidation.invalidate("pages")
    sent.update(form_token="", contact_email="resident.private@example.org")
    back = resident.post(FORM_URL, sent)
    assert back.status_code == 400
    assert "resident.private@example.org" in back.content.decode()  # kept for them
    html = next_resident.get(FORM_URL).content.decode()
    assert "resident.private@example.org" not in html
    assert "The officer explained LEAD" not in html

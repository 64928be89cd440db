"""Pages with a form (explainers and news with the comment form, the report form, the
status lookup) come from the page cache like every other page, kept with stand-ins for
each visitor's values (portal/caching/form_pages.py): each visitor gets their own CSRF token, CSRF
cookie and form token, and can send the form with Django's CSRF checks on; the kept copy
holds no visitor's token; a hit reads nothing from the database; no CDN or other browser
keeps a page with a visitor's token; a signed-in staff member never gets a kept copy nor
leaves one; a published change shows at once. The page that answers a report is kept whole
the same way with a stand-in for the receipt code."""

import gzip
import random
import re
import string
from collections import Counter

import pytest
from django.core.cache import cache
from django.middleware.csrf import CSRF_ALLOWED_CHARS, _unmask_cipher_token
from django.test import Client

from feedback.models import Comment, CommentStatus, Neighbourhood, Report
from portal.caching import form_pages
from portal.caching.form_pages import fixed_pieces
from tests.factories import CommentFactory, ExplainerPageFactory
from tests.feedback_helpers import FORM_URL

# Signed tokens, masked CSRF tokens: longer than anything else in a hidden field.
TOKEN = re.compile(r'name="(csrfmiddlewaretoken|form_token)" value="([^"]{20,})"')


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 3600
    settings.FEEDBACK_MIN_FILL_SECONDS = 0


@pytest.fixture
def explainer(home):
    return ExplainerPageFactory(
        parent=home, title="What is LEAD?", slug="what-is-lead", comments_open=True
    )


def resident(number):
    return Client(enforce_csrf_checks=True, headers={"x-forwarded-for": f"10.0.1.{number}"})


def tokens(html):
    found = dict(TOKEN.findall(html))
    return found["csrfmiddlewaretoken"], found["form_token"]


def without_tokens(html):
    for token in tokens(html):
        html = html.replace(token, "")
    return html


def kept_pages():
    """Every page kept with stand-ins in the (local memory) cache of the tests: by the page
    cache, and the answers to a report."""
    entries = [
        cache.get(key.split(":", 2)[2])
        for key in list(cache._cache)  # noqa: SLF001 (what the cache holds, as stored)
        if ":page-cache:page:" in key or ":form-page:" in key
    ]
    return [entry for entry in entries if entry and ("values" in entry or "stand_ins" in entry)]


def kept_text(entry):
    """A kept copy's page without the values filled in for each visitor."""
    if "values" in entry:
        return b"".join(fixed_pieces(entry)).decode()
    return entry["content"]


def comment(visitor, page, html, body):
    csrf_token, form_token = tokens(html)
    fields = {"display_name": "", "body": body, "parent": "", "website": ""}
    fields.update(csrfmiddlewaretoken=csrf_token, form_token=form_token)
    return visitor.post(page.url, fields)


def test_each_visitor_gets_the_cached_explainer_with_their_own_tokens_and_can_comment(
    explainer, django_assert_num_queries
):
    visitors = [resident(number) for number in range(1, 5)]
    first = visitors[0].get(explainer.url)
    assert first["X-Page-Cache"] == "miss"
    answers = [first]
    for visitor in visitors[1:]:
        with django_assert_num_queries(0):
            answers.append(visitor.get(explainer.url))
        assert answers[-1]["X-Page-Cache"] == "hit"
    pages = [answer.content.decode() for answer in answers]
    assert len({tokens(page) for page in pages}) == 4
    assert len({token for page in pages for token in tokens(page)}) == 8
    assert len({without_tokens(page) for page in pages}) == 1
    # Each visitor's token is made from their own CSRF cookie, set with the answer.
    for visitor, page in zip(visitors, pages, strict=True):
        csrf_token = tokens(page)[0]
        assert _unmask_cipher_token(csrf_token) == visitor.cookies["csrftoken"].value

    for number, (visitor, page) in enumerate(zip(visitors, pages, strict=True)):
        sent = comment(visitor, explainer, page, f"Question {number} about the pilot area.")
        assert sent.status_code == 302, sent.content.decode()[:300]
    assert Comment.objects.filter(page=explainer).count() == 4


def test_a_token_from_another_visitor_is_refused(explainer):
    first, second = resident(1), resident(2)
    page = first.get(explainer.url).content.decode()
    second.get(explainer.url)
    refused = comment(second, explainer, page, "Sent with somebody else's form.")
    assert refused.status_code == 403
    assert not Comment.objects.exists()


def test_the_cached_explainer_holds_no_visitors_token(explainer):
    visitors = [resident(number) for number in (1, 2, 3)]
    pages = [visitor.get(explainer.url).content.decode() for visitor in visitors]
    (kept,) = kept_pages()
    text = kept_text(kept)
    assert "What is LEAD?" in text
    for page in pages:
        for token in tokens(page):
            assert token not in text
    # Nor any other token: the kept page has the places for them, empty.
    assert TOKEN.findall(text) == []
    assert 'name="csrfmiddlewaretoken" value=""' in text
    assert 'name="form_token" value=""' in text
    assert kept["values"] == ["csrf_token", "form_token"]


def test_a_cached_page_with_a_form_is_never_kept_by_a_cdn_and_sets_the_csrf_cookie(explainer):
    for expected in ("miss", "hit"):
        visitor = resident(1)
        response = visitor.get(explainer.url)
        assert response["X-Page-Cache"] == expected
        assert response["Cache-Control"] == "private, no-cache"
        assert "ETag" not in response
        assert "Cookie" in response["Vary"]
        cookie = response.cookies["csrftoken"]
        assert cookie.value and cookie["samesite"] == "Lax"
        # Asked again with the cookie: the same secret, a new mask.
        again = visitor.get(explainer.url)
        assert again.cookies["csrftoken"].value == cookie.value
        assert tokens(again.content.decode())[0] != tokens(response.content.decode())[0]


def test_a_cached_page_with_a_form_is_sent_compressed_with_the_visitors_tokens(explainer):
    plain = resident(1).get(explainer.url).content.decode()
    for expected in ("miss", "hit"):
        visitor = resident(2)
        response = visitor.get(explainer.url, headers={"accept-encoding": "gzip"})
        assert response["X-Page-Cache"] == expected
        assert response["Content-Encoding"] == "gzip"
        assert int(response["Content-Length"]) == len(response.content)
        page = gzip.decompress(response.content).decode()
        assert without_tokens(page) == without_tokens(plain)
        # Each token is sent as typed, never compressed beside the page (BREACH).
        for token in tokens(page):
            assert token.encode() in response.content
        sent = comment(visitor, explainer, page, "Sent from a compressed page.")
        assert sent.status_code == 302


def test_a_published_change_shows_on_the_cached_explainer_at_once(
    explainer, django_capture_on_commit_callbacks
):
    resident(1).get(explainer.url)
    assert resident(2).get(explainer.url)["X-Page-Cache"] == "hit"
    explainer.title = "What LEAD is"
    with django_capture_on_commit_callbacks(execute=True):
        explainer.save_revision().publish()
    page = resident(3).get(explainer.url)
    assert page["X-Page-Cache"] == "miss" and "What LEAD is" in page.content.decode()
    held = CommentFactory(page=explainer, body="Is LEAD in Sandtown?", status=CommentStatus.NEW)
    assert resident(4).get(explainer.url)["X-Page-Cache"] == "hit"
    held.status = CommentStatus.PUBLISHED
    with django_capture_on_commit_callbacks(execute=True):
        held.save()
    page = resident(5).get(explainer.url)
    assert page["X-Page-Cache"] == "miss" and "Is LEAD in Sandtown?" in page.content.decode()


def test_a_signed_in_staff_member_never_gets_a_cached_page_nor_leaves_one(
    explainer, feedback_page, django_user_model
):
    staff = Client()
    staff.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "pw"))
    for url in (explainer.url, FORM_URL):
        first = staff.get(url)
        assert "X-Page-Cache" not in first and "wagtail-userbar" in first.content.decode()
        visitor = resident(1).get(url)
        assert visitor["X-Page-Cache"] == "miss"  # the staff member's page was not kept
        assert "wagtail-userbar" not in visitor.content.decode()
        again = staff.get(url)
        assert "X-Page-Cache" not in again and "wagtail-userbar" in again.content.decode()
    for entry in kept_pages():
        assert "wagtail-userbar" not in kept_text(entry)


def test_each_resident_gets_the_kept_report_form_with_their_own_tokens_and_can_send_it(
    feedback_page,
):
    residents = [resident(number) for number in range(1, 5)]
    answers = [visitor.get(FORM_URL) for visitor in residents]
    assert all(answer.status_code == 200 for answer in answers)
    assert answers[0].templates  # built
    assert all(not answer.templates for answer in answers[1:])  # the kept copy, no template
    pages = [answer.content.decode() for answer in answers]
    assert len({tokens(page) for page in pages}) == 4
    assert len({token for page in pages for token in tokens(page)}) == 8
    assert len({without_tokens(page) for page in pages}) == 1

    place = Neighbourhood.objects.get(name="Seton Hill")
    for number, (visitor, page) in enumerate(zip(residents, pages, strict=True)):
        csrf_token, form_token = tokens(page)
        sent = visitor.post(
            FORM_URL,
            {
                "csrfmiddlewaretoken": csrf_token,
                "form_token": form_token,
                "interaction_date": "2026-10-14",
                "neighbourhood": str(place.pk),
                "interaction_type": "stopped",
                "lead_mentioned": "yes",
                "account": f"Resident {number}: the officer explained the program to me.",
                "consent_to_publish": "yes",
                "website": "",
            },
        )
        # The CSRF check passes with the token filled in for this resident's cookie.
        assert sent.status_code == 200, sent.content.decode()[:300]
        assert "receipt-code" in sent.content.decode()
    assert Report.objects.count() == 4


def test_the_kept_report_form_holds_no_visitors_token(feedback_page):
    visitors = [resident(number) for number in (1, 2)]
    pages = [visitor.get(FORM_URL).content.decode() for visitor in visitors]
    (kept,) = kept_pages()
    text = kept_text(kept)
    for page in pages:
        for token in tokens(page):
            assert token not in text
    assert TOKEN.findall(text) == []
    assert kept["values"] == ["csrf_token", "form_token"]


def test_the_kept_thank_you_page_holds_no_receipt_code(feedback_page):
    from tests.feedback_helpers import receipt_code, report_data

    place = Neighbourhood.objects.get(name="Seton Hill")
    answers = []
    for number in (1, 2, 3):
        visitor = Client(headers={"x-forwarded-for": f"10.0.2.{number}"})
        answers.append(visitor.post(FORM_URL, report_data(visitor, place)))
    assert answers[0].templates and not answers[2].templates  # built, then the kept copy
    codes = [receipt_code(answer) for answer in answers]
    assert sorted(codes) == sorted(report.display_code for report in Report.objects.all())
    pages = [answer.content.decode() for answer in answers]
    assert len({page.replace(code, "") for page, code in zip(pages, codes, strict=True)}) == 1
    (kept,) = [entry for entry in kept_pages() if "receipt-code" in kept_text(entry)]
    for code in codes:
        assert code not in kept["content"]
    assert kept["content"].count(kept["stand_ins"]["receipt_code"]) == 1


def test_a_published_change_to_the_page_is_on_the_kept_form_at_once(
    feedback_page, django_capture_on_commit_callbacks
):
    assert "Tell us what happened" not in resident(1).get(FORM_URL).content.decode()
    resident(2).get(FORM_URL)
    feedback_page.intro = "<p>Tell us what happened, in your own words.</p>"
    with django_capture_on_commit_callbacks(execute=True):
        feedback_page.save_revision().publish()
    assert "Tell us what happened" in resident(3).get(FORM_URL).content.decode()


def test_the_captcha_turned_on_is_on_a_form_kept_without_it(feedback_page, settings):
    for number in (1, 2):
        assert "recaptcha" not in resident(number).get(FORM_URL).content.decode()
    settings.RECAPTCHA_PUBLIC_KEY, settings.RECAPTCHA_PRIVATE_KEY = "site-key", "secret-key"
    assert "https://www.google.com/recaptcha/api.js" in resident(3).get(FORM_URL).content.decode()
    settings.RECAPTCHA_PUBLIC_KEY = settings.RECAPTCHA_PRIVATE_KEY = ""
    assert "recaptcha" not in resident(4).get(FORM_URL).content.decode()


def test_a_new_csrf_secret_and_mask_draw_every_allowed_character_equally():
    # 2,000 of each of the 62 characters expected: a byte taken modulo 62 without drawing
    # again would give the first eight about 2,480 each.
    drawn = form_pages._random_csrf_chars(62 * 2000)
    counts = Counter(drawn)
    assert set(counts) == set(CSRF_ALLOWED_CHARS)
    assert min(counts.values()) > 1700 and max(counts.values()) < 2300


def test_a_page_kept_compressed_is_answered_with_a_valid_gzip_stream_of_any_size(rf):
    # Pieces longer than the zeros the checksum is carried over with (64 KiB), and short ones.
    long_piece = "".join(random.choices(string.printable, k=200_000))
    stand_ins = {"csrf_token": form_pages.new_stand_in()}
    text = f"<p>{long_piece}</p>{stand_ins['csrf_token']}<p>é ünïcode</p>"
    kept = form_pages.kept_copy(text, stand_ins, compressed=True)
    assert kept["fixed"] is None
    assert sum(map(len, kept["deflated"])) < len(long_piece)
    request = rf.get("/")
    body = gzip.decompress(form_pages.body_for(request, kept)).decode()
    token = request.META["CSRF_COOKIE"]
    assert body.startswith(f"<p>{long_piece}</p>") and body.endswith("<p>é ünïcode</p>")
    filled = body.removeprefix(f"<p>{long_piece}</p>").removesuffix("<p>é ünïcode</p>")
    assert _unmask_cipher_token(filled) == token
    assert b"".join(form_pages.fixed_pieces(kept)).decode() == text.replace(
        stand_ins["csrf_token"], ""
    )

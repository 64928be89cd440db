"""The report form as every resident first gets it, and the page that answers it, are kept
whole (home/form_pages.py), and each resident gets them with their own CSRF token, form
token or receipt code filled in: the kept copy never holds any visitor's, every form
handed out can be sent once, a signed-in staff member never gets a kept copy (nor a
visitor their user bar), and a change to what the page shows reaches it at once."""

import re

import pytest
from django.core.cache import cache
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client

from feedback.abuse import FormTokenError, read_form_token
from feedback.models import Neighbourhood, Report
from tests.feedback_helpers import FORM_URL


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 3600


def resident(number):
    return Client(enforce_csrf_checks=True, headers={"x-forwarded-for": f"10.0.1.{number}"})


def tokens(html):
    return (
        re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1],
        re.search(r'name="form_token" value="([^"]+)"', html)[1],
    )


def without_tokens(html):
    for token in tokens(html):
        html = html.replace(token, "")
    return html


def kept_pages():
    """Every form page kept in the (local memory) cache of the tests."""
    return [
        cache.get(key.split(":", 2)[2])
        for key in list(cache._cache)  # noqa: SLF001 (what the cache holds, as stored)
        if ":form-page:" in key
    ]


def test_each_resident_gets_the_kept_form_with_their_own_tokens_and_can_send_it(feedback_page):
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


def test_the_kept_form_holds_no_visitors_token(feedback_page):
    visitors = [resident(number) for number in (1, 2)]
    pages = [visitor.get(FORM_URL).content.decode() for visitor in visitors]
    secrets = {visitor.cookies["csrftoken"].value for visitor in visitors}
    (kept,) = kept_pages()
    for page in pages:
        for token in tokens(page):
            assert token not in kept["content"]
    # Nor any other token: its CSRF token belongs to no visitor's cookie, and its form
    # token is no token at all.
    csrf_token, form_token = tokens(kept["content"])
    assert _unmask_cipher_token(csrf_token) not in secrets
    with pytest.raises(FormTokenError, match="invalid"):
        read_form_token(form_token, 0, 3600)
    for stand_in in kept["stand_ins"].values():
        assert kept["content"].count(stand_in) == 1


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
    (kept,) = [entry for entry in kept_pages() if "receipt-code" in entry["content"]]
    for code in codes:
        assert code not in kept["content"]
    assert kept["content"].count(kept["stand_ins"]["receipt_code"]) == 1


def test_a_signed_in_staff_member_never_gets_the_kept_form_nor_a_visitor_their_bar(
    feedback_page, django_user_model
):
    staff = Client()
    staff.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "pw"))
    visitor = resident(1)
    assert "wagtail-userbar" not in visitor.get(FORM_URL).content.decode()
    assert "wagtail-userbar" in staff.get(FORM_URL).content.decode()
    assert "wagtail-userbar" not in resident(2).get(FORM_URL).content.decode()
    assert "wagtail-userbar" in staff.get(FORM_URL).content.decode()


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

"""A resident who writes that they are in danger, or says they need help now, sees the
crisis lines at once, and moderators see their report first; the report is stored and
moderated as any other, and nothing public says it was one."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import Site

from feedback.models import OutreachSettings, Report, WordRule
from feedback.moderation import decisions as moderation
from feedback.moderation.crisis import signs
from feedback.permissions import FEEDBACK_MODERATORS
from tests.factories import ReportFactory
from tests.feedback_helpers import (
    FORM_URL,
    feedback_page,  # noqa: F401 (fixture)
    receipt_code,
    report_data,
)

CRISIS_WORDS = [
    "I nearly OVERDOSED last week and the officer just walked off.",
    "Honestly I think about suicide a lot since then.",
    "I'm not safe where I sleep and I told him so.",
    "I don't feel safe going home.",
    "i am in danger",
    "Tuve una sobredosis y el agente llamó a la ambulancia.",
    "A veces quiero quitarme la vida.",
    "No me siento segura en mi casa.",
    "Estoy en PELIGRO, se lo dije al policía.",
    "No estoy a salvo en la calle.",
]
ORDINARY_WORDS = [
    "The officer was polite and explained LEAD to me.",
    "No estoy seguro de la fecha, pero fue en octubre.",
    "He said the area was not safe for parking after dark.",
    "The officer asked if I was safe and I said yes.",
]


@pytest.fixture
def place(feedback_page):  # noqa: F811 (fixture)
    from feedback.models import Neighbourhood

    return Neighbourhood.objects.get(name="Seton Hill")


def send(client, place, **overrides):
    return client.post(FORM_URL, report_data(client, place, **overrides))


def leads_with_crisis_lines(response):
    html = response.content.decode()
    main = html[html.index("<main") :]
    return (
        'class="callout callout--warning help-now"' in main
        and main.index("help-now") < main.index("receipt-code")
        and 'href="tel:911"' in main
        and 'href="tel:988"' in main
    )


@pytest.mark.parametrize("account", CRISIS_WORDS)
def test_words_of_crisis_in_english_or_spanish_show_the_crisis_lines_first(client, place, account):
    response = send(client, place, account=account)
    assert response.status_code == 200
    assert receipt_code(response)
    assert leads_with_crisis_lines(response)
    report = Report.objects.get()
    assert report.possible_crisis and report.status == "new"
    assert [sign["code"] for sign in report.crisis_signs] == ["crisis_words"]


@pytest.mark.parametrize("account", ORDINARY_WORDS)
def test_ordinary_reports_are_not_marked(client, place, account):
    response = send(client, place, account=account)
    assert not leads_with_crisis_lines(response)
    assert "help-now" not in response.content.decode()
    assert not Report.objects.get().possible_crisis


def test_a_resident_who_says_they_need_help_now_sees_the_crisis_lines_first(client, place):
    response = send(client, place, help_now="yes")
    assert leads_with_crisis_lines(response)
    assert Report.objects.get().crisis_signs[0]["code"] == "asked_for_help"
    # The next resident's thank-you page, kept by the page cache, is the ordinary one.
    other = Client()
    assert not leads_with_crisis_lines(send(other, place, help_now="no"))
    assert leads_with_crisis_lines(send(Client(), place, help_now="yes"))


def test_an_answer_that_is_neither_yes_nor_no_gets_a_clear_message(client, place):
    response = send(client, place, help_now="maybe")
    assert response.status_code == 400
    assert "Choose yes or no, or leave it unanswered." in response.content.decode()
    assert not Report.objects.exists()


def test_a_word_rule_can_add_a_crisis_phrase(client, place):
    WordRule.objects.create(phrase="fentanyl", action="crisis", note="Overdose risk")
    send(client, place, account="He found FENTANYL on my friend and left him there.")
    report = Report.objects.get()
    assert report.possible_crisis and report.status == "new"
    assert report.held_reasons == []  # a crisis rule holds nothing back


def test_a_crisis_is_never_blocked_even_when_a_word_rule_rejects_the_words(client, place):
    WordRule.objects.create(phrase="pig", action="reject")
    response = send(client, place, account="That pig said I could overdose for all he cared.")
    assert receipt_code(response) and leads_with_crisis_lines(response)
    report = Report.objects.get()
    assert report.possible_crisis and report.status == "rejected"


def test_signs_point_at_the_words_for_the_review_screen(db):
    text = "Since then I want to die, honestly."
    (sign,) = signs(text)
    [[start, end]] = sign["matches"]
    assert text[start:end] == "want to die"


@pytest.fixture
def moderator_client(django_user_model, feedback_page):  # noqa: F811 (fixture)
    user = django_user_model.objects.create_user("mo", "mo@example.org", "pw")
    user.groups.add(Group.objects.get(name=FEEDBACK_MODERATORS))
    client = Client()
    client.force_login(user)
    return client


def test_moderators_get_possible_crises_first_in_the_queue(moderator_client):
    older = ReportFactory(account="An older ordinary report.")
    crisis = ReportFactory(
        account="I overdosed that night.",
        possible_crisis=True,
        crisis_signs=signs("I overdosed that night."),
    )
    newer = ReportFactory(account="A newer ordinary report.")
    html = moderator_client.get("/admin/moderation/").content.decode()
    rows = re.findall(r"/admin/snippets/feedback/report/edit/(\d+)/", html)
    assert rows == [str(crisis.pk), str(older.pk), str(newer.pk)]
    assert html.count("Possible crisis") == 1
    # The mark says nothing of what was written.
    assert "overdosed" not in html


def test_the_review_screen_shows_the_programs_crisis_guidance(moderator_client):
    settings = OutreachSettings.for_site(Site.objects.get(is_default_site=True))
    settings.crisis_guidance = "<p>Call the duty case manager on 410-555-0142.</p>"
    settings.save()
    report = ReportFactory(
        account="I want to die.", possible_crisis=True, crisis_signs=signs("I want to die.")
    )
    html = moderator_client.get(f"/admin/snippets/feedback/report/edit/{report.pk}/").content
    html = html.decode()
    assert "Possible crisis" in html
    assert "Call the duty case manager on 410-555-0142." in html
    assert "Words that may mean a crisis" in html


def test_nothing_public_says_a_report_was_a_possible_crisis(client, place, admin_user):
    response = send(client, place, account="I am not safe. The officer helped me.")
    report = Report.objects.get()
    moderation.approve(report, admin_user, "The officer helped me.")
    status = client.post("/feedback/status/", {"code": receipt_code(response)})
    for page in [
        status,
        client.get("/feedback/published/"),
        client.get("/feedback/published/reports.csv"),
        client.get("/feedback/published/feed.atom"),
    ]:
        text = page.content.decode().casefold() if not page.streaming else ""
        if page.streaming:
            text = b"".join(page.streaming_content).decode().casefold()
        assert "crisis" not in text and "not safe" not in text

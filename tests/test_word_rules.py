"""Word rules, links and repeats: what residents write is screened as it arrives.

A rejecting rule refuses a report at once; a holding rule, a link or a repeat holds it
with the reason, which the moderator sees with the matches highlighted.
"""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, strategies
from hypothesis import settings as hypothesis_settings
from wagtail.models import ModelLogEntry

from feedback.models import Comment, Neighbourhood, Report, WordRule
from feedback.moderation.review import original_with_highlights
from feedback.moderation.screening import find_links, fingerprint, highlight, normalise, screen
from feedback.permissions import FEEDBACK_MODERATORS, ensure_groups
from tests.factories import ReportFactory
from tests.feedback_helpers import FORM_URL, receipt_code, report_data

RULES_URL = "/admin/snippets/feedback/wordrule/"


def reject(phrase):
    return WordRule.objects.create(phrase=phrase, action="reject")


def hold(phrase):
    return WordRule.objects.create(phrase=phrase, action="hold")


def matched(text, finding):
    return [text[start:end] for start, end in finding.matches]


def only(screening, code):
    (finding,) = [finding for finding in screening.findings if finding.code == code]
    return finding


@pytest.fixture
def seton_hill(feedback_page):
    return Neighbourhood.objects.get(name="Seton Hill")


@pytest.fixture
def superuser(django_user_model, feedback_page):
    return django_user_model.objects.create_superuser("admin", "mod@example.org", "pw")


def send(client, place, account):
    return client.post(FORM_URL, report_data(client, place, account=account))


def sent(client, place, account):
    """The stored receipt code of a report ``account`` sent through the form."""
    response = send(client, place, account)
    assert response.status_code == 200
    return re.sub(r"[^0-9A-Z]", "", receipt_code(response))


# Reports sent through the form --------------------------------------------------------


def test_a_rejecting_word_rejects_the_report_as_abusive_without_telling_anyone(
    client, seton_hill, superuser, django_capture_on_commit_callbacks
):
    reject("idiot")
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, seton_hill, "The officer called me an IDIOT in front of my kids.")
    assert response.status_code == 200
    code = receipt_code(response)
    assert code  # the resident still gets a receipt
    report = Report.objects.get()
    assert report.status == "rejected"
    assert report.rejection_reason == "abusive"
    assert report.moderated_by is None and report.moderated_at is not None
    assert "“idiot”" in report.rejection_note
    assert [reason["code"] for reason in report.held_reasons] == ["word_reject"]
    entry = ModelLogEntry.objects.get(object_id=str(report.pk), action="feedback.auto_reject")
    assert entry.user_id is None
    assert entry.data["rules"] == ["idiot"]
    assert mail.outbox == []

    status = client.post("/feedback/status/", {"code": code}).content.decode()
    assert "Not published" in status and "Abusive" in status


def test_the_automatic_rejection_is_in_the_reports_history(client, seton_hill, superuser):
    reject("idiot")
    send(client, seton_hill, "What an idiot.")
    report = Report.objects.get()
    client.force_login(superuser)
    history = client.get(reverse("wagtailsnippets_feedback_report:history", args=[report.pk]))
    assert "Rejected automatically by a word rule" in history.content.decode()
    review = client.get(reverse("wagtailsnippets_feedback_report:edit", args=[report.pk]))
    assert "Rejected automatically because:" in review.content.decode()


def test_a_holding_word_holds_the_report_and_is_highlighted_for_the_moderator(
    client, seton_hill, superuser, django_capture_on_commit_callbacks
):
    hold("pig")
    account = "He said we were all p1gs? No: he said PIG, twice."
    with django_capture_on_commit_callbacks(execute=True):
        send(client, seton_hill, account)
    report = Report.objects.get()
    assert report.status == "new"
    (reason,) = report.held_reasons
    assert reason["code"] == "word_hold"
    assert "“pig”" in reason["message"]
    assert [report.account[start:end] for start, end in reason["matches"]] == ["PIG"]
    assert len(mail.outbox) == 1  # held reports still reach the moderators

    client.force_login(superuser)
    html = client.get(reverse("wagtailsnippets_feedback_report:edit", args=[report.pk]))
    html = html.content.decode()
    assert "Held for review because:" in html
    assert f"<li>{reason['message']}</li>" in html
    assert re.search(r"<mark title=\"Contains “pig”[^\"]*\">PIG</mark>", html)
    assert "p1g</mark>" not in html  # "p1gs" is a longer word, not the rule's word


def test_personal_information_and_a_rule_overlapping_are_shown_once(client, seton_hill, superuser):
    hold("brady")
    account = "Officer Brady took my phone."
    send(client, seton_hill, account)
    report = Report.objects.get()
    client.force_login(superuser)
    html = client.get(reverse("wagtailsnippets_feedback_report:edit", args=[report.pk]))
    original = re.search(
        r'<div class="report-original"[^>]*>(.*?)</div>', html.content.decode(), re.S
    ).group(1)
    assert original.count("Brady") == 1  # the rule is named in lower case, as written
    assert re.search(
        r'<mark title="officer[^"]*; Contains “brady”[^"]*">Officer Brady</mark>', original
    )


def test_a_clean_report_is_not_held(client, seton_hill):
    hold("pig")
    reject("idiot")
    send(client, seton_hill, "The officer explained LEAD and called a case manager for me.")
    report = Report.objects.get()
    assert report.status == "new" and report.held_reasons == []
    assert len(report.fingerprint) == 64


# How words are matched ----------------------------------------------------------------


@pytest.mark.parametrize(
    "disguise",
    [
        "idiot",
        "ÍDIOT",
        "Idiót",
        "1d10t",
        "!d!0t",
        "|d|ot",
        "ldiot",
        "i d i o t",
        "i.d.i.o.t",
        "i-d-i-o-t",
        "I. D. I. O. T.",
        "idiooooot",
        "iiidiot",
        "ｉｄｉｏｔ",
        "id\u200biot",
    ],
)
def test_a_rule_sees_through_disguises(db, disguise):
    reject("idiot")
    text = f"You are an {disguise} and everyone knows it"
    screening = screen(text, model=Report)
    assert screening.action == "reject"
    assert matched(text, only(screening, "word_reject")) == [disguise.rstrip(".")]


def test_a_rule_written_with_look_alikes_matches_the_plain_word(db):
    hold("a$$")
    assert screen("what an ass", model=Report).action == "hold"


@pytest.mark.parametrize(
    "text",
    [
        "My class had an assessment on Tuesday.",
        "As I said, I was passing by the bass player.",
        "I grew up in Scunthorpe.",
        "He asked us to assist.",
        "Bus 455 was late.",
    ],
)
def test_a_rule_never_fires_inside_a_longer_word(db, text):
    reject("ass")
    reject("cunt")
    assert screen(text, model=Report).findings == ()


def test_two_letters_are_not_a_stretched_one(db):
    reject("god")
    assert screen("It was a good day.", model=Report).action == "publish"
    assert screen("Oh my goooood.", model=Report).action == "reject"


def test_a_phrase_matches_its_words_in_a_row(db):
    hold("go to hell")
    text = "He told me: Go to... HELL!"
    screening = screen(text, model=Report)
    assert matched(text, only(screening, "word_hold")) == ["Go to... HELL"]
    for innocent in ["go to hello kitty", "hell, go to bed", "go back to hell", "go to"]:
        assert screen(innocent, model=Report).findings == (), innocent


def test_every_match_of_a_rule_is_listed_once(db):
    hold("pig")
    text = "pig, p1g and PIG"
    assert matched(text, only(screen(text, model=Report), "word_hold")) == ["pig", "p1g", "PIG"]


def test_a_rejecting_rule_wins_over_a_holding_one(db):
    hold("pig")
    reject("idiot")
    screening = screen("pig idiot see example.com", model=Report)
    assert screening.action == "reject"
    assert [finding.code for finding in screening.findings] == ["word_reject", "word_hold", "link"]
    assert screening.findings[0].message == "Contains “idiot”, a word that rejects posts as abusive"


def test_the_rules_are_read_in_one_query_however_many_there_are(db, django_assert_num_queries):
    for n in range(30):
        hold(f"word{n}")
    # One query for the rules, one for an earlier copy.
    with django_assert_num_queries(2):
        screen("Some text with word7 in it.", model=Report)
    # Then the process keeps the rules until staff change them.
    with django_assert_num_queries(1):
        assert screen("Some text with word8 in it.", model=Report).held_reasons
    hold("word30")
    with django_assert_num_queries(2):
        assert screen("Some text with word30 in it.", model=Report).held_reasons
    WordRule.objects.filter(phrase__in=["word30", "word8"]).delete()
    assert not screen("Some text with word30 in it.", model=Report).held_reasons
    assert not screen("Some text with word8 in it.", model=Report).held_reasons


def test_text_with_nothing_to_match_has_no_words_and_no_fingerprint():
    assert normalise("!!! ... ??? 😀") == ""
    assert fingerprint("") == ""
    assert fingerprint("   \n ") == ""


# Links --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("see example.com for more", "example.com"),
        ("Read https://lead.example.org/news?id=3.", "https://lead.example.org/news?id=3"),
        ("go to www.example.net now", "www.example.net"),
        ("(bit.ly/abc123)", "bit.ly/abc123"),
        ("HTTP://EXAMPLE.COM", "HTTP://EXAMPLE.COM"),
    ],
)
def test_links_are_held(db, text, link):
    screening = screen(text, model=Report)
    assert screening.action == "hold"
    finding = only(screening, "link")
    assert finding.message == "Contains a link"
    assert matched(text, finding) == [link]


@pytest.mark.parametrize(
    "text",
    [
        "e.g. the officer on the corner",
        "I give it 3.5 stars.",
        "i.e. nobody helped",
        "At 5.30 p.m. on U.S. Route 40",
        "It ended.Then we left.",
        "Mr.Jones and the co-op",
    ],
)
def test_abbreviations_and_numbers_are_not_links(db, text):
    assert find_links(text) == []
    assert screen(text, model=Report).findings == ()


def test_an_email_address_is_personal_information_not_a_link():
    # The review screen already highlights it as personal information.
    assert find_links("write to jo@example.org or j.o@mail.example.com") == []


# Repeats ------------------------------------------------------------------------------


def _received(days_ago, text, **fields):
    report = ReportFactory(account=text, fingerprint=fingerprint(text), **fields)
    received = timezone.now() - datetime.timedelta(days=days_ago)
    Report.objects.filter(pk=report.pk).update(created_at=received)
    return timezone.localtime(received)


def test_the_same_report_again_within_the_window_is_held(client, seton_hill):
    received = _received(5, "Stop harassing people at the corner of Paca and Fayette!")
    send(client, seton_hill, "stop  harassing people, at the CORNER of paca and fayette...")
    report = Report.objects.latest("pk")
    (reason,) = report.held_reasons
    assert reason["code"] == "duplicate"
    assert reason["message"] == f"Repeats a report received on {received.day} {received:%b %Y}"
    assert reason["matches"] == []


def test_the_same_report_after_the_window_is_not_held(client, seton_hill, settings):
    settings.FEEDBACK_DUPLICATE_WINDOW_DAYS = 30
    _received(31, "Stop harassing people at the corner of Paca and Fayette!")
    send(client, seton_hill, "stop  harassing people, at the CORNER of paca and fayette...")
    assert Report.objects.latest("pk").held_reasons == []


def test_the_window_is_a_setting(db, settings):
    _received(10, "The same words again.")
    settings.FEEDBACK_DUPLICATE_WINDOW_DAYS = 7
    assert screen("the same words again", model=Report).findings == ()
    settings.FEEDBACK_DUPLICATE_WINDOW_DAYS = 14
    assert screen("the same words again", model=Report).action == "hold"


def test_a_different_text_is_not_a_repeat(db):
    _received(1, "Stop harassing people at the corner.")
    assert screen("Stop harassing people at the bus stop.", model=Report).findings == ()


def test_repeats_are_looked_for_among_the_same_kind_of_post(home):
    _received(1, "The same words again.")
    assert screen("The same words again.", model=Comment).findings == ()
    Comment.objects.create(
        page=home, body="The same words again.", fingerprint=fingerprint("The same words again.")
    )
    screening = screen("the same words, again", model=Comment)
    assert only(screening, "duplicate").message.startswith("Repeats a comment received on ")


def test_posts_with_nothing_to_fingerprint_are_never_repeats(db):
    ReportFactory(account="!!!", fingerprint="")
    assert screen("!!!", model=Report).findings == ()


# Highlighting -------------------------------------------------------------------------


def test_overlapping_highlights_show_each_character_once():
    text = "call Officer Brady at 410 555 0123 today"
    held = [
        {"code": "word_hold", "message": "Contains “brady”", "matches": [[13, 18]]},
        {"code": "link", "message": "Contains a link", "matches": [[10, 25], [99, 120], "x"]},
    ]
    pieces = original_with_highlights(text, held)
    assert "".join(piece["text"] for piece in pieces) == text
    flagged = [piece for piece in pieces if piece["finding"]]
    assert [piece["text"] for piece in flagged] == ["Officer Brady at 410 555 0123"]
    assert set(flagged[0]["finding"].label.split("; ")) == {
        "officer's name",
        "Contains “brady”",
        "Contains a link",
        "phone number",
    }


def test_highlight_ignores_matches_that_do_not_fit_the_text():
    pieces = highlight("short", [{"code": "link", "message": "m", "matches": [[2, 50], [-1, 2]]}])
    assert pieces == [{"text": "short", "finding": None}]


# The admin for word rules -------------------------------------------------------------


@pytest.fixture
def moderator(client, django_user_model, feedback_page):
    ensure_groups()
    user = django_user_model.objects.create_user("mod", "mod@example.org", "pw")
    user.groups.add(Group.objects.get(name=FEEDBACK_MODERATORS))
    client.force_login(user)
    return user


def test_moderators_add_and_list_word_rules(client, moderator):
    response = client.post(
        f"{RULES_URL}add/", {"phrase": "go  to hell", "action": "hold", "note": "Hostile"}
    )
    assert response.status_code == 302
    rule = WordRule.objects.get()
    assert (rule.phrase, rule.action, rule.note) == ("go to hell", "hold", "Hostile")
    reject("idiot")
    listing = client.get(RULES_URL).content.decode()
    assert "go to hell" in listing and "idiot" in listing
    holding = client.get(RULES_URL, {"action": "hold"}).content.decode()
    assert "go to hell" in holding and "idiot" not in holding
    searched = client.get(RULES_URL, {"q": "idi"}).content.decode()
    assert "idiot" in searched and "go to hell" not in searched


def test_a_rule_staff_add_or_delete_screens_the_next_report(client, moderator, seton_hill):
    """Each server keeps the rules it read; a rule added or deleted in the admin reaches
    the next report at once."""
    resident = Client()
    assert Report.objects.get(receipt_code=sent(resident, seton_hill, "A rude word.")).status == (
        "new"
    )
    response = client.post(f"{RULES_URL}add/", {"phrase": "rude", "action": "reject"})
    assert response.status_code == 302
    code = sent(resident, seton_hill, "Another rude word.")
    assert Report.objects.get(receipt_code=code).status == "rejected"

    rule = WordRule.objects.get(phrase="rude")
    assert client.post(f"{RULES_URL}delete/{rule.pk}/").status_code == 302
    code = sent(resident, seton_hill, "A third rude word.")
    assert Report.objects.get(receipt_code=code).status == "new"


def test_the_word_rules_are_in_the_feedback_menu(client, moderator):
    assert RULES_URL in client.get("/admin/").content.decode()


@pytest.mark.parametrize(
    ("phrase", "message"),
    [
        ("!!!", "at least one letter or number"),
        ("… —", "at least one letter or number"),
        ("1D10T", "The rule “idiot” already matches the same words."),
    ],
)
def test_a_rule_that_could_never_match_is_refused_with_a_clear_message(
    client, moderator, phrase, message
):
    reject("idiot")
    response = client.post(f"{RULES_URL}add/", {"phrase": phrase, "action": "hold", "note": ""})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert WordRule.objects.count() == 1


# Whatever a resident types ------------------------------------------------------------

# Arbitrary Unicode, and pieces chosen to come close to the rules: disguises, right-to-left
# text and overrides, emoji with modifiers, NUL, combining marks, zero-width characters.
ANY_TEXT = strategies.one_of(
    strategies.text(max_size=300),
    strategies.lists(
        strategies.sampled_from(
            [*"idotIDOT1!|l0 .-@$+\n\x00\u202e\u200bשלוםمرحبا😀👍🏽İßﬁé\u0301ｉ"]
            + ["example.com", "https://", "www.", "idiot", "go to hell", "👍🏽"]
        ),
        max_size=60,
    ).map("".join),
)


@pytest.mark.django_db
@hypothesis_settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=ANY_TEXT)
def test_screening_never_fails_and_every_match_lies_in_the_text(text):
    if not WordRule.objects.exists():
        reject("idiot")
        hold("go to hell")
        hold("a$$")
    screening = screen(text, model=Report)
    assert screening.action in {"reject", "hold", "publish"}
    for finding in screening.findings:
        for start, end in finding.matches:
            assert 0 <= start < end <= len(text)
    pieces = highlight(text, screening.held_reasons)
    assert "".join(piece["text"] for piece in pieces) == text
    assert fingerprint(text) == fingerprint(f" {text}\n")

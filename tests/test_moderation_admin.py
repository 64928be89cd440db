"""Moderators work through resident reports in the Wagtail admin."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import ModelLogEntry

from feedback.models import ContactDetails, Report
from tests.factories import ReportFactory

LIST_URL = "/admin/snippets/feedback/report/"
ORIGINAL = "Officer Brady took my phone at 512 W Saratoga Street."


def review_url(report):
    return reverse("wagtailsnippets_feedback_report:edit", args=[report.pk])


def review_post(report, action, **fields):
    data = {
        "public_text": "",
        "official_response": "",
        "tags": "",
        "rejection_reason": "",
        "rejection_note": "",
        "moderation-action": action,
    }
    data.update(fields)
    return data


@pytest.fixture
def report(feedback_page):
    report = ReportFactory(account=ORIGINAL)
    ContactDetails.objects.store(report, email="jo@example.org")
    return report


@pytest.fixture
def moderator(client, django_user_model, feedback_page):
    user = django_user_model.objects.create_user("mod", "mod@example.org", "pw")
    group = Group.objects.create(name="Test moderators")
    group.permissions.set(
        Permission.objects.filter(
            codename__in=[
                "access_admin",
                "change_report",
                "moderate_report",
                "view_report",
                "view_contact_details",
            ]
        )
    )
    user.groups.add(group)
    client.force_login(user)
    return user


@pytest.fixture
def editor(client, django_user_model, feedback_page):
    user = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["access_admin", "change_report", "view_report"])
    )
    client.force_login(user)
    return user


def test_the_queue_lists_reports_with_filters_and_search(client, moderator, report):
    ReportFactory(account="A calm conversation about LEAD.", interaction_type="outreach")
    response = client.get(LIST_URL)
    assert response.status_code == 200
    assert report.display_code in response.content.decode()
    only_outreach = client.get(LIST_URL, {"interaction_type": "outreach"}).content.decode()
    assert report.display_code not in only_outreach
    flagged = client.get(LIST_URL, {"possible_personal_information": "true"}).content.decode()
    assert report.display_code in flagged
    with_contact = client.get(LIST_URL, {"has_contact": "true"}).content.decode()
    assert report.display_code in with_contact
    searched = client.get(LIST_URL, {"q": "Saratoga"}).content.decode()
    assert report.display_code in searched


def test_the_review_screen_shows_the_original_highlighted(client, moderator, report):
    html = client.get(review_url(report)).content.decode()
    assert '<mark title="officer' in html
    assert "512 W Saratoga Street</mark>" in html
    assert "jo@example.org" in html  # this moderator may see contact details


def test_staff_without_the_permission_never_see_contact_details(client, editor, report):
    html = client.get(review_url(report)).content.decode()
    assert "jo@example.org" not in html
    assert client.get(LIST_URL).status_code == 200


def test_publishing_is_refused_while_personal_information_stands(client, moderator, report):
    response = client.post(
        review_url(report), review_post(report, "approve", public_text="Officer Brady was rude.")
    )
    assert response.status_code == 200
    assert "may still contain personal information" in response.content.decode()
    report.refresh_from_db()
    assert report.status == "new"
    client.post(
        review_url(report),
        review_post(
            report,
            "approve",
            public_text="Officer Brady was rude.",
            override_personal_information="on",
        ),
    )
    report.refresh_from_db()
    assert report.status == "published"


def test_moderator_redacts_and_publishes_with_a_response_and_tags(client, moderator, report):
    response = client.post(
        review_url(report),
        review_post(
            report,
            "approve",
            public_text="An officer took my phone.",
            official_response="We have raised this with the district.",
            tags="property, phones",
        ),
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "published"
    assert report.public_text == "An officer took my phone."
    assert report.account == ORIGINAL
    assert sorted(report.tags.names()) == ["phones", "property"]
    entry = ModelLogEntry.objects.get(object_id=str(report.pk), action="feedback.approve")
    assert entry.user_id == moderator.pk
    published = client.get("/feedback/published/").content.decode()
    assert "An officer took my phone." in published and "Saratoga" not in published


def test_rejecting_needs_a_reason(client, moderator, report):
    response = client.post(review_url(report), review_post(report, "reject"))
    assert "Choose a reason for not publishing." in response.content.decode()
    client.post(review_url(report), review_post(report, "reject", rejection_reason="cannot_redact"))
    report.refresh_from_db()
    assert report.status == "rejected" and report.rejection_reason == "cannot_redact"


def test_script_in_a_report_never_runs_in_the_admin(client, moderator, feedback_page):
    nasty = ReportFactory(account='"><script>alert(1)</script>')
    html = client.get(review_url(nasty)).content.decode()
    assert "<script>alert(1)</script>" not in html


def test_bulk_approve_and_reject(client, moderator, feedback_page):
    ready = [ReportFactory(public_text=f"Redacted {n}.") for n in range(2)]
    unready = ReportFactory(public_text="")
    ids = "&".join(f"id={report.pk}" for report in [*ready, unready])
    url = f"/admin/bulk/feedback/report/approve/?{ids}&next={LIST_URL}"
    assert client.get(url).status_code == 200
    client.post(url)
    assert Report.objects.filter(status="published").count() == 2
    assert Report.objects.get(pk=unready.pk).status == "new"
    reject_url = f"/admin/bulk/feedback/report/reject/?id={unready.pk}&next={LIST_URL}"
    client.post(reject_url, {"reason": "spam", "note": ""})
    assert Report.objects.get(pk=unready.pk).status == "rejected"
    assert ModelLogEntry.objects.filter(action="feedback.reject").count() == 1


def test_the_dashboard_shows_the_queue(client, moderator, report):
    ReportFactory(status="published", public_text="Fine.")
    html = client.get("/admin/").content.decode()
    assert "1 report and 0 comments are waiting for review." in html
    assert "Reports, under review: 1</a>" in html and "Reports, published: 1</a>" in html
    assert "Reports, not published: 0</a>" in html

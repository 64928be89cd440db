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


@pytest.fixture
def analyst(client, django_user_model, feedback_page):
    user = django_user_model.objects.create_user("analyst", "analyst@example.org", "pw")
    user.groups.add(Group.objects.get(name="Data analysts"))
    client.force_login(user)
    return user


def chooser_urls(report):
    return [
        "/admin/snippets/choose/feedback/report/",
        "/admin/snippets/choose/feedback/report/results/",
        f"/admin/snippets/choose/feedback/report/chosen/{report.pk}/",
        f"/admin/snippets/choose/feedback/report/chosen-multiple/?id={report.pk}",
    ]


def test_staff_with_no_permission_on_reports_cannot_open_their_chooser(client, analyst, report):
    for url in chooser_urls(report):
        response = client.get(url)
        assert response.status_code in (302, 403), url  # refused, or sent to the dashboard
        assert report.display_code not in response.text and report.receipt_code not in response.text


def test_the_report_chooser_names_reports_without_their_codes(client, moderator, report):
    for url in chooser_urls(report):
        response = client.get(url)
        assert response.status_code == 200, url
        assert report.display_code not in response.text and report.receipt_code not in response.text
    assert f"Report {report.pk}" in client.get(chooser_urls(report)[0]).text


def test_a_reports_name_never_holds_its_receipt_code(feedback_page):
    from django.utils import translation

    report = ReportFactory()
    for language in ("en", "es"):
        with translation.override(language):
            name = str(report)
        assert report.receipt_code not in name and report.display_code not in name
        assert str(report.pk) in name


def test_approving_and_rejecting_write_no_receipt_code_to_the_audit_log(client, moderator, report):
    other = ReportFactory()
    client.post(
        review_url(report),
        review_post(
            report,
            "approve",
            public_text="An officer took a phone.",
            override_personal_information="on",
        ),
    )
    client.post(review_url(other), review_post(other, "reject", rejection_reason="off_topic"))
    entries = ModelLogEntry.objects.filter(action__in=["feedback.approve", "feedback.reject"])
    assert entries.count() == 2
    for entry in entries:
        written = f"{entry.label} {entry.data}"
        for code in (
            report.receipt_code,
            report.display_code,
            other.receipt_code,
            other.display_code,
        ):
            assert code not in written
    history = client.get("/admin/reports/site-history/?export=csv")
    assert f"Report {report.pk}" in b"".join(history.streaming_content).decode()


def test_only_moderators_see_and_search_receipt_codes_in_the_listing(
    client, editor, report, django_user_model
):
    # The editor may read and change reports but not moderate them.
    part_of_code = report.receipt_code[3:9]
    listing = client.get(LIST_URL).text
    assert f"Report {report.pk}" in listing and report.display_code not in listing
    assert f"Report {report.pk}" not in client.get(LIST_URL, {"q": part_of_code}).text
    assert report.display_code not in client.get(review_url(report)).text

    editor.user_permissions.add(Permission.objects.get(codename="moderate_report"))
    editor = django_user_model.objects.get(pk=editor.pk)  # no cached permissions
    client.force_login(editor)
    listing = client.get(LIST_URL).text
    assert "Receipt code" in listing and report.display_code in listing
    assert report.display_code in client.get(LIST_URL, {"q": part_of_code}).text
    assert report.display_code in client.get(review_url(report)).text


def test_audit_log_entries_written_under_the_old_name_lose_their_codes(moderator, report):
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "feedback.migrations.0007_audit_log_labels_without_receipt_codes"
    )
    old = ModelLogEntry.objects.log_action(
        report, "feedback.reject", user=moderator, title=f"Report {report.display_code}"
    )
    unrelated = ModelLogEntry.objects.log_action(moderator, "wagtail.edit", title="mod")
    migration.rename_report_entries(apps, None)
    old.refresh_from_db()
    unrelated.refresh_from_db()
    assert old.label == f"Report {report.pk}"
    assert unrelated.label == "mod"


@pytest.mark.parametrize("action", ["approve", "reject", "save"])
def test_staff_who_may_change_reports_but_not_moderate_them_decide_nothing(
    client, editor, report, action
):
    response = client.post(
        review_url(report),
        review_post(report, action, public_text="A redacted text.", rejection_reason="off_topic"),
    )
    # Wagtail's admin answers a refusal with a redirect to the dashboard and a message.
    assert (response.status_code, response.get("Location")) in {(403, None), (302, "/admin/")}
    stored = Report.objects.get(pk=report.pk)
    assert (stored.status, stored.public_text) == (report.status, report.public_text)
    assert not ModelLogEntry.objects.filter(object_id=str(report.pk)).exists()

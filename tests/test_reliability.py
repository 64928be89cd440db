"""Nothing residents send is lost or stored twice, even under load, with two moderators
at once, or with the database down.

The concurrency tests need PostgreSQL (SQLite serialises every writer); they skip with
that reason on a developer's SQLite run and run in CI's PostgreSQL run.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client
from wagtail.models import ModelLogEntry

from feedback.models import ContactDetails, Neighbourhood, Report
from feedback.moderation import decisions as moderation
from tests.factories import ReportFactory
from tests.feedback_helpers import FORM_URL, receipt_code, report_data

# Real transactions. A flush between transactional tests keeps what post_migrate makes
# (content types, permissions, groups) but not Wagtail's locale and root page, which
# come from data migrations: the fixture below puts them back.
committed = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def wagtail_root(django_db_blocker):
    from wagtail.models import Locale, Page

    with django_db_blocker.unblock():
        Locale.objects.get_or_create(language_code="en")
        if Page.get_first_root_node() is None:
            Page.add_root(title="Root", slug="root")


needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL for real concurrent writers (set DATABASE_URL; CI runs it)",
)

CLIENTS = 20
REPORTS_PER_CLIENT = 10


def _in_thread(work):
    """Run ``work`` with this thread's own database connection, closed afterwards."""
    try:
        return work()
    finally:
        connections.close_all()


@needs_postgresql
@committed
def test_200_reports_from_20_concurrent_clients_are_each_stored_once(feedback_page, settings):
    settings.FEEDBACK_REPORTS_PER_HOUR = 1000
    place = Neighbourhood.objects.first()

    def one_client(number):
        client = Client(REMOTE_ADDR=f"198.51.100.{number}")
        codes = []
        for n in range(REPORTS_PER_CLIENT):
            data = report_data(client, place, account=f"Client {number}, report {n}.")
            response = client.post(FORM_URL, data)
            assert response.status_code == 200
            codes.append(receipt_code(response))
        # And one double click: the same form sent twice stores nothing more.
        assert receipt_code(client.post(FORM_URL, data)) == codes[-1]
        return codes

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        results = list(pool.map(lambda n: _in_thread(lambda: one_client(n)), range(CLIENTS)))
    codes = [code for client_codes in results for code in client_codes]
    assert len(codes) == CLIENTS * REPORTS_PER_CLIENT
    assert len(set(codes)) == len(codes)
    assert Report.objects.count() == len(codes)
    accounts = set(Report.objects.values_list("account", flat=True))
    expected = {
        f"Client {c}, report {n}." for c in range(CLIENTS) for n in range(REPORTS_PER_CLIENT)
    }
    assert accounts == expected


@needs_postgresql
@committed
def test_two_moderators_at_the_same_moment_leave_one_consistent_state(
    feedback_page, django_user_model
):
    report = ReportFactory(account="The officer listened.")
    first = django_user_model.objects.create_user("first", "f@example.org", "pw")
    second = django_user_model.objects.create_user("second", "s@example.org", "pw")
    start = threading.Barrier(2)

    def approve():
        start.wait()
        moderation.approve(report, first, "The officer listened.")

    def reject():
        start.wait()
        moderation.reject(report, second, "off_topic")

    with ThreadPoolExecutor(max_workers=2) as pool:
        for future in [pool.submit(_in_thread, approve), pool.submit(_in_thread, reject)]:
            future.result()
    report.refresh_from_db()
    if report.status == "published":
        assert report.public_text and not report.rejection_reason
        assert report.moderated_by == first
    else:
        assert report.status == "rejected" and report.public_text == ""
        assert report.rejection_reason == "off_topic" and report.moderated_by == second
    actions = set(
        ModelLogEntry.objects.filter(object_id=str(report.pk)).values_list("action", flat=True)
    )
    assert {"feedback.approve", "feedback.reject"} <= actions


@needs_postgresql
@committed
def test_when_the_database_is_down_the_form_says_try_again_and_keeps_nothing(
    feedback_page, settings
):
    place = Neighbourhood.objects.first()
    client = Client(raise_request_exception=False)
    data = report_data(client, place, contact_email="down@example.org")
    real_port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = "1"  # nothing listens there
    try:
        response = client.post(FORM_URL, data)
        page = client.get("/")
    finally:
        connection.close()
        connection.settings_dict["PORT"] = real_port
    assert response.status_code == 503
    html = response.content.decode()
    assert "Nothing you sent was saved." in html
    assert response["Retry-After"] == "60"
    assert page.status_code == 503 and "Nothing you sent" not in page.content.decode()
    assert Report.objects.count() == 0 and ContactDetails.objects.count() == 0
    # Once the database is back, the same form goes through.
    assert client.post(FORM_URL, data).status_code == 200
    assert Report.objects.count() == 1

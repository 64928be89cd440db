"""The privacy rules of the product brief that apply to the pages built so far.

Rule 2: the raw IP addresses of people using the public site are never stored, in the
database or in logs. Rule 4: published aggregates never reveal a count from 1 to 10, and
the raw upload never leaves the server. Rule 5: pages load no third-party script, font or
tracker.
"""

import logging
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from wagtail.models import Page

from publicdata.models import Dataset, FieldRole

VISITOR_ADDRESS = "203.0.113.77"

# Attributes that make the browser fetch something when the page loads. A
# <link rel="alternate"> (the page in another language or format) only names an address.
_LOADED_ASSET = re.compile(
    r"<(?:script|link|img|iframe|source|video|audio|embed|object)\b"
    r"(?![^>]*\brel=\"alternate\")[^>]*?"
    r"\b(?:src|href|data|srcset)=\"([^\"]+)\"",
    re.IGNORECASE,
)


@pytest.fixture
def demo_site(db):
    call_command("load_demo_site", "--no-admin", stdout=StringIO())


@pytest.fixture
def all_log_records():
    """Every log record at every level, from every logger, formatted as configured."""
    stream = StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s %(args)s"))
    # The root logger, and every logger that does not pass its records up to it.
    loggers = [logging.getLogger()] + [
        logger
        for logger in logging.root.manager.loggerDict.values()
        if isinstance(logger, logging.Logger) and not logger.propagate
    ]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    yield stream
    for logger, level in zip(loggers, levels, strict=True):
        logger.removeHandler(handler)
        logger.setLevel(level)


def database_text():
    """Everything stored in every table, as text."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            chunks.extend(str(row) for row in cursor.fetchall())
    return "\n".join(chunks)


@override_settings(ROOT_URLCONF="tests.test_site_routes")
def test_visitor_addresses_never_reach_the_logs_or_the_database(demo_site, all_log_records):
    client = Client(REMOTE_ADDR=VISITOR_ADDRESS, raise_request_exception=False)
    for url in ["/", "/lead/what-is-lead/", "/search/?query=rights", "/no-such-page/", "/boom/"]:
        client.get(url, HTTP_X_FORWARDED_FOR=VISITOR_ADDRESS)
    client.post("/healthz", HTTP_X_FORWARDED_FOR=VISITOR_ADDRESS)
    logged = all_log_records.getvalue()
    assert "Internal Server Error: /boom/" in logged  # the handler really captured logs
    assert VISITOR_ADDRESS not in logged
    assert VISITOR_ADDRESS not in database_text()


def test_pages_load_nothing_from_other_sites(client, demo_site):
    urls = [page.url for page in Page.objects.live().filter(depth__gte=2).specific()]
    datasets = [f"/data/{slug}/" for slug in Dataset.objects.values_list("slug", flat=True)]
    extra = ["/search/?query=lead", "/no-such-page/", "/data/", "/api/v1/docs"]
    for url in [*urls, *datasets, *extra]:
        html = client.get(url).content.decode()
        for asset in _LOADED_ASSET.findall(html):
            assert asset.startswith("/") and not asset.startswith("//"), (url, asset)
        assert "@import" not in html and "fonts.googleapis" not in html, url


def test_contact_details_are_deleted_after_the_retention_period(feedback_page, settings):
    """Privacy rule 1: deleted after 180 days by default."""
    from feedback.models import ContactDetails, Report
    from tests.feedback_helpers import reports_with_old_and_recent_contact_details

    assert settings.FEEDBACK_CONTACT_RETENTION_DAYS == 180
    old, recent = reports_with_old_and_recent_contact_details()
    out = StringIO()
    call_command("purge_contact_details", stdout=out)
    assert "Deleted 1 expired" in out.getvalue()
    assert list(ContactDetails.objects.values_list("report", flat=True)) == [recent.pk]
    assert Report.objects.count() == 2  # the reports themselves stay


def test_a_report_leaves_no_address_or_contact_details_in_logs_cache_or_tables(
    client, feedback_page, all_log_records
):
    """Privacy rules 1 and 2, through the real form."""
    from django.core.cache import cache

    from feedback.models import Neighbourhood, Report
    from tests.feedback_helpers import FORM_URL, report_data

    client.defaults["REMOTE_ADDR"] = VISITOR_ADDRESS
    place = Neighbourhood.objects.first()
    data = report_data(
        client, place, contact_email="hidden@example.org", contact_phone="4105550177"
    )
    assert client.post(FORM_URL, data).status_code == 200
    client.post("/feedback/status/", {"code": Report.objects.get().display_code})
    logged = all_log_records.getvalue()
    assert "hidden@example.org" not in logged and "4105550177" not in logged
    assert VISITOR_ADDRESS not in logged
    assert VISITOR_ADDRESS not in database_text()
    cache_keys = " ".join(str(key) for key in cache._cache)  # the local-memory backend
    assert "ratelimit:feedback-report" in cache_keys
    assert VISITOR_ADDRESS not in cache_keys
    assert not any(VISITOR_ADDRESS in str(value) for value in cache._cache.values())


def test_the_captcha_script_loads_only_on_the_form_page(client, feedback_page, settings):
    """Privacy rule 5: the captcha is the one third-party script, on form pages only."""
    settings.RECAPTCHA_PUBLIC_KEY, settings.RECAPTCHA_PRIVATE_KEY = "site", "secret"
    assert "google.com/recaptcha" in client.get("/feedback/").content.decode()
    for url in ["/", "/feedback/status/", "/feedback/published/"]:
        assert "google.com" not in client.get(url).content.decode(), url


def _small(value):
    return isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value <= 10


def test_no_published_count_is_between_1_and_10_in_any_format_or_the_api(client, demo_site):
    """Privacy rule 4, over every demo dataset, every release and every way out."""
    import csv
    import io
    import json

    import openpyxl

    checked = 0
    for dataset in Dataset.objects.all():
        counts = set(dataset.fields.filter(role=FieldRole.COUNT).values_list("name", flat=True))
        for release in dataset.published_releases():
            query = f"?version={release.version}"
            base = f"/data/{dataset.slug}/download"
            text = b"".join(client.get(f"{base}.csv{query}").streaming_content).decode()
            for row in csv.DictReader(io.StringIO(text)):
                for name in counts:
                    assert row[name] in ("suppressed", "") or not 1 <= float(row[name]) <= 10
            document = json.loads(b"".join(client.get(f"{base}.json{query}").streaming_content))
            api = client.get(f"/api/v1/datasets/{dataset.slug}/rows{query}&limit=1000").json()
            workbook = openpyxl.load_workbook(
                io.BytesIO(b"".join(client.get(f"{base}.xlsx{query}").streaming_content))
            )
            sheet = list(workbook["Data"].values)
            sheet_rows = [dict(zip(sheet[0], row, strict=True)) for row in sheet[1:]]
            for record in [*document["records"], *api["rows"], *sheet_rows]:
                for name in counts:
                    assert not _small(record[name]), (dataset.slug, name, record)
                    checked += 1
    assert checked > 500  # the demo's datasets were really read


def test_the_raw_upload_is_kept_where_no_url_serves_it(client, demo_site, settings):
    """Privacy rule 4: raw unsuppressed values never leave the server."""
    from pathlib import Path

    release = Dataset.objects.get(slug="referrals-and-enrolments").current_release()
    stored = Path(release.source_file.path).resolve()
    assert stored.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    with pytest.raises(ValueError, match="no URL"):
        release.source_file.url  # noqa: B018
    for url in [f"/media/{release.source_file.name}", f"/private-media/{release.source_file.name}"]:
        assert client.get(url).status_code == 404


def test_comments_and_abuse_flags_leave_no_address_in_logs_cache_or_tables(
    client, explainer, all_log_records
):
    """Privacy rule 2, through the comment form and "Report this"."""
    from django.core.cache import cache

    from feedback.models import AbuseFlag, Comment
    from tests.comment_helpers import comment_data
    from tests.factories import CommentFactory

    client.defaults["REMOTE_ADDR"] = VISITOR_ADDRESS
    published = CommentFactory(page=explainer)
    assert client.post(explainer.url, comment_data(client, explainer)).status_code == 302
    flag_page = client.get(f"/flag/comment/{published.public_id}/").content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', flag_page).group(1)
    client.post(f"/flag/comment/{published.public_id}/", {"form_token": token, "reason": "spam"})
    assert Comment.objects.count() == 2 and AbuseFlag.objects.count() == 1
    assert VISITOR_ADDRESS not in all_log_records.getvalue()
    assert VISITOR_ADDRESS not in database_text()
    assert VISITOR_ADDRESS not in " ".join(str(key) for key in cache._cache)


def test_a_comment_is_public_only_after_approval_and_only_as_the_moderators_text(
    client, explainer, admin_user
):
    """Privacy rule 3 for comments: on the page and on its "Report this" page nothing
    shows before approval, and then only the moderator's public text."""
    from feedback.models import Comment
    from feedback.moderation.decisions import approve_comment
    from tests.comment_helpers import comment_data

    original = "Officer Dana Whitlock stopped me outside 221 N Paca St."
    client.post(explainer.url, comment_data(client, explainer, body=original))
    comment = Comment.objects.get()
    assert "Whitlock" not in client.get(explainer.url).content.decode()
    assert client.get(f"/flag/comment/{comment.public_id}/").status_code == 404
    approve_comment(comment, admin_user, "An officer stopped me in the pilot area.")
    html = client.get(explainer.url).content.decode()
    assert "An officer stopped me in the pilot area." in html
    assert "Whitlock" not in html and "Paca" not in html
    flag_page = client.get(f"/flag/comment/{comment.public_id}/").content.decode()
    assert "Whitlock" not in flag_page and "An officer stopped me" in flag_page


def test_the_reports_csv_feed_and_dataset_never_hold_unmoderated_or_original_text(
    client, feedback_page, django_user_model, django_capture_on_commit_callbacks
):
    """Rule 3 for the published reports' CSV and feed, and the dataset counted from them."""
    from feedback.models import Report
    from feedback.moderation import decisions as moderation
    from tests.factories import ReportFactory

    moderator = django_user_model.objects.create_superuser("moderator", "m@example.org", "x")
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(12):
            report = ReportFactory(account=f"Original words R3-ORIGINAL-{number}.")
            moderation.approve(report, moderator, f"Moderated text {number}.")
        ReportFactory(account="Waiting words R3-UNMODERATED.")
        rejected = ReportFactory(account="Rejected words R3-REJECTED.")
        moderation.reject(rejected, moderator, "spam", note="Note R3-NOTE.")
        draft = ReportFactory(account="Draft words R3-DRAFT-ORIGINAL.")
        moderation.save_draft(draft, moderator, "Unpublished draft R3-DRAFT.", "", [])
        hidden = ReportFactory(account="Hidden words R3-HIDDEN-ORIGINAL.")
        moderation.approve(hidden, moderator, "Hidden public text R3-HIDDEN.")
    Report.objects.filter(pk=hidden.pk).update(hidden_by_flags=True)

    slug = "what-residents-told-us"
    urls = [
        "/feedback/published/reports.csv",
        "/feedback/published/feed.atom",
        f"/data/{slug}/download.csv",
        f"/data/{slug}/download.json",
        f"/data/{slug}/datapackage.json",
        f"/data/{slug}/",
        f"/api/v1/datasets/{slug}/rows?limit=1000",
    ]
    texts = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        texts.append(body.decode())
    everything = "\n".join(texts)
    assert "Moderated text 3." in texts[0] and "Moderated text 3." in texts[1]
    assert "R3-" not in everything
    for report in Report.objects.all():
        assert report.receipt_code not in everything and report.display_code not in everything


def test_the_captcha_guards_report_this_but_never_loads_on_pages_with_comments(
    client, explainer, settings
):
    """Privacy rule 5: Google's script on the "Report this" form page when configured, and
    never on the explainer and news pages that carry the comment form."""
    from tests.factories import CommentFactory

    settings.RECAPTCHA_PUBLIC_KEY, settings.RECAPTCHA_PRIVATE_KEY = "site", "secret"
    comment = CommentFactory(page=explainer)
    assert (
        "google.com/recaptcha" in client.get(f"/flag/comment/{comment.public_id}/").content.decode()
    )
    page = client.get(explainer.url).content.decode()
    assert 'id="comment-form"' in page and "google.com" not in page


def test_rejected_texts_are_deleted_after_their_retention_period(
    explainer, feedback_page, all_log_records
):
    """What a resident wrote is not kept for ever when it was never published: the words of
    rejected reports and comments go after FEEDBACK_REJECTED_TEXT_RETENTION_DAYS; the
    record of the decision stays, and only counts are logged."""
    from datetime import timedelta

    from django.utils import timezone

    from feedback.models import Comment, ContactDetails, Report
    from tests.factories import CommentFactory, ReportFactory

    long_ago = timezone.now() - timedelta(days=91)
    recently = timezone.now() - timedelta(days=89)
    old = ReportFactory(
        status="rejected",
        rejection_reason="abusive",
        account="Old secret words.",
        cross_streets="Pratt and Eutaw",
        rejection_note="Names a neighbour",
        moderated_at=long_ago,
    )
    ContactDetails.objects.store(old, email="old@example.org")
    ContactDetails.objects.filter(report=old).update(created_at=long_ago - timedelta(days=100))
    recent = ReportFactory(status="rejected", account="Recent words.", moderated_at=recently)
    published = ReportFactory(status="published", public_text="Kept.", moderated_at=long_ago)
    old_comment = CommentFactory(
        page=explainer,
        status="rejected",
        body="Old comment words.",
        public_text="",
        moderated_at=long_ago,
    )
    out = StringIO()
    call_command("purge_expired", stdout=out)
    assert out.getvalue().strip() == (
        "Deleted 1 expired sets of contact details, and the texts of 1 rejected reports "
        "and 1 rejected comments."
    )
    old.refresh_from_db()
    assert (old.account, old.cross_streets, old.rejection_note) == ("", "", "")
    assert old.status == "rejected" and old.rejection_reason == "abusive"
    assert Report.objects.get(pk=recent.pk).account == "Recent words."
    assert Report.objects.get(pk=published.pk).account == published.account
    assert Comment.objects.get(pk=old_comment.pk).body == ""
    assert "Old secret words." not in database_text()
    logged = all_log_records.getvalue()
    assert "secret" not in logged and "old@example.org" not in logged
    again = StringIO()
    call_command("purge_expired", stdout=again)
    assert "0 expired sets" in again.getvalue() and "0 rejected reports" in again.getvalue()


def test_log_handlers_redact_addresses_and_personal_details():
    """Privacy rules 1 and 2, as a net under the code: whatever reaches a configured log
    handler, from our code or a library, loses addresses and personal details."""
    from portal.log_filters import RedactPersonalData

    handlers = [
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(f, RedactPersonalData) for f in handler.filters)
    ]
    assert handlers, "the configured handler has lost its redaction filter"
    try:
        raise ValueError("lookup failed for jo@example.org from 2001:db8::17")
    except ValueError:
        import sys

        exc_info = sys.exc_info()
    record = logging.LogRecord(
        "django.request",
        logging.ERROR,
        __file__,
        1,
        "Forbidden: /feedback/ from %s (%s), call 410-555-0188, Officer Brady at "
        "512 W Saratoga Street, at 12:30:15",
        (VISITOR_ADDRESS, "resident@example.org"),
        exc_info,
    )
    handler = handlers[0]
    assert handler.filter(record)
    line = handler.format(record)
    for secret in [
        VISITOR_ADDRESS,
        "resident@example.org",
        "410-555-0188",
        "Brady",
        "512 W Saratoga",
        "jo@example.org",
        "2001:db8::17",
    ]:
        assert secret not in line, secret
    assert "[ip address]" in line and "[email]" in line and "[phone]" in line
    assert "Forbidden: /feedback/" in line and "ValueError: lookup failed" in line
    assert "at 12:30:15" in line


def _page_text(client, url):
    html = client.get(url).content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#x27;", "’")


def _period(text, pattern):
    match = re.search(pattern, text)
    assert match, f"the privacy notice no longer says: {pattern}"
    return int(match.group(1))


@override_settings(
    FEEDBACK_CONTACT_RETENTION_DAYS=120,
    FEEDBACK_REJECTED_TEXT_RETENTION_DAYS=45,
    AXES_COOLOFF_TIME=2,
    SESSION_COOKIE_AGE=4 * 3600,
)
def test_the_privacy_notice_states_the_periods_the_code_enforces(client, db):
    """The demo privacy notice is built from the settings the retention jobs, the staff
    lockout and the session use; each period read off the page is the one enforced."""
    from datetime import timedelta

    from axes.models import AccessAttempt
    from django.utils import timezone

    from feedback.models import ContactDetails
    from tests.factories import ReportFactory

    call_command("load_demo_site", "--no-admin", stdout=StringIO())
    text = _page_text(client, "/privacy/")
    contact_days = _period(text, r"deleted (\d+) days after you send them")
    rejected_days = _period(text, r"its words are deleted (\d+) days? after")
    lockout_hours = _period(text, r"kept for (\d+) hours?, to stop password guessing")
    session_hours = _period(text, r"staff session ends after (\d+) hours?")
    assert (contact_days, rejected_days, lockout_hours, session_hours) == (120, 45, 2, 4)

    now = timezone.now()
    kept, gone = ReportFactory(), ReportFactory()
    ContactDetails.objects.store(kept, email="kept@example.org")
    ContactDetails.objects.store(gone, email="gone@example.org")
    ContactDetails.objects.filter(report=kept).update(
        created_at=now - timedelta(days=contact_days, hours=-1)
    )
    ContactDetails.objects.filter(report=gone).update(
        created_at=now - timedelta(days=contact_days, hours=1)
    )
    words_kept = ReportFactory(
        status="rejected", account="Still here.", moderated_at=now - timedelta(rejected_days - 1)
    )
    words_gone = ReportFactory(
        status="rejected", account="Gone now.", moderated_at=now - timedelta(rejected_days + 1)
    )
    for hours_ago, username in [(lockout_hours - 0.5, "recent"), (lockout_hours + 0.5, "old")]:
        AccessAttempt.objects.create(
            username=username,
            ip_address="203.0.113.9",
            user_agent="test",
            failures_since_start=1,
        )
        AccessAttempt.objects.filter(username=username).update(
            attempt_time=now - timedelta(hours=hours_ago)
        )
    call_command("purge_expired", stdout=StringIO())

    remaining = ContactDetails.objects.filter(report__in=[kept, gone])
    assert list(remaining.values_list("report", flat=True)) == [kept.pk]
    words_kept.refresh_from_db()
    words_gone.refresh_from_db()
    assert (words_kept.account, words_gone.account) == ("Still here.", "")
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["recent"]


def test_reading_the_demo_site_sets_only_the_cookie_the_privacy_notice_names(client, demo_site):
    """ "Reading the site sets no cookies. Pages with a form set one cookie, csrftoken":
    checked on every live page of the demo site, in English and in Spanish (the Spanish
    tree is among the live pages; switching language is a link, not a cookie)."""
    text = _page_text(client, "/privacy/")
    assert "Reading the site sets no cookies" in text and "named csrftoken" in text
    urls = [page.url for page in Page.objects.live().public().filter(depth__gte=2).specific()]
    assert "/es/lead/what-is-lead/" in urls and "/es/news/lead-pilot-launches/" in urls
    for prefix in ["", "/es"]:
        urls += [f"{prefix}{path}" for path in ["/data/", "/feedback/status/"]]
        urls += [f"{prefix}{path}" for path in ["/feedback/published/", "/search/?q=lead"]]
    set_cookies = {}
    for url in urls:
        response = Client().get(url)
        assert response.status_code == 200, url
        set_cookies[url] = set(response.cookies)
    assert set().union(*set_cookies.values()) == {"csrftoken"}
    assert set_cookies["/"] == set() and set_cookies["/feedback/"] == {"csrftoken"}
    assert set_cookies["/es/"] == set() and set_cookies["/es/feedback/"] == {"csrftoken"}

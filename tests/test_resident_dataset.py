"""The portal keeps "What residents told us" up to date itself: a moderator approves or
rejects a report, and once that is saved the dataset gets a new release, with every small
count suppressed in every format, and its trend charts appear on the published page."""

import csv
import io
import json
import logging

import pytest
from frictionless import validate

from feedback import resident_dataset
from feedback.models import Report
from feedback.moderation import decisions as moderation
from publicdata.models import Chart, Dataset
from tests.factories import NeighbourhoodFactory, ReportFactory

SLUG = resident_dataset.SLUG
DOWNLOAD = f"/data/{SLUG}/download"
PUBLISHED_URL = "/feedback/published/"
TOTAL = ("2026-10", "All", "All")


@pytest.fixture
def moderator(django_user_model):
    return django_user_model.objects.create_superuser("moderator", "m@example.org", "x")


def publish_reports(moderator, count, **fields):
    """``count`` reports approved by the moderator, all alike."""
    reports = []
    for number in range(count):
        report = ReportFactory(**fields)
        reports.append(moderation.approve(report, moderator, f"Public text {number}."))
    return reports


def published_report(**fields):
    """A report stored as published, without going through moderation (no refresh)."""
    return ReportFactory(status="published", public_text="Public text.", **fields)


def dataset_csv(client, query=""):
    response = client.get(f"{DOWNLOAD}.csv{query}")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    return {
        (row["month"], row["interaction_type"], row["neighbourhood"]): row
        for row in csv.DictReader(io.StringIO(text))
    }


def dataset_json(client):
    document = json.loads(b"".join(client.get(f"{DOWNLOAD}.json").streaming_content))
    return {
        (row["month"], row["interaction_type"], row["neighbourhood"]): row
        for row in document["records"]
    }


def api_rows(client):
    rows = client.get(f"/api/v1/datasets/{SLUG}/rows?limit=1000").json()["rows"]
    return {(row["month"], row["interaction_type"], row["neighbourhood"]): row for row in rows}


def releases():
    return list(
        Dataset.objects.get(slug=SLUG).published_releases().values_list("version", flat=True)
    )


def test_approving_reports_publishes_a_new_release_once_the_decision_is_saved(
    feedback_page, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        publish_reports(moderator, 12)
        assert not Dataset.objects.filter(slug=SLUG).exists()  # nothing before the commit
    assert callbacks
    release = Dataset.objects.get(slug=SLUG).current_release()
    assert release.version == 1
    assert release.change_note == "Refreshed after moderation: 12 published reports"
    with django_capture_on_commit_callbacks(execute=True):
        publish_reports(moderator, 1)
    assert releases() == [2, 1]


def test_rejecting_a_published_report_takes_it_out_of_the_numbers(
    client, feedback_page, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reports = publish_reports(moderator, 13)
    assert dataset_csv(client)[TOTAL]["reports"] == "13"
    with django_capture_on_commit_callbacks(execute=True):
        moderation.reject(reports[0], moderator, "duplicate")
    assert releases() == [2, 1]
    assert dataset_csv(client)[TOTAL]["reports"] == "12"
    assert "12 published reports" in Dataset.objects.get(slug=SLUG).current_release().change_note


def test_a_bulk_decision_makes_one_release_not_one_per_report(
    feedback_page, moderator, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        publish_reports(moderator, 15)
    refreshes = [
        callback for callback in callbacks if callback.func is resident_dataset._queue_refresh
    ]
    assert len(refreshes) == 15  # each decision asks; the first to run refreshes
    assert releases() == [1]


def test_no_new_release_when_nothing_counted_has_changed(
    feedback_page, moderator, django_capture_on_commit_callbacks
):
    reports = publish_reports(moderator, 12)
    assert resident_dataset.refresh().version == 1
    assert resident_dataset.refresh() is None
    with django_capture_on_commit_callbacks(execute=True):
        moderation.save_draft(
            reports[0], moderator, reports[0].public_text, "Thank you for telling us.", []
        )
        moderation.approve(reports[1], moderator, "A better public text.")
    assert releases() == [1]


def test_no_release_while_no_report_is_published(client, feedback_page, moderator):
    ReportFactory()
    moderation.reject(ReportFactory(), moderator, "spam")
    assert resident_dataset.refresh() is None
    assert not Dataset.objects.get(slug=SLUG).releases.exists()
    assert client.get(f"/data/{SLUG}/").status_code == 404
    html = client.get(PUBLISHED_URL).content.decode()
    assert "not enough data yet" in html
    assert 'class="chart' not in html


def test_small_counts_are_suppressed_in_every_format_and_the_api(client, feedback_page):
    seton_hill = NeighbourhoodFactory(name="Seton Hill")
    poppleton = NeighbourhoodFactory(name="Poppleton")
    for _ in range(12):
        published_report(interaction_type="stopped", neighbourhood=seton_hill)
    for _ in range(11):
        published_report(interaction_type="lead_referral", neighbourhood=seton_hill)
    for _ in range(3):
        published_report(interaction_type="arrested", neighbourhood=poppleton)
    resident_dataset.refresh()
    arrested = ("2026-10", "Arrested or cited", "All")
    in_poppleton = ("2026-10", "All", "Poppleton")
    stopped = ("2026-10", "Stopped or questioned", "All")
    rows = dataset_csv(client)
    assert rows[TOTAL]["reports"] == "26"
    assert rows[stopped]["reports"] == "12"
    assert rows[arrested]["reports"] == "suppressed"
    assert rows[in_poppleton]["reports"] == "suppressed"
    assert rows[("2026-10", "Outreach or community event", "All")]["reports"] == "0"
    for record in [dataset_json(client)[arrested], api_rows(client)[arrested]]:
        assert record["reports"] is None
        assert "reports" in record["_suppressed"]
    for record in [dataset_json(client)[stopped], api_rows(client)[stopped]]:
        assert record["reports"] == 12


def test_no_suppressed_cell_can_be_worked_out_from_its_months_total(client, feedback_page):
    places = [NeighbourhoodFactory(name=name) for name in ["Seton Hill", "Poppleton", "Market"]]
    kinds = ["stopped", "lead_referral", "arrested", "outreach"]
    sizes = [14, 2, 12, 5, 1, 17, 3]
    for number, size in enumerate(sizes):
        for _ in range(size):
            published_report(
                interaction_type=kinds[number % len(kinds)], neighbourhood=places[number % 3]
            )
    resident_dataset.refresh()
    rows = dataset_csv(client)
    count_fields = ["reports"] + [f"{name}_answers" for name in resident_dataset.RATING_NAMES]
    margins = {
        "by kind": [key for key in rows if key[2] == "All"],
        "by neighbourhood": [key for key in rows if key[1] == "All"],
    }
    assert any(row["reports"] == "suppressed" for row in rows.values())
    for name in count_fields:
        for margin, keys in margins.items():
            hidden = [key for key in keys if rows[key][name] == "suppressed"]
            assert len(hidden) != 1, (name, margin, hidden)
    for row in rows.values():
        for name in count_fields:
            assert row[name] == "suppressed" or not 1 <= int(row[name]) <= 10, row


def test_a_mean_over_fewer_than_11_answers_is_suppressed(client, feedback_page):
    for number in range(12):
        published_report(
            rating_respect=5 if number < 3 else 4,
            rating_listened=3 if number < 5 else None,
            rating_explained=2 if number < 11 else None,
        )
    resident_dataset.refresh()
    total = dataset_csv(client)[TOTAL]
    assert total["rating_respect_answers"] == "12"
    assert total["mean_rating_respect"] == "4.25"
    assert total["rating_listened_answers"] == "suppressed"
    assert total["mean_rating_listened"] == "suppressed"
    assert total["rating_explained_answers"] == "11"
    assert total["mean_rating_explained"] == "2.0"
    assert total["rating_fair_answers"] == "0"
    assert total["mean_rating_fair"] == "suppressed"  # no answers: under 11 too
    record = api_rows(client)[TOTAL]
    assert record["mean_rating_listened"] is None
    assert "mean_rating_listened" in record["_suppressed"]


def test_only_published_reports_that_are_not_hidden_are_counted(client, feedback_page, moderator):
    for _ in range(12):
        published_report()
    ReportFactory()  # waiting for moderation
    moderation.reject(ReportFactory(), moderator, "spam")
    published_report(hidden_by_flags=True)
    ReportFactory(status="rejected", public_text="Rejected.")
    resident_dataset.refresh()
    rows = dataset_csv(client)
    assert rows[TOTAL]["reports"] == "12"
    assert "12 published reports" in Dataset.objects.get(slug=SLUG).current_release().change_note
    Report.objects.filter(hidden_by_flags=True).update(hidden_by_flags=False)
    resident_dataset.refresh()
    assert dataset_csv(client)[TOTAL]["reports"] == "13"


def test_months_without_reports_are_rows_of_zeros(client, feedback_page):
    import datetime

    for _ in range(11):
        published_report(interaction_date=datetime.date(2026, 8, 3))
        published_report(interaction_date=datetime.date(2026, 10, 20))
    resident_dataset.refresh()
    rows = dataset_csv(client)
    assert {key[0] for key in rows} == {"2026-08", "2026-09", "2026-10"}
    assert rows[("2026-09", "All", "All")]["reports"] == "0"
    dataset = Dataset.objects.get(slug=SLUG)
    assert dataset.temporal_start == datetime.date(2026, 8, 1)
    assert dataset.temporal_end == datetime.date(2026, 10, 31)


def test_a_failed_refresh_is_logged_and_moderation_goes_on(
    feedback_page, moderator, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def broken(user=None):
        raise RuntimeError("storage is down")

    monkeypatch.setattr(resident_dataset, "refresh", broken)
    report = ReportFactory(account="A unique original 7QX.")
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        moderation.approve(report, moderator, "A public text.")
    report.refresh_from_db()
    assert report.status == "published"
    assert "Could not refresh the what-residents-told-us dataset" in caplog.text
    assert "7QX" not in caplog.text and report.receipt_code not in caplog.text


def test_the_dataset_is_in_the_catalogue_and_data_json(client, feedback_page):
    for _ in range(12):
        published_report()
    resident_dataset.refresh()
    assert "What residents told us" in client.get("/data/").content.decode()
    page = client.get(f"/data/{SLUG}/").content.decode()
    assert "The portal maintains this dataset itself" in page
    catalogue = client.get("/data.json").json()
    (entry,) = [d for d in catalogue["dataset"] if d["title"] == "What residents told us"]
    assert entry["accrualPeriodicity"] == "irregular"
    assert entry["temporal"].startswith("2026-10-01")
    fields = client.get(f"/api/v1/datasets/{SLUG}").json()["fields"]
    mean = next(field for field in fields if field["name"] == "mean_rating_respect")
    assert mean["numerator"] == mean["denominator"] == "rating_respect_answers"


@pytest.mark.django_db(transaction=True)
def test_frictionless_validates_the_datapackage(live_server):
    seton_hill = NeighbourhoodFactory(name="Seton Hill")
    poppleton = NeighbourhoodFactory(name="Poppleton")
    for number in range(15):
        published_report(
            neighbourhood=poppleton if number < 3 else seton_hill,
            interaction_type="arrested" if number < 2 else "stopped",
            rating_respect=4,
        )
    resident_dataset.refresh()
    report = validate(f"{live_server.url}/data/{SLUG}/datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_published_page_shows_the_trend_charts_and_links_the_dataset(client, feedback_page):
    for _ in range(12):
        published_report(rating_respect=4, rating_satisfied=3)
    resident_dataset.refresh()
    assert set(Chart.objects.values_list("title", flat=True)) == set(resident_dataset.CHARTS)
    html = client.get(PUBLISHED_URL).content.decode()
    trends = html.split('id="trends-heading"', 1)[1].split('id="reports-heading"', 1)[0]
    for title in resident_dataset.CHARTS:
        assert title in trends
    assert f'href="/data/{SLUG}/"' in trends
    assert trends.count("data-figure=") == 2
    assert html.count("vendor/plotly-basic.min.js") == 1
    assert "not enough data yet" not in html
    # The charts are created once; a later refresh keeps the staff's edits.
    Chart.objects.filter(title="Reports each month").update(summary="Edited by staff.")
    published_report()
    resident_dataset.refresh()
    assert Chart.objects.get(title="Reports each month").summary == "Edited by staff."
    assert Chart.objects.count() == 2


def test_the_command_publishes_once_and_then_reports_no_change(feedback_page):
    from io import StringIO

    from django.core.management import call_command

    for _ in range(12):
        published_report()
    out = StringIO()
    call_command("refresh_resident_dataset", stdout=out)
    call_command("refresh_resident_dataset", stdout=out)
    assert out.getvalue().splitlines() == [
        f"Published version 1 of {SLUG}.",
        "Nothing to publish: no published reports, or no change.",
    ]

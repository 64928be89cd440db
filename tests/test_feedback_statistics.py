"""What happened to every report and comment: each figure computed from a known set of
reports, comments, flags and requests to ask again; published through the open-data path
as a dataset, suppressed; and the same on the statistics page, in the CSV and in the API."""

import csv
import datetime
import io
import re
from decimal import Decimal
from html import unescape

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from feedback.models import AbuseFlag, AskAgainRequest, Comment, Report
from feedback.statistics import dataset as statistics_dataset
from feedback.statistics import figures as statistics
from feedback.statistics.views import MONTH_COLUMNS, SECTIONS
from publicdata.models import Dataset
from publicdata.numbers import format_value
from tests.factories import CommentFactory, ReportFactory

SLUG = statistics_dataset.SLUG
PAGE_URL = "/feedback/statistics/"
# Everything below happens by this moment: the table runs to its month.
NOW = timezone.make_aware(datetime.datetime(2026, 10, 20, 12))


def at(day, hour=10):
    """A moment on ``day`` in Baltimore."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def report(received, status="published", decided_after=None, responded_after=None, **fields):
    made = ReportFactory(status=status, **fields)
    Report.objects.filter(pk=made.pk).update(
        created_at=received,
        first_decided_at=received + datetime.timedelta(days=decided_after)
        if decided_after is not None
        else None,
        responded_at=received + datetime.timedelta(days=responded_after)
        if responded_after is not None
        else None,
    )
    return Report.objects.get(pk=made.pk)


def comment(page, received, status, **fields):
    made = CommentFactory(page=page, status=status, **fields)
    Comment.objects.filter(pk=made.pk).update(created_at=received)
    return made


@pytest.fixture
def known_feedback(feedback_page, home, admin_user):
    """August: 12 reports, 11 published after 1 to 10 days, 4 of them answered; one
    turned down as spam after half a day, asked about again in September. September: 5
    reports, 2 published, 1 without consent, 2 waiting; a published report hidden after
    flags. October: 3 comments (and a staff reply, not counted). Two flags in August."""
    august, september, october = (
        at(datetime.date(2026, 8, 3)),
        at(datetime.date(2026, 9, 5)),
        at(datetime.date(2026, 10, 1)),
    )
    days = [1, 1, 2, 2, 2, 3, 3, 4, 5, 6, 10]
    answered = [2, 3, 4, 5]
    published = [
        report(
            august,
            decided_after=day,
            responded_after=answered[number] if number < 4 else None,
            official_response="Thank you." if number < 4 else "",
        )
        for number, day in enumerate(days)
    ]
    spam = report(august, status="new", decided_after=0.5, rejection_reason="spam")
    request = AskAgainRequest.objects.create(report=spam, first_reason="spam")
    AskAgainRequest.objects.filter(pk=request.pk).update(created_at=at(datetime.date(2026, 9, 10)))
    report(september, decided_after=1)
    report(september, decided_after=3)
    report(
        september, status="rejected", decided_after=2, rejection_reason="no_consent", genuine=True
    )
    report(september, status="new")
    report(september, status="new")
    for key in ("a", "b"):
        flag = AbuseFlag.objects.create(report=published[0], reason="spam", reporter_key=key)
        AbuseFlag.objects.filter(pk=flag.pk).update(created_at=august + datetime.timedelta(days=2))
    entry = log(instance=published[0], action="feedback.hide")
    ModelLogEntry.objects.filter(pk=entry.pk).update(timestamp=september)
    for status in ("published", "rejected", "new"):
        comment(home, october, status)
    comment(home, october, "published", staff_author=admin_user, body="The program answers.")


def rows_by_month(rows):
    return {row[0]: dict(zip(statistics.COLUMNS, row, strict=True)) for row in rows}


def test_every_figure_is_computed_from_the_reports_comments_flags_and_requests(
    known_feedback,
):
    header, rows = statistics.table(NOW)
    assert header == statistics.COLUMNS
    by_month = rows_by_month(rows)
    assert list(by_month) == ["2026-08", "2026-09", "2026-10", "All"]
    august, september, october, whole = (by_month[key] for key in by_month)

    # The spam report was asked about again: it waits once more.
    assert {name: august[name] for name in statistics.REPORT_COUNTS if august[name]} == {
        "reports_received": 12,
        "reports_decided": 11,
        "reports_published": 11,
        "reports_waiting": 1,
        "reports_with_response": 4,
        "reports_without_response": 8,
    }
    assert august["median_days_to_decision"] == "3.0"  # 11 values: the sixth
    assert august["p90_days_to_decision"] == "6.0"  # the 10th of 11
    assert august["median_days_to_response"] == "3.5"  # between 3 and 4
    assert august["p90_days_to_response"] == "5.0"
    assert august["share_with_response"] == "0.333"
    assert august["flags"] == 2 and august["items_hidden"] == 0

    assert september["reports_received"] == 5
    assert september["reports_published"] == 2
    assert september["reports_not_published"] == september["reports_not_published_no_consent"] == 1
    assert september["reports_waiting"] == 2
    assert september["median_days_to_decision"] == "2.0"
    assert september["p90_days_to_decision"] == "3.0"
    assert september["median_days_to_response"] == ""  # none answered: not a number
    assert september["share_with_response"] == "0.000"
    assert (september["asked_again"], september["asked_again_waiting"]) == (1, 1)
    assert september["items_hidden"] == 1

    assert (october["comments_received"], october["comments_published"]) == (3, 1)
    assert (october["comments_not_published"], october["comments_waiting"]) == (1, 1)
    assert october["reports_received"] == 0 and october["median_days_to_decision"] == ""

    assert whole["reports_received"] == 17
    assert whole["reports_published"] == 13
    assert whole["reports_waiting"] == 3
    assert whole["median_days_to_decision"] == "2.5"  # 14 values: between the 7th and 8th
    assert whole["p90_days_to_decision"] == "6.0"
    assert whole["share_with_response"] == "0.235"
    assert (whole["comments_received"], whole["flags"], whole["asked_again"]) == (3, 2, 1)


def test_every_row_adds_up_as_the_dictionary_declares(known_feedback):
    _header, rows = statistics.table(NOW)
    for row in rows_by_month(rows).values():
        for total, groups in statistics.SUMS.items():
            for parts in groups:
                assert row[total] == sum(row[part] for part in parts), (row["month"], total)


def test_a_request_to_ask_again_is_counted_with_how_it_ended(known_feedback, admin_user):
    from feedback.moderation import decisions as moderation

    spam = Report.objects.get(ask_again__isnull=False)
    moderation.approve(spam, admin_user, "Redacted.")
    _header, rows = statistics.table(NOW)
    september = rows_by_month(rows)["2026-09"]
    assert (september["asked_again"], september["asked_again_published"]) == (1, 1)
    assert september["asked_again_waiting"] == 0


def test_a_report_staff_entered_later_counts_from_the_day_it_was_received(db):
    # A paper card handed in on 30 September, typed in on 2 October, decided 3 October.
    typed_in = at(datetime.date(2026, 10, 2), hour=12)
    card = report(typed_in, channel="paper", decided_after=1)
    Report.objects.filter(pk=card.pk).update(received_on=datetime.date(2026, 9, 30))
    by_month = rows_by_month(statistics.table(NOW)[1])
    assert by_month["2026-09"]["reports_received"] == 1
    assert by_month["2026-10"]["reports_received"] == 0
    # From the start of 30 September to noon on 3 October.
    assert by_month["2026-09"]["median_days_to_decision"] == "3.5"


def test_nothing_received_gives_no_rows_and_no_release(client, feedback_page):
    assert statistics.table(NOW) == (statistics.COLUMNS, [])
    assert statistics_dataset.refresh(now=NOW) is None
    assert "There are no figures yet" in client.get(PAGE_URL).content.decode()


def page_figures(html):
    """{title: text} of the whole pilot on the page, and {(month, column number): text}."""
    whole = html.split('id="whole-pilot-heading"', 1)[1].split('id="months-heading"', 1)[0]
    figures = {
        unescape(title): unescape(re.sub(r"<[^>]+>", "", value))
        for title, value in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", whole)
    }
    table = html.split('id="months-table-caption"', 1)[1].split("</table>", 1)[0]
    months = {}
    for month, cells in re.findall(
        r'<tr><th scope="row"><time datetime="([0-9-]+)">.*?</time></th>(.*?)</tr>', table
    ):
        values = re.findall(r"<td>(.*?)</td>", cells)
        months[month] = [unescape(re.sub(r"<[^>]+>", "", value)) for value in values]
    return figures, months


def download_csv(client):
    response = client.get(f"/data/{SLUG}/download.csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    return {row["month"]: row for row in csv.DictReader(io.StringIO(text))}


def api_rows(client):
    rows = client.get(f"/api/v1/datasets/{SLUG}/rows?limit=1000").json()["rows"]
    return {row["month"]: row for row in rows}


def as_page_writes_it(text, name, kinds):
    if text == "suppressed":
        return "suppressed"
    if text == "":
        return "—"
    return format_value(Decimal(text), kinds.get(name))


def test_the_page_the_csv_and_the_api_give_the_same_figures(client, known_feedback):
    release = statistics_dataset.refresh(now=NOW)
    assert release is not None and release.version == 1
    dataset = Dataset.objects.get(slug=SLUG)
    fields = {spec.name: spec for spec in dataset.fields.all()}
    kinds = {name: spec.unit_kind for name, spec in fields.items() if spec.type != "string"}
    html = client.get(PAGE_URL).content.decode()
    figures, months = page_figures(html)
    rows = download_csv(client)
    api = api_rows(client)

    whole = rows["All"]
    on_the_page = [name for _heading, names in SECTIONS for name in names]
    assert {whole[name] for name in on_the_page} & {"suppressed"}  # hidden cells compared
    assert {whole[name] for name in on_the_page} - {"suppressed", ""}  # and shown ones
    for name in on_the_page:
        value = whole[name]
        assert figures[fields[name].title] == as_page_writes_it(value, name, kinds), name
        record = api["All"][name]
        if value == "suppressed":
            assert record is None and name in api["All"]["_suppressed"]
        elif value == "":
            assert record is None
        else:
            assert Decimal(str(record)) == Decimal(value), name
    for month, cells in months.items():
        expected = [as_page_writes_it(rows[month][name], name, kinds) for name in MONTH_COLUMNS]
        assert cells == expected, month
    assert list(months) == ["2026-10", "2026-09", "2026-08"]  # newest first


def test_small_counts_never_leave_the_server(client, known_feedback):
    statistics_dataset.refresh(now=NOW)
    rows = download_csv(client)
    for row in rows.values():
        for name in statistics.COUNTS:
            value = row[name]
            assert value == "suppressed" or not 0 < int(value) < 11, (row["month"], name)
    html = client.get(PAGE_URL).content.decode()
    assert "suppressed" in html
    # The raw values of small cells appear nowhere on the page.
    figures, _months = page_figures(html)
    fields = {spec.name: spec.title for spec in Dataset.objects.get(slug=SLUG).fields.all()}
    assert figures[fields["flags"]] == "suppressed"  # 2 flags


def test_a_release_is_published_only_when_the_figures_change(known_feedback):
    assert statistics_dataset.refresh(now=NOW).version == 1
    assert statistics_dataset.refresh(now=NOW) is None
    report(at(datetime.date(2026, 10, 2)), decided_after=1)
    assert statistics_dataset.refresh(now=NOW).version == 2


def test_the_page_shows_the_release_not_the_database(client, known_feedback):
    statistics_dataset.refresh(now=NOW)
    before = client.get(PAGE_URL).content.decode()
    for _ in range(5):
        report(at(datetime.date(2026, 10, 2)), decided_after=1)
    assert client.get(PAGE_URL).content.decode() == before
    statistics_dataset.refresh(now=NOW)
    assert client.get(PAGE_URL).content.decode() != before


def test_the_dataset_is_in_the_catalogue_with_its_charts(client, known_feedback):
    statistics_dataset.refresh(now=NOW)
    catalogue = client.get("/data.json").json()
    assert any(entry["identifier"].endswith(f"/data/{SLUG}/") for entry in catalogue["dataset"])
    page = client.get(f"/data/{SLUG}/").content.decode()
    assert "Sum of:" in page
    html = client.get(PAGE_URL).content.decode()
    for title in statistics_dataset.CHARTS:
        assert title in html


def test_the_page_reads_in_spanish(client, known_feedback):
    from wagtail.models import Locale
    from wagtail_localize.synctree import synchronize_tree

    synchronize_tree(Locale.objects.get(language_code="en"), Locale.objects.get(language_code="es"))
    statistics_dataset.refresh(now=NOW)
    response = client.get("/es" + PAGE_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Reportes recibidos" in html and "Cuánto esperaron los residentes" in html


def test_the_command_publishes_the_days_figures(known_feedback, capsys):
    call_command("refresh_feedback_statistics")
    assert "Published version 1" in capsys.readouterr().out
    call_command("refresh_feedback_statistics")
    assert "Nothing to publish" in capsys.readouterr().out


def test_the_footer_lists_the_statistics_and_the_actions_under_the_feedback_page(
    client, feedback_page
):
    from wagtail.models import Locale
    from wagtail_localize.synctree import synchronize_tree

    feedback_page.show_in_menus = True
    feedback_page.save_revision().publish()
    synchronize_tree(Locale.objects.get(language_code="en"), Locale.objects.get(language_code="es"))
    for prefix, statistics_label, actions_label in [
        ("", "What happened to every report", "You said, we did"),
        ("/es", "Qué pasó con cada reporte", "Ustedes dijeron, nosotros hicimos"),
    ]:
        html = client.get(f"{prefix}/feedback/").content.decode()
        footer = html.split('class="footer-nav"', 1)[1]
        section = footer.split(f'href="{prefix}/feedback/"', 1)[1].split("</div>", 1)[0]
        assert f'<a href="{prefix}/feedback/statistics/">{statistics_label}</a>' in section
        assert f'<a href="{prefix}/feedback/actions/">{actions_label}</a>' in section

"""A date or month that is not a real one, or not one the data can hold, gets a clear
error that says what would work, on every public page and in the API, in English and
Spanish; never a server error. (tests/test_hostile_input.py throws every edge of the
calendar at each of these parameters.)"""

import datetime
import io
import re

import pytest
from django.utils import timezone

from feedback.moderation import decisions as moderation
from publicdata.models import FieldSpec
from publicdata.validation import validate_csv
from tests.factories import NeighbourhoodFactory, ReportFactory
from tests.feedback_helpers import FORM_URL, report_data

PUBLISHED_URL = "/feedback/published/"
CSV_URL = "/feedback/published/reports.csv"
ROWS_URL = "/api/v1/datasets/referrals/rows"
NOT_MONTHS = [
    "0000-01",
    "2026-00",
    "2026-13",
    "10000-01",
    "-2026-01",
    "٢٠٢٦-٠١",
    "２０２６-０１",
    "x\x00",
]


def this_month():
    return timezone.localdate().replace(day=1)


@pytest.fixture
def published(feedback_page, django_user_model):
    moderator = django_user_model.objects.create_superuser("moderator", "m@example.org", "x")
    report = ReportFactory(interaction_date=this_month())
    return moderation.approve(report, moderator, "The officer listened.")


def month_error(html):
    match = re.search(r'id="filter-month-error"><span[^>]*>[^<]*</span>([^<]*)<', html)
    return match.group(1).strip() if match else None


@pytest.mark.parametrize("month", NOT_MONTHS)
def test_a_month_that_is_not_one_gets_a_400_that_says_what_would_work(client, published, month):
    response = client.get(PUBLISHED_URL, {"month": month})
    html = response.content.decode()
    assert response.status_code == 400
    example = this_month().strftime("%Y-%m")
    message = f"Choose a month from the list, or write it as year and month, such as {example}."
    assert month_error(html) == message
    assert f'<a href="#filter-month">{message}</a>' in html  # the summary at the top
    assert 'aria-invalid="true"' in html and "<title>Error:" in html
    # The list is still there, without the month.
    assert "1 report" in html and "The officer listened." in html


@pytest.mark.parametrize("month", ["2014-12", "0001-01", "9999-12", "next month"])
def test_a_month_no_report_can_be_from_names_the_months_that_can(client, published, month):
    if month == "next month":
        month = (this_month() + datetime.timedelta(days=31)).strftime("%Y-%m")
    response = client.get(PUBLISHED_URL, {"month": month})
    assert response.status_code == 400
    last = this_month().strftime("%B %Y")
    assert month_error(response.content.decode()) == f"Choose a month from January 2015 to {last}."


def test_the_month_error_reads_in_spanish(client, published):
    response = client.get(f"/es{PUBLISHED_URL}", {"month": "2014-12"})
    assert response.status_code == 400
    error = month_error(response.content.decode())
    assert error.startswith("Elija un mes entre enero de 2015 y "), error


@pytest.mark.parametrize("month", ["2015-01", "this month"])
def test_every_month_from_the_first_to_this_one_filters_the_list(client, published, month):
    if month == "this month":
        month = this_month().strftime("%Y-%m")
    response = client.get(PUBLISHED_URL, {"month": month})
    assert response.status_code == 200
    html = response.content.decode()
    assert month_error(html) is None
    assert ("1 report" in html) == (month == this_month().strftime("%Y-%m"))


@pytest.mark.parametrize("prefix", ["", "/es"])
@pytest.mark.parametrize("month", ["0000-01", "2026-13", "٢٠٢٦-٠١", "2014-12"])
def test_the_csv_refuses_a_month_that_is_not_one_with_a_400_that_says_why(
    client, published, prefix, month
):
    response = client.get(prefix + CSV_URL, {"month": month})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().startswith("month: ")
    assert "Choose a month from" in response.content.decode() or prefix == "/es"


@pytest.mark.parametrize(("language", "typed"), [("en", "03/14/2026"), ("es", "14/03/2026")])
def test_a_date_typed_as_the_error_shows_it_is_taken(client, feedback_page, language, typed):
    prefix = "" if language == "en" else "/es"
    place = NeighbourhoodFactory(name="Harlem Park")
    wrong = client.post(prefix + FORM_URL, report_data(client, place, interaction_date="14.3.26"))
    assert wrong.status_code == 400
    # Spanish gives the date as the phone's date picker writes it, then as it is typed.
    assert f"such as {typed}." in wrong.content.decode() or (
        f"como el 14 de marzo de 2026 ({typed})." in wrong.content.decode()
    )
    taken = client.post(prefix + FORM_URL, report_data(client, place, interaction_date=typed))
    assert taken.status_code == 200, re.findall(
        r'class="field__error"[^>]*>(.*?)</p>', taken.content.decode(), re.S
    )


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"month": "0000-01"}, "is not a year and month in the form YYYY-MM, from 0001-01"),
        ({"month__gte": "0000-12"}, "is not a year and month in the form YYYY-MM, from 0001-01"),
        ({"month": "٢٠١٧-01"}, "is not a year and month in the form YYYY-MM"),
        ({"month__lt": "２０１７-０２"}, "is not a year and month in the form YYYY-MM"),
        ({"month": "10000-01"}, "is not a year and month in the form YYYY-MM"),
        ({"first_contact__lte": "0000-01-01"}, "is not a date in the form YYYY-MM-DD"),
        ({"first_contact__gt": "2017-02-29"}, "is not a date in the form YYYY-MM-DD"),
        ({"first_contact__gt": "٢٠١٧-٠١-٠٣"}, "is not a date in the form YYYY-MM-DD"),
    ],
)
def test_the_api_refuses_a_date_or_month_that_is_not_one(client, referrals, params, message):
    response = client.get(ROWS_URL, params)
    assert response.status_code == 400
    assert message in response.json()["error"]


@pytest.mark.parametrize(
    "params",
    [{"month__gte": "0001-01"}, {"month__lt": "9999-12"}, {"first_contact__gt": "0001-01-01"}],
)
def test_the_api_takes_any_real_date_or_month_as_a_bound(client, referrals, params):
    response = client.get(ROWS_URL, params)
    assert response.status_code == 200
    assert response.json()["count"] == 6


@pytest.mark.parametrize("cell", ["0000-01", "٢٠٢٦-01", "２０２６-01", "2026-1"])
def test_a_release_with_a_month_that_is_not_one_is_refused_at_upload(cell):
    fields = [FieldSpec(name="month", title="Month", type="yearmonth", role="dimension")]
    quoted = '"' + cell + '"'
    report = validate_csv(io.BytesIO(f"month\n{quoted}\n".encode()), fields)
    assert not report.is_valid
    assert "is not a year and month in the form YYYY-MM" in report.problems[0].message

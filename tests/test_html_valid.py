"""Every public page type is valid HTML, in every language, checked by the Nu Html Checker.

The demo site is built once for the module; each page (and each form shown with its
errors) is rendered with the test client, written to a temporary folder, and the whole
folder is checked in one run of vnu.jar (the JVM is slow to start). Each page is then
its own test, failing with one line per error: page, address, line, message, extract.

vnu.jar comes from npm (``vnu-jar`` in package.json) and runs with Java. On a developer's
machine without either the tests skip and say why; in CI (the CI variable set) a missing
tool is a failure, so the check can never silently disappear there.
"""

import json
import os
import re
import shutil
import subprocess
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.template.loader import render_to_string
from django.test import Client, override_settings

from tests.public_pages import LANGUAGES, in_language, page_urls

# The module fixture below builds the demo itself; the mark makes pytest-django create
# the test database for a run of this file alone.
pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
STATUS_URL = "/feedback/status/"
FEEDBACK_URL = "/feedback/"
EXPLAINER_URL = "/lead/what-is-lead/"
WRONG_CODE = "AAA-AAA-AAA-AAA"
STRAY = "(no page)"

# Pages reached by posting a form, in every language: (name, expected status).
FORM_PAGES = [
    ("feedback-form-errors", 400),
    ("feedback-thank-you", 200),
    ("status-result", 200),
    ("status-wrong-code", 400),
    ("status-ask-again", 200),
    ("ask-again-errors", 400),
    ("asked-again", 200),
    ("comment-form-errors", 400),
    ("feedback-thank-you-crisis", 200),
    ("printable-form", 200),
    ("printable-card", 200),
    ("printable-poster", 200),
    ("updates-stopped", 200),
]
# Pages outside the language prefixes: (name, expected status).
OTHER_PAGES = [
    ("chart-embed", 200),
    ("api-docs", 200),
    ("flag-comment", 200),
    ("flag-report-errors", 400),
    ("flag-thanks", 200),
    ("error-500", 200),
    ("error-503", 200),
]
# Every other live page of the demo (each block type is on one of them), checked together.
OTHER_LIVE_PAGES = "other-live-pages"

PAGES = (
    [name for name, _ in page_urls()]
    + [f"{name}-{language}" for language in LANGUAGES for name, _ in FORM_PAGES]
    + [name for name, _ in OTHER_PAGES]
    + [OTHER_LIVE_PAGES]
)


def _missing(reason):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (required in CI)", pytrace=False)
    pytest.skip(reason)


def _form_token(client, path):
    html = client.get(path).content.decode()
    return re.search(r'name="form_token" value="([^"]+)"', html).group(1)


def _post(client, path, data):
    # Each page starts with empty rate-limit counters, as every test in the suite does.
    cache.clear()
    return client.post(path, data)


def _form_pages(client, language):
    """(name, response) for each form shown after a post, in ``language``."""
    from feedback.models import Neighbourhood, Report

    feedback_url = in_language(FEEDBACK_URL, language)
    status_url = in_language(STATUS_URL, language)
    explainer_url = in_language(EXPLAINER_URL, language)
    answered = (
        Report.objects.exclude(official_response="").filter(status="published").first()
        or Report.objects.first()
    )
    invalid_report = {
        "form_token": _form_token(client, feedback_url),
        "interaction_date": "not a date",
        "account": "",
        "rating_respect": "11",
        "contact_email": "not an address",
        "website": "",
    }
    invalid_comment = {
        "form_token": _form_token(client, explainer_url),
        "display_name": "Dee",
        "body": "   ",
        "parent": "",
        "website": "",
    }
    valid_report = {
        "form_token": _form_token(client, feedback_url),
        "interaction_date": "2026-10-14",
        "neighbourhood": str(Neighbourhood.objects.first().pk),
        "interaction_type": "lead_referral",
        "lead_mentioned": "yes",
        "account": "The officer explained LEAD and called a case manager for me.",
        "consent_to_publish": "yes",
        "rating_respect": "5",
        "website": "",
    }
    yield "feedback-form-errors", _post(client, feedback_url, invalid_report)
    yield "feedback-thank-you", _post(client, feedback_url, valid_report)
    yield "status-result", _post(client, status_url, {"code": answered.display_code})
    yield "status-wrong-code", _post(client, status_url, {"code": WRONG_CODE})
    # A report turned down, with the form to ask again; the form sent back with a note too
    # long; and the page after asking.
    turned_down = Report.objects.filter(status="rejected", ask_again__isnull=True).order_by("pk")[
        {"en": 0, "es": 1}.get(language, 0)
    ]
    ask_url = status_url + "ask-again/"
    yield "status-ask-again", _post(client, status_url, {"code": turned_down.display_code})
    yield (
        "ask-again-errors",
        _post(client, ask_url, {"code": turned_down.display_code, "note": "x" * 1001}),
    )
    yield "asked-again", _post(client, ask_url, {"code": turned_down.display_code, "note": ""})
    yield "comment-form-errors", _post(client, explainer_url, invalid_comment)
    crisis_report = {**valid_report, "form_token": _form_token(client, feedback_url)}
    yield (
        "feedback-thank-you-crisis",
        _post(client, feedback_url, {**crisis_report, "help_now": "yes"}),
    )
    for kind in ("form", "card", "poster"):
        yield f"printable-{kind}", client.get(f"{feedback_url}print/{kind}/a4/")
    yield (
        "updates-stopped",
        client.get(in_language("/feedback/updates/stop/no-such-link/", language)),
    )


def _other_pages(client):
    from feedback.models import Comment, Report
    from publicdata.models import Chart

    comment = Comment.objects.filter(status="published").first()
    report = Report.objects.filter(status="published").first()
    flag_url = f"/flag/report/{report.public_id}/"
    yield "chart-embed", client.get(f"/embed/charts/{Chart.objects.first().pk}/")
    yield "api-docs", client.get("/api/v1/docs")
    yield "flag-comment", client.get(f"/flag/comment/{comment.public_id}/")
    token = _form_token(client, flag_url)
    yield "flag-report-errors", _post(client, flag_url, {"form_token": token, "reason": ""})
    flag = {"form_token": token, "reason": "personal_information", "note": ""}
    yield "flag-thanks", _post(client, flag_url, flag)


def _error_pages():
    """The error pages, rendered as their handlers do: without a request."""
    yield "error-500", "500.html", render_to_string("500.html")
    yield "error-503", "503.html", render_to_string("503.html", {"was_sending": True})


def _other_live_pages():
    """Every live page of the demo whose address is not checked on its own."""
    from wagtail.models import Page

    covered = {path for _, path in page_urls()}
    pages = Page.objects.live().public().filter(depth__gte=2).specific()
    return sorted({page.url for page in pages} - covered)


def _render_every_page(folder):
    """Write each page's HTML to ``folder``; return {file stem: (test, path, file, problems)}."""
    client = Client()
    rendered = {}

    def keep(name, path, status, content, expected=200, test=None):
        file = folder / f"{name}.html"
        file.write_bytes(content)
        problems = [f"{path}: answered {status}, not {expected}"] if status != expected else []
        rendered[name] = (test or name, path, file, problems)

    def keep_response(name, response, expected=200, test=None):
        path = response.request["PATH_INFO"]
        if response.request.get("QUERY_STRING"):
            path += "?" + response.request["QUERY_STRING"]
        keep(name, path, response.status_code, response.content, expected, test)

    for name, path in page_urls():
        cache.clear()
        keep_response(name, client.get(path), 404 if name.startswith("not-found-") else 200)
    for language in LANGUAGES:
        for name, response in _form_pages(client, language):
            keep_response(f"{name}-{language}", response, dict(FORM_PAGES)[name])
    for name, response in _other_pages(client):
        keep_response(name, response, dict(OTHER_PAGES)[name])
    for name, template, html in _error_pages():
        keep(name, template, 200, html.encode())
    for number, path in enumerate(_other_live_pages()):
        keep_response(f"live-{number}", client.get(path), test=OTHER_LIVE_PAGES)
    return rendered


def _check_with_vnu(files):
    """The checker's error messages for ``files``, in one JVM, as parsed JSON."""
    completed = subprocess.run(  # noqa: S603 (fixed arguments, our own files)
        [
            shutil.which("java"),
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            "--exit-zero-always",
            "--stdout",
            *[str(file) for file in files],
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if completed.returncode != 0:
        # With --exit-zero-always, only a checker that could not run exits non-zero.
        pytest.fail(f"vnu.jar did not run: {completed.stderr.strip()}", pytrace=False)
    return json.loads(completed.stdout)["messages"]


@pytest.fixture(scope="module")
def html_errors(django_db_setup, django_db_blocker, tmp_path_factory):
    """{page name: [one readable line per problem]} for every page."""
    if shutil.which("java") is None:
        _missing("Java not found: install a Java runtime (11 or later) to check HTML with vnu.jar")
    if not VNU_JAR.exists():
        _missing("vnu.jar not found in node_modules: run `npm ci` to check HTML")
    folder = tmp_path_factory.mktemp("html")
    with (
        django_db_blocker.unblock(),
        override_settings(FEEDBACK_MIN_FILL_SECONDS=0),
        transaction.atomic(),
    ):
        call_command("load_demo_site", "--no-admin", stdout=StringIO())
        rendered = _render_every_page(folder)
        # Nothing the demo made outlives this module.
        transaction.set_rollback(True)
    cache.clear()
    messages = _check_with_vnu(file for _, _, file, _ in rendered.values())
    for message in messages:
        name = Path(urlsplit(message.get("url", "")).path).stem
        if name not in rendered:
            # The checker could not read a file, or named one we did not write.
            name = STRAY
            rendered.setdefault(STRAY, (STRAY, None, None, []))
        path = rendered[name][1] or message.get("url")
        extract = " ".join(message.get("extract", "").split())
        rendered[name][3].append(
            f"{path}:{message.get('lastLine', '?')}: {message['message']} [{extract}]"
        )
    errors = {}
    for test, _, _, problems in rendered.values():
        errors.setdefault(test, []).extend(problems)
    return errors


@pytest.mark.parametrize("name", PAGES)
def test_page_is_valid_html(html_errors, name):
    problems = html_errors.get(name, [f"{name}: not rendered"])
    if problems:
        pytest.fail(f"{len(problems)} HTML problems:\n" + "\n".join(problems), pytrace=False)


def test_the_checker_read_every_page(html_errors):
    """Messages about no page we wrote (an unreadable file) are failures too."""
    problems = html_errors.get(STRAY, [])
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)

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
    ("status-result", 200),
    ("status-wrong-code", 400),
    ("comment-form-errors", 400),
]
# Pages outside the language prefixes: a chart alone for iframes, the API's docs.
OTHER_PAGES = ["chart-embed", "api-docs"]

PAGES = (
    [name for name, _ in page_urls()]
    + [f"{name}-{language}" for language in LANGUAGES for name, _ in FORM_PAGES]
    + OTHER_PAGES
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
    from feedback.models import Report

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
    yield "feedback-form-errors", _post(client, feedback_url, invalid_report)
    yield "status-result", _post(client, status_url, {"code": answered.display_code})
    yield "status-wrong-code", _post(client, status_url, {"code": WRONG_CODE})
    yield "comment-form-errors", _post(client, explainer_url, invalid_comment)


def _other_pages(client):
    from publicdata.models import Chart

    yield "chart-embed", client.get(f"/embed/charts/{Chart.objects.first().pk}/")
    yield "api-docs", client.get("/api/v1/docs")


def _render_every_page(folder):
    """Write each page's HTML to ``folder``; return {name: (path, file, problems)}."""
    client = Client()
    rendered = {}

    def keep(name, response, expected=200):
        file = folder / f"{name}.html"
        file.write_bytes(response.content)
        path = response.request["PATH_INFO"]
        if response.request.get("QUERY_STRING"):
            path += "?" + response.request["QUERY_STRING"]
        wrong_status = response.status_code != expected
        rendered[name] = (path, file, [f"{path}: answered {response.status_code}"] * wrong_status)

    for name, path in page_urls():
        cache.clear()
        keep(name, client.get(path), 404 if name.startswith("not-found-") else 200)
    for language in LANGUAGES:
        for name, response in _form_pages(client, language):
            keep(f"{name}-{language}", response, dict(FORM_PAGES)[name])
    for name, response in _other_pages(client):
        keep(name, response)
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
        check=True,
    )
    return json.loads(completed.stdout)["messages"]


@pytest.fixture(scope="module")
def html_errors(django_db_setup, django_db_blocker, tmp_path_factory):
    """{page name: [one readable line per problem]} for every page."""
    if shutil.which("java") is None:
        _missing("Java not found: install a Java runtime (17+) to check HTML with vnu.jar")
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
    messages = _check_with_vnu(file for _, file, _ in rendered.values())
    for message in messages:
        name = Path(urlsplit(message.get("url", "")).path).stem
        if name not in rendered:
            # The checker could not read a file, or named one we did not write.
            name = STRAY
            rendered.setdefault(STRAY, (None, None, []))
        path = rendered[name][0] or message.get("url")
        extract = " ".join(message.get("extract", "").split())
        rendered[name][2].append(
            f"{path}:{message.get('lastLine', '?')}: {message['message']} [{extract}]"
        )
    return {name: problems for name, (_, _, problems) in rendered.items()}


@pytest.mark.parametrize("name", PAGES)
def test_page_is_valid_html(html_errors, name):
    problems = html_errors[name]
    if problems:
        pytest.fail(f"{len(problems)} HTML problems:\n" + "\n".join(problems), pytrace=False)


def test_the_checker_read_every_page(html_errors):
    """Messages about no page we wrote (an unreadable file) are failures too."""
    problems = html_errors.get(STRAY, [])
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)

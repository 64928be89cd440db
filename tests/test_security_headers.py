"""Every public response carries the strict security headers: a Content-Security-Policy
with a fresh nonce and nothing inline without it, no framing except the chart embed page,
Google's captcha hosts only on the two captcha pages and only with keys set; and the
production settings pass ``manage.py check --deploy`` untouched."""

import base64
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from feedback.comments import flags
from home.models import ExplainerPage, NewsPage
from publicdata.models import Chart, Dataset
from tests.test_settings import CAPTCHA_KEYS, GOOD_KEY, PROXY_COUNT, run_check

GOOGLE_HOSTS = ("www.google.com", "www.gstatic.com")


@pytest.fixture
def demo(db):
    call_command("load_demo_site", "--no-admin", stdout=StringIO())


def flag_url():
    """The "Report this" form of a published item of the demo site."""
    for kind, model in flags.KINDS.items():
        for item in model.objects.all():
            if flags.flaggable(kind, item.public_id):
                return f"/flag/{kind}/{item.public_id}/"
    raise AssertionError("the demo site has nothing to flag")


def public_urls():
    """One address of every kind of public response."""
    dataset = Dataset.objects.order_by("pk").first()
    return [
        "/",
        ExplainerPage.objects.live().first().url,
        NewsPage.objects.live().first().url,
        "/outcomes/",
        "/feedback/",
        "/feedback/status/",
        "/feedback/published/",
        "/data/",
        f"/data/{dataset.slug}/",
        f"/data/{dataset.slug}/download.csv",
        "/data.json",
        "/api/v1/datasets",
        "/search/?q=lead",
        "/no-such-page/",
        flag_url(),
    ]


def directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, _, values in (part.strip().partition(" ") for part in policy.split(";"))
    }


def nonce(response):
    return re.search(r"'nonce-([^']+)'", directives(response)["script-src"]).group(1)


def test_every_public_response_sends_the_strict_policy_with_a_fresh_nonce(client, demo):
    for url in public_urls():
        first, second = client.get(url), client.get(url)
        assert first.status_code in (200, 404), url
        policy = directives(first)
        assert policy["default-src"] == "'self'", url
        assert policy["script-src"] == f"'self' 'nonce-{nonce(first)}'", url
        assert policy["style-src"] == f"'self' 'nonce-{nonce(first)}'", url
        assert policy["img-src"] == "'self' data:", url
        assert policy["object-src"] == "'none'", url
        assert policy["base-uri"] == "'self'", url
        assert policy["form-action"] == "'self'", url
        assert policy["frame-ancestors"] == "'none'", url
        assert "frame-src" not in policy, url
        assert "unsafe-inline" not in first["Content-Security-Policy"], url
        assert "unsafe-eval" not in first["Content-Security-Policy"], url
        assert nonce(first) != nonce(second), url
        assert first["X-Frame-Options"] == "DENY", url


def test_every_public_response_sends_the_other_security_headers(client, demo):
    for url in public_urls():
        response = client.get(url)
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", url
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
        permissions = response["Permissions-Policy"]
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert f"{feature}=()" in permissions, url
        assert "browsing-topics=()" in permissions and "interest-cohort=()" in permissions


def test_inline_scripts_on_public_pages_carry_the_nonce(client, demo):
    for url in ["/", "/outcomes/", "/feedback/", "/data/"]:
        response = client.get(url)
        html = response.content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            if "src=" in tag or 'type="application/json"' in tag:
                continue
            assert f'nonce="{nonce(response)}"' in tag, (url, tag)


def test_only_the_embed_page_may_be_framed_by_any_site(client, demo):
    chart = Chart.objects.filter(kind="bar").first() or Chart.objects.first()
    response = client.get(f"/embed/charts/{chart.pk}/")
    if response.status_code == 404:  # a key figure: pick a chart that draws
        for chart in Chart.objects.all():
            response = client.get(f"/embed/charts/{chart.pk}/")
            if response.status_code == 200:
                break
    assert response.status_code == 200
    policy = directives(response)
    assert policy["frame-ancestors"] == "*"
    assert policy["script-src"] == f"'self' 'nonce-{nonce(response)}'"
    assert "X-Frame-Options" not in response
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_pages_that_draw_charts_load_plotly_styles_from_a_file(client, demo):
    html = client.get("/outcomes/").content.decode()
    # plotly.js injects no <style> when it finds this element: no 'unsafe-inline' needed.
    assert re.search(r'<link [^>]*id="plotly.js-style-global" class="no-inline-styles"', html)


def test_the_captcha_hosts_are_allowed_only_on_the_captcha_pages_and_only_with_keys(client, demo):
    explainer = ExplainerPage.objects.live().first()
    with override_settings(RECAPTCHA_PUBLIC_KEY="site-key", RECAPTCHA_PRIVATE_KEY="secret"):
        for url in ["/feedback/", flag_url()]:
            response = client.get(url)
            assert response.status_code == 200, url
            policy = directives(response)
            for host in GOOGLE_HOSTS:
                assert f"https://{host}" in policy["script-src"], url
            assert policy["frame-src"] == "https://www.google.com", url
            assert policy["frame-ancestors"] == "'none'", url
        for url in ["/", explainer.url, "/data/", "/feedback/status/"]:
            policy = client.get(url)["Content-Security-Policy"]
            assert not any(host in policy for host in GOOGLE_HOSTS), url
    for url in ["/feedback/", flag_url()]:
        policy = client.get(url)["Content-Security-Policy"]
        assert not any(host in policy for host in GOOGLE_HOSTS), url


def test_the_captcha_widget_runs_no_inline_script(client, demo):
    with override_settings(RECAPTCHA_PUBLIC_KEY="site-key", RECAPTCHA_PRIVATE_KEY="secret"):
        html = client.get("/feedback/").content.decode()
    assert "https://www.google.com/recaptcha/api.js" in html
    inline = [
        tag
        for tag in re.findall(r"<script\b[^>]*>", html)
        if "src=" not in tag and 'type="application/json"' not in tag
    ]
    assert inline == []


def test_production_settings_pass_the_deployment_checks():
    """``check --deploy`` with the production settings and a real configuration: nothing
    to report and nothing silenced."""
    # Read by the contact-detail encryption in production; unused where it is not there.
    contact_key = base64.urlsafe_b64encode(b"k" * 32).decode()
    result = run_check(
        "--deploy",
        "--fail-level",
        "DEBUG",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="lead.example.org",
        FEEDBACK_CONTACT_KEYS=contact_key,
        **CAPTCHA_KEYS,
        **PROXY_COUNT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout

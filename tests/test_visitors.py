"""Who counts as one visitor: the address the trusted proxies saw, an IPv6 visitor's whole
/64, and production refusing to count everyone behind a proxy as one address.

Rate limits, "Report this" and staff lockouts all key on the same network, so one person
with a /64 of addresses is one person everywhere, and nobody can lock out a colleague or
use up everyone's limits by coming through the proxy."""

import json
import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group

from feedback.models import AbuseFlag, Neighbourhood, Report
from portal.visitors import client_network, visitor_network
from tests.factories import CommentFactory
from tests.feedback_helpers import FORM_URL, report_data
from tests.production_helpers import run_python

# Two addresses in one /64, and one in the next /64.
SAME_HOME = ("2001:db8:1:2::10", "2001:db8:1:2:ffff:ffff:ffff:fffe")
NEXT_DOOR = "2001:db8:1:3::10"


@pytest.mark.parametrize(
    "address, network",
    [
        ("203.0.113.9", "203.0.113.9"),
        (" 203.0.113.9 ", "203.0.113.9"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::"),
        ("2001:DB8:1:2::", "2001:db8:1:2::"),
        ("2001:0db8:0001:0002:ffff:ffff:ffff:ffff", "2001:db8:1:2::"),
        ("::1", "::"),
        ("fe80::1%eth0", "fe80::"),
        # IPv4 written as IPv6 is the IPv4 address.
        ("::ffff:203.0.113.9", "203.0.113.9"),
        ("::ffff:cb00:7109", "203.0.113.9"),
        # As some proxies append it, with the port.
        ("203.0.113.9:51234", "203.0.113.9"),
        ("[2001:db8:1:2::7]:443", "2001:db8:1:2::"),
        ("[2001:db8:1:2::7]", "2001:db8:1:2::"),
    ],
)
def test_a_visitor_is_an_ipv4_address_or_an_ipv6_64(address, network):
    assert visitor_network(address) == network


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "   ",
        "unknown",
        "not-an-address",
        "203.0.113",
        "203.0.113.256",
        "01.2.3.4",
        "2001:db8::1::2",
        "[2001:db8::1",
        "203.0.113.9:99999999",
        "2001:db8:1:2::/64",
        "1" * 5000,
        "٢٠٣.٠.١١٣.٩",
        "203.0.113.9\x00",
    ],
)
def test_anything_else_is_no_address(text):
    assert visitor_network(text) is None


def request_from(rf, address, forwarded=None):
    extra = {"REMOTE_ADDR": address}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return rf.get("/", **extra)


def test_the_forwarded_address_counts_only_as_far_as_the_trusted_proxies(rf, settings):
    sent = request_from(rf, "10.0.0.2", forwarded="192.0.2.1, 2001:db8:1:2::10, 203.0.113.9")
    settings.PORTAL_TRUSTED_PROXY_COUNT = 0
    assert client_network(sent) == "10.0.0.2"
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    assert client_network(sent) == "203.0.113.9"
    settings.PORTAL_TRUSTED_PROXY_COUNT = 2
    assert client_network(sent) == "2001:db8:1:2::"
    # Fewer hops than proxies: the request skipped one, the hops are the sender's own words.
    settings.PORTAL_TRUSTED_PROXY_COUNT = 4
    assert client_network(sent) == "10.0.0.2"


def test_nonsense_where_the_proxy_writes_never_makes_a_key_of_its_own(rf, settings):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    keys = {
        client_network(request_from(rf, "10.0.0.2", forwarded=text))
        for text in ["unknown", "x" * 200, "<script>", "203.0.113.9.1", "", " , ,"]
    }
    assert keys == {"10.0.0.2"}
    assert client_network(request_from(rf, "")) == ""
    assert client_network(request_from(rf, "garbage")) == ""


def test_addresses_in_one_64_share_one_rate_limit(
    client, feedback_page, settings, one_rate_limit_window
):
    settings.FEEDBACK_REPORTS_PER_HOUR = 2
    place = Neighbourhood.objects.get(name="Seton Hill")
    statuses = [
        client.post(FORM_URL, report_data(client, place), REMOTE_ADDR=address).status_code
        for address in (*SAME_HOME, "2001:db8:1:2::99")
    ]
    assert statuses == [200, 200, 429]
    # The same /64 written as IPv4-in-IPv6 does not help either, and the next /64 is someone else.
    settings.FEEDBACK_REPORTS_PER_HOUR = 1
    v4 = [
        client.post(FORM_URL, report_data(client, place), REMOTE_ADDR=address).status_code
        for address in ("203.0.113.9", "::ffff:203.0.113.9")
    ]
    assert v4 == [200, 429]
    assert (
        client.post(FORM_URL, report_data(client, place), REMOTE_ADDR=NEXT_DOOR).status_code == 200
    )
    assert Report.objects.count() == 4


def test_nonsense_forwarded_addresses_share_one_rate_limit(
    client, feedback_page, settings, one_rate_limit_window
):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    settings.FEEDBACK_REPORTS_PER_HOUR = 2
    place = Neighbourhood.objects.get(name="Seton Hill")
    statuses = [
        client.post(
            FORM_URL,
            report_data(client, place),
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"made-up-{number}",
        ).status_code
        for number in range(3)
    ]
    assert statuses == [200, 200, 429]


def report_this(client, page, address):
    """Report the first comment on ``page`` from ``address``, as a resident does."""
    html = client.get(page.url).content.decode()
    url = re.search(r'href="(/flag/comment/[^"]+)"', html).group(1)
    form = client.get(url, REMOTE_ADDR=address).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', form).group(1)
    data = {"form_token": token, "reason": "abusive", "note": "", "website": ""}
    return client.post(url, data, REMOTE_ADDR=address).content.decode()


def test_addresses_in_one_64_count_as_one_flag(client, explainer, settings):
    settings.FEEDBACK_FLAGS_TO_HIDE = 3
    CommentFactory(page=explainer, public_text="Everyone on this block is a liar.")
    assert "The moderators will read your report." in report_this(client, explainer, SAME_HOME[0])
    assert "You have already reported this" in report_this(client, explainer, SAME_HOME[1])
    assert AbuseFlag.objects.count() == 1
    assert "The moderators will read your report." in report_this(client, explainer, NEXT_DOOR)
    assert AbuseFlag.objects.count() == 2


PASSWORD = "tram-lantern-harbour-47"  # noqa: S105 (a test account's password)


@pytest.fixture
def editor(db, django_user_model):
    user = django_user_model.objects.create_user("ed", "ed@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def sign_in(client, address, password=PASSWORD):
    return client.post(
        "/admin/login/", {"username": "ed", "password": password}, REMOTE_ADDR=address
    )


def test_addresses_in_one_64_share_one_lockout_and_only_the_64_is_kept(client, editor):
    wrong = [
        sign_in(client, SAME_HOME[number % 2], "wrong-password").status_code for number in range(5)
    ]
    assert wrong == [200, 200, 200, 200, 429]
    assert sign_in(client, "2001:db8:1:2::1234").status_code == 429
    # Privacy rule 2: the record holds the /64, never the address the attempts came from.
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["2001:db8:1:2::"]
    assert sign_in(client, NEXT_DOOR).status_code == 302


def test_a_guarded_site_refuses_proxied_requests_while_the_count_is_0(client, home, settings):
    settings.PORTAL_REFUSE_UNCOUNTED_PROXIES = True
    settings.PORTAL_TRUSTED_PROXY_COUNT = 0
    refused = client.get("/", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert refused.status_code == 503
    assert refused["Cache-Control"] == "no-store"
    assert "Please try again in a minute." in refused.content.decode()
    sent = client.post("/feedback/", {}, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert sent.status_code == 503 and "Nothing you sent was saved." in sent.content.decode()
    # Without the header there is no proxy to miscount; with a count, the proxy is counted.
    assert client.get("/").status_code == 200
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    assert client.get("/", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 200


def test_development_serves_proxied_requests_with_the_count_at_0(client, home, settings):
    assert settings.PORTAL_REFUSE_UNCOUNTED_PROXIES is False
    assert client.get("/", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 200


GET_TWICE_THROUGH_A_PROXY = """
import django
django.setup()
from django.conf import settings
from django.test import Client, override_settings
# collectstatic has not run here: static URLs without its manifest.
static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
with override_settings(STORAGES={**settings.STORAGES, "staticfiles": static}):
    client = Client(HTTP_HOST="lead.example.org")
    for method in (client.get, client.post):
        response = method("/feedback/", secure=True, HTTP_X_FORWARDED_FOR="198.51.100.23")
        print("status", response.status_code)
"""


def test_production_answers_503_behind_an_uncounted_proxy_and_says_why_once():
    result = run_python(GET_TWICE_THROUGH_A_PROXY, PORTAL_TRUSTED_PROXY_COUNT="0")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["status", "503", "status", "503"]
    errors = [
        json.loads(line)
        for line in result.stderr.splitlines()
        if line.startswith("{") and json.loads(line)["logger"] == "portal.visitors"
    ]
    assert len(errors) == 1
    assert errors[0]["level"] == "ERROR"
    assert "PORTAL_TRUSTED_PROXY_COUNT is 0" in errors[0]["message"]
    assert "docs/deploy.md" in errors[0]["message"]
    assert "198.51.100.23" not in result.stderr


def test_production_refuses_to_start_without_the_proxy_count():
    result = run_python("import django; django.setup()", PORTAL_TRUSTED_PROXY_COUNT="")
    assert result.returncode != 0
    assert "PORTAL_TRUSTED_PROXY_COUNT must be set in production" in result.stderr
    assert "docs/deploy.md" in result.stderr
    assert "0 only for a server with no proxy" in result.stderr


@pytest.mark.parametrize(
    "value, message",
    [
        ("-1", "PORTAL_TRUSTED_PROXY_COUNT must be 0 or more, not -1"),
        ("one", "PORTAL_TRUSTED_PROXY_COUNT must be a whole number, not 'one'"),
    ],
)
def test_production_refuses_a_proxy_count_that_is_not_a_count(value, message):
    result = run_python("import django; django.setup()", PORTAL_TRUSTED_PROXY_COUNT=value)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_starts_with_0_said_explicitly_for_a_server_without_a_proxy():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.PORTAL_TRUSTED_PROXY_COUNT, settings.PORTAL_REFUSE_UNCOUNTED_PROXIES)"
    )
    result = run_python(code, PORTAL_TRUSTED_PROXY_COUNT="0")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "True"]

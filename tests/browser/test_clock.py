"""The browser lives on the site's day: with the tests' clock moved (.ci/test-moved-clock),
Chromium's clock must have moved with the live server's, or a browser test would mix two
dates without anyone noticing."""

import datetime

from django.utils import timezone


def test_the_browser_reads_the_same_clock_as_the_site(page, live_server):
    page.goto(live_server.url + "/healthz")
    browser_now = datetime.datetime.fromtimestamp(page.evaluate("Date.now()") / 1000, datetime.UTC)
    assert abs(browser_now - timezone.now()) < datetime.timedelta(minutes=1)

"""A moderator sets up an authenticator app and signs in with its code, in the browser."""

from base64 import b32decode

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.browser.conftest import (
    assert_no_axe_violations,
    sign_in_as_moderator,
    signed_in_admin,
)


@pytest.fixture
def two_factor_required(settings):
    # The live server shares these settings.
    settings.PORTAL_REQUIRE_2FA_FOR_MODERATORS = True


def authenticator_code(secret, steps_ahead=0):
    """What an authenticator app shows for ``secret`` now (or a step later: a code is
    accepted once, so a second sign-in within the same 30 seconds needs the next one)."""
    return f"{totp(b32decode(secret), drift=steps_ahead):06d}"


def test_a_moderator_sets_up_two_factor_and_signs_in_with_a_code(
    browser, demo_site, moderator, two_factor_required
):
    context, admin = signed_in_admin(browser, demo_site)
    try:
        # Every admin page leads to the set-up until it is done.
        admin.wait_for_url("**/admin/two-factor/**")
        assert admin.get_by_role("heading", level=1).inner_text() == (
            "Set up two-factor authentication"
        )
        assert admin.get_by_role("button", name="Confirm").count() == 1
        assert_no_axe_violations(admin, "main")
        secret = admin.get_by_test_id("totp-secret").inner_text()

        admin.get_by_label("Code from your authenticator app").fill("000000x")
        admin.get_by_role("button", name="Confirm").click()
        expect(admin.locator("main")).to_contain_text("That code is not right")
        # django-otp refuses every code for a second after a wrong one (doubling with each
        # further failure); a person takes longer than that to type the next code.
        admin.wait_for_timeout(1100)
        admin.get_by_label("Code from your authenticator app").fill(authenticator_code(secret))
        admin.get_by_role("button", name="Confirm").click()
        # The recovery codes, shown once (tests/browser/test_staff_recovery.py), then on.
        admin.wait_for_url("**/admin/two-factor/recovery-codes/**")
        admin.get_by_role("link", name="I have kept them: continue").click()
        admin.wait_for_url(demo_site + "/admin/")
        assert admin.get_by_role("link", name="Moderation queue").count() >= 1

        # Signing out and in again asks for a code, once, after the password.
        context.clear_cookies()
        sign_in_as_moderator(admin, demo_site)
        admin.wait_for_url("**/admin/two-factor/verify/**")
        assert admin.get_by_role("button", name="Verify").count() == 1
        assert_no_axe_violations(admin, "main")
        admin.goto(demo_site + "/admin/reports/")
        assert "/admin/two-factor/verify/" in admin.url  # nothing else opens without it
        admin.get_by_label("Code from your authenticator app").fill(
            authenticator_code(secret, steps_ahead=1)
        )
        admin.get_by_role("button", name="Verify").click()
        admin.wait_for_url("**/admin/reports/**")

        # Sign out from the code page works (a POST).
        context.clear_cookies()
        sign_in_as_moderator(admin, demo_site)
        admin.wait_for_url("**/admin/two-factor/verify/**")
        admin.get_by_role("button", name="Sign out").click()
        admin.wait_for_url("**/admin/login/**")
    finally:
        context.close()

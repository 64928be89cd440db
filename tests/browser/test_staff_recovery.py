"""A moderator's account survives a lost phone, in the browser: the QR code on the set-up
page scans as the key shown beside it, recovery codes are shown once and each signs in
once, and a superuser removes the lost phone in the admin."""

from base64 import b32decode
from io import BytesIO
from urllib.parse import parse_qs, urlsplit

import pytest
import zxingcpp
from django_otp.oath import totp
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import (
    MODERATOR_NAME,
    assert_no_axe_violations,
    sign_in_as_moderator,
    signed_in_admin,
)

SUPERUSER_NAME, SUPERUSER_PASSWORD = "journey-root", "a-long-pass-2"


@pytest.fixture
def two_factor_required(settings):
    # The live server shares these settings.
    settings.PORTAL_REQUIRE_2FA_FOR_MODERATORS = True


def authenticator_code(secret, steps_ahead=0):
    return f"{totp(b32decode(secret), drift=steps_ahead):06d}"


def scan(locator):
    """What a phone's camera reads from the element: its pixels, decoded by zxing-cpp."""
    picture = Image.open(BytesIO(locator.screenshot()))
    barcodes = zxingcpp.read_barcodes(picture)
    assert len(barcodes) == 1, "no QR code could be read from the set-up page"
    return barcodes[0].text


def set_up_with_qr_code(admin):
    """On the set-up page: scan the QR code, check it holds the key shown as text, confirm
    with the code an app would show. Returns the secret."""
    admin.wait_for_url("**/admin/two-factor/**")
    assert_no_axe_violations(admin, "main")
    scanned = urlsplit(scan(admin.get_by_test_id("totp-qr-code")))
    secret = parse_qs(scanned.query)["secret"][0]
    assert scanned.scheme == "otpauth"
    assert secret == admin.get_by_test_id("totp-secret").inner_text()
    admin.get_by_label("Code from your authenticator app").fill(authenticator_code(secret))
    admin.get_by_role("button", name="Confirm").click()
    return secret


def test_a_moderator_scans_the_qr_code_keeps_recovery_codes_and_signs_in_with_one(
    browser, demo_site, moderator, two_factor_required
):
    context, admin = signed_in_admin(browser, demo_site)
    try:
        set_up_with_qr_code(admin)
        admin.wait_for_url("**/admin/two-factor/recovery-codes/**")
        assert admin.get_by_role("heading", level=1).inner_text() == "Recovery codes"
        assert_no_axe_violations(admin, "main")
        codes = admin.get_by_test_id("recovery-codes").locator("code").all_inner_texts()
        assert len(codes) == 10
        admin.get_by_role("link", name="I have kept them: continue").click()
        admin.wait_for_url(demo_site + "/admin/")

        # Shown once: back on the page, only how many are left.
        admin.goto(demo_site + "/admin/two-factor/recovery-codes/")
        expect(admin.locator("main")).to_contain_text("You have 10 recovery codes left.")
        assert admin.get_by_test_id("recovery-codes").count() == 0

        # The phone is lost: a recovery code instead of the app's code.
        context.clear_cookies()
        sign_in_as_moderator(admin, demo_site)
        admin.wait_for_url("**/admin/two-factor/verify/**")
        expect(admin.locator("main")).to_contain_text("Lost your phone?")
        field = admin.get_by_label("Code from your authenticator app, or a recovery code")
        field.fill(codes[0])
        admin.get_by_role("button", name="Verify").click()
        admin.wait_for_url(demo_site + "/admin/")
        expect(admin.get_by_text("You signed in with a recovery code")).to_be_visible()

        # The same code a second time is refused.
        context.clear_cookies()
        sign_in_as_moderator(admin, demo_site)
        admin.wait_for_url("**/admin/two-factor/verify/**")
        field.fill(codes[0])
        admin.get_by_role("button", name="Verify").click()
        expect(admin.locator("main")).to_contain_text(
            "That recovery code is not right, or it has already been used."
        )
        assert "/admin/two-factor/verify/" in admin.url
    finally:
        context.close()


def test_a_superuser_removes_a_moderators_lost_phone(
    browser, demo_site, moderator, two_factor_required, django_user_model
):
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from wagtail.models import ModelLogEntry

    from portal.staff.two_factor import RESET_ACTION

    TOTPDevice.objects.create(user=moderator, name="Authenticator app", confirmed=True)
    superuser = django_user_model.objects.create_superuser(
        SUPERUSER_NAME, "root@example.org", SUPERUSER_PASSWORD
    )
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    admin = context.new_page()
    try:
        admin.goto(demo_site + "/admin/login/")
        admin.get_by_label("Username").fill(SUPERUSER_NAME)
        admin.get_by_label("Password").fill(SUPERUSER_PASSWORD)
        admin.get_by_role("button", name="Sign in").click()
        set_up_with_qr_code(admin)
        admin.wait_for_url("**/admin/two-factor/recovery-codes/**")
        admin.get_by_role("link", name="I have kept them: continue").click()
        admin.wait_for_url(demo_site + "/admin/")

        admin.get_by_role("button", name="Settings").click()
        admin.get_by_role("link", name="Two-factor devices").click()
        admin.wait_for_url("**/admin/two-factor/devices/")
        assert_no_axe_violations(admin, "main")
        row = admin.get_by_role("row").filter(has_text=MODERATOR_NAME)
        expect(row).to_contain_text("Set up")
        row.get_by_role("link", name=f"Remove the devices of {MODERATOR_NAME}").click()
        admin.wait_for_url(f"**/admin/two-factor/devices/{moderator.pk}/remove/")
        assert_no_axe_violations(admin, "main")
        admin.get_by_role("button", name="Yes, remove them").click()
        expect(
            admin.get_by_text(
                f"Removed the authenticator app and recovery codes of {MODERATOR_NAME}."
            )
        ).to_be_visible()
        expect(admin.get_by_role("row").filter(has_text=MODERATOR_NAME)).to_have_count(0)

        entry = ModelLogEntry.objects.get(action=RESET_ACTION)
        assert entry.object_id == str(moderator.pk) and entry.user_id == superuser.pk
        assert not TOTPDevice.objects.filter(user=moderator).exists()
        # The audit log shows it, with who did it.
        admin.goto(demo_site + "/admin/reports/site-history/")
        expect(admin.locator("main")).to_contain_text("Two-factor devices removed")
    finally:
        context.close()

    # The moderator's next sign-in sets up the new phone.
    context, moderator_page = signed_in_admin(browser, demo_site)
    try:
        moderator_page.wait_for_url("**/admin/two-factor/?**")
        expect(moderator_page.get_by_role("heading", level=1)).to_have_text(
            "Set up two-factor authentication"
        )
    finally:
        context.close()

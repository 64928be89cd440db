"""Staff sign-in as an attacker and as staff meet it: wrong passwords lock one username
from one address for an hour (never a whole office), and Moderators need an authenticator
app code after their password. Every request here is a real POST to the admin login."""

from base64 import b32encode
from datetime import timedelta
from html import escape
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from portal.staff.two_factor import RESET_ACTION, SET_UP_ACTION, VERIFIED_ACTION

PASSWORD = "tram-lantern-harbour-47"  # noqa: S105 (a test account's password)
OFFICE, ELSEWHERE = "203.0.113.10", "198.51.100.7"


@pytest.fixture(autouse=True)
def two_factor_required(settings):
    settings.PORTAL_REQUIRE_2FA_FOR_MODERATORS = True


def staff_user(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def moderator(db, django_user_model):
    return staff_user(django_user_model, "mod", "Feedback moderators")


@pytest.fixture
def editor(db, django_user_model):
    return staff_user(django_user_model, "ed", "Editors")


def sign_in(client, username, password=PASSWORD, address=OFFICE):
    return client.post(
        "/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def code(device, steps_ahead=0):
    """The device's code now, or ``steps_ahead`` 30-second steps later (a code is accepted
    once: the next sign-in within the same step needs the next code)."""
    token = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead)
    return f"{token:0{device.digits}d}"


def test_five_wrong_passwords_lock_that_username_from_that_address(client, editor):
    for _ in range(4):
        assert sign_in(client, "ed", "wrong-password").status_code == 200
    locked = sign_in(client, "ed", "wrong-password")
    assert locked.status_code == 429
    assert "Sign-in paused" in locked.text and "Too many wrong passwords" in locked.text
    assert "1:00:00" in locked.text
    # Now even the right password is refused, until the cool-off has passed.
    assert sign_in(client, "ed").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=61))
    assert sign_in(client, "ed").status_code == 302


def test_a_lockout_never_locks_out_the_office(client, editor, moderator):
    for _ in range(5):
        sign_in(client, "ed", "wrong-password")
    assert sign_in(client, "ed").status_code == 429
    # The same username from another address, and a colleague from the same address.
    assert sign_in(client, "ed", address=ELSEWHERE).status_code == 302
    client.logout()
    assert sign_in(client, "mod").status_code == 302


def test_failed_sign_ins_are_deleted_once_their_cool_off_has_passed(client, editor):
    sign_in(client, "ed", "wrong-password")
    sign_in(client, "nobody", "wrong-password", address=ELSEWHERE)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {OFFICE, ELSEWHERE}
    AccessAttempt.objects.filter(username="ed").update(
        attempt_time=timezone.now() - timedelta(minutes=61)
    )
    out = StringIO()
    call_command("purge_expired", stdout=out)
    assert "Deleted 1 expired records of failed staff sign-ins." in out.getvalue()
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["nobody"]


def test_successful_sign_ins_leave_no_address_behind(client, editor):
    from axes.models import AccessFailureLog, AccessLog

    assert sign_in(client, "ed").status_code == 302
    assert not AccessLog.objects.exists() and not AccessFailureLog.objects.exists()
    assert not AccessAttempt.objects.exists()


def test_lockouts_use_the_address_the_trusted_proxy_saw(client, editor, settings):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    client.post(
        "/admin/login/",
        {"username": "ed", "password": "wrong-password"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR=f"1.2.3.4, {ELSEWHERE}",
    )
    assert AccessAttempt.objects.get().ip_address == ELSEWHERE


def test_a_moderator_without_a_device_is_sent_to_set_up(client, moderator):
    assert sign_in(client, "mod").status_code == 302
    for url in ("/admin/", "/admin/pages/", "/admin/account/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/admin/two-factor/?next=")
    set_up = client.get("/admin/two-factor/")
    assert set_up.status_code == 200
    device = TOTPDevice.objects.get(user=moderator, confirmed=False)
    assert escape(device.config_url) in set_up.text
    assert b32encode(device.bin_key).decode() in set_up.text
    # What every admin page loads, the set-up page included, is not redirected: the icon
    # sprite's answer is pasted into the page.
    assert client.get("/admin/sprite/").status_code == 200
    assert client.get("/admin/jsi18n/").status_code == 200
    # Signing out stays possible, from the set-up page's own button.
    assert 'action="/admin/logout/"' in set_up.text
    assert client.post("/admin/logout/").status_code == 302


def test_setting_up_needs_the_right_code_and_is_logged(client, moderator):
    sign_in(client, "mod")
    client.get("/admin/two-factor/")
    device = TOTPDevice.objects.get(user=moderator)
    wrong = client.post(
        "/admin/two-factor/", {"token": "000000" if code(device) != "000000" else "111111"}
    )
    assert wrong.status_code == 200 and "That code is not right" in wrong.text
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed
    # django-otp makes a device wait a moment after a wrong code; skip the wait.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)
    right = client.post("/admin/two-factor/", {"token": code(device), "next": "/admin/pages/"})
    assert right.status_code == 302 and right.url == "/admin/pages/"
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get("/admin/").status_code == 200
    entry = ModelLogEntry.objects.get(action=SET_UP_ACTION)
    assert entry.object_id == str(moderator.pk) and entry.user_id == moderator.pk


def test_once_set_up_sign_in_asks_for_the_code(client, moderator):
    device = TOTPDevice.objects.create(user=moderator, name="phone", confirmed=True)
    assert sign_in(client, "mod").status_code == 302
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url.startswith("/admin/two-factor/verify/")
    wrong = client.post("/admin/two-factor/verify/", {"token": "12345x"})
    assert wrong.status_code == 200 and client.get("/admin/").status_code == 302
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)
    used = code(device)
    right = client.post("/admin/two-factor/verify/", {"token": used, "next": "/admin/"})
    assert right.status_code == 302 and right.url == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert ModelLogEntry.objects.filter(action=VERIFIED_ACTION, user=moderator).count() == 1
    # A code works once: the next sign-in needs a new one.
    client.post("/admin/logout/")
    sign_in(client, "mod")
    assert client.post("/admin/two-factor/verify/", {"token": used}).status_code == 200
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)
    device.refresh_from_db()
    later = client.post("/admin/two-factor/verify/", {"token": code(device, steps_ahead=1)})
    assert later.status_code == 302


def test_an_editor_is_not_forced_but_may_set_up(client, editor):
    assert sign_in(client, "ed").status_code == 302
    assert client.get("/admin/").status_code == 200
    account = client.get("/admin/account/")
    assert "Two-factor authentication" in account.text
    client.get("/admin/two-factor/")
    device = TOTPDevice.objects.get(user=editor)
    assert client.post("/admin/two-factor/", {"token": code(device)}).status_code == 302
    client.post("/admin/logout/")
    sign_in(client, "ed")
    assert client.get("/admin/").url.startswith("/admin/two-factor/verify/")


def test_production_always_requires_two_factor_for_moderators():
    source = (
        __import__("pathlib").Path(__file__).parents[1] / "portal" / "settings" / "production.py"
    ).read_text()
    assert "\nPORTAL_REQUIRE_2FA_FOR_MODERATORS = True\n" in source


def test_an_administrator_removes_a_lost_phone_and_the_next_sign_in_sets_up_a_new_one(
    client, moderator
):
    TOTPDevice.objects.create(user=moderator, name="lost phone", confirmed=True)
    out = StringIO()
    call_command("reset_two_factor", "mod", stdout=out)
    assert "Removed 1 authenticator app(s) of mod" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=moderator).exists()
    entry = ModelLogEntry.objects.get(action=RESET_ACTION)
    assert entry.object_id == str(moderator.pk) and entry.user is None
    sign_in(client, "mod")
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url.startswith("/admin/two-factor/")
    assert "verify" not in response.url  # set-up, not a code for the lost phone

    again = StringIO()
    call_command("reset_two_factor", "mod", stdout=again)
    assert "nothing to remove" in again.getvalue()
    with pytest.raises(CommandError, match="No staff account is called 'nobody'"):
        call_command("reset_two_factor", "nobody")

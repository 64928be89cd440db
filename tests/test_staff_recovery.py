"""A moderator's account survives a lost phone: the set-up page's QR code reads back as the
key it shows, recovery codes are shown once and each works once, and a superuser removes a
staff member's devices from the admin, in the audit log. Real admin POSTs throughout."""

import base64
import re
from html import unescape
from io import BytesIO
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import pytest
import zxingcpp
from django.contrib.auth.models import Group
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image, ImageDraw
from wagtail.models import ModelLogEntry

from portal.staff.recovery import CODE_USED_ACTION, CODES_MADE_ACTION
from portal.staff.two_factor import RESET_ACTION

PASSWORD = "tram-lantern-harbour-47"  # noqa: S105 (a test account's password)


@pytest.fixture(autouse=True)
def two_factor_required(settings):
    settings.PORTAL_REQUIRE_2FA_FOR_MODERATORS = True


@pytest.fixture
def moderator(db, django_user_model):
    user = django_user_model.objects.create_user("mod", "mod@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Feedback moderators"))
    return user


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)


def sign_in(client, username):
    return client.post("/admin/login/", {"username": username, "password": PASSWORD})


def app_code(device, steps_ahead=0):
    token = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead)
    return f"{token:0{device.digits}d}"


def set_up(client, user):
    """Sign ``user`` in and set up an authenticator app; returns the device and the page
    that answers the confirmation (the recovery codes)."""
    sign_in(client, user.username)
    client.get("/admin/two-factor/")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    confirmed = client.post("/admin/two-factor/", {"token": app_code(device)}, follow=True)
    device.refresh_from_db()
    return device, confirmed


def shown_codes(page):
    return re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page.text)


def qr_image(page):
    """The set-up page's QR code as a picture: the SVG in its ``data:`` URL drawn module by
    module (the qrcode package draws each dark module as a square ``rect``), as a camera
    would see it."""
    url = unescape(re.search(r'<img class="two-factor-qr" src="([^"]+)"', page.text).group(1))
    svg = base64.b64decode(url.removeprefix("data:image/svg+xml;base64,"))
    root = ElementTree.fromstring(svg)  # noqa: S314 (our own page's image)
    size = float(root.get("width").removesuffix("mm"))
    scale = 8
    image = Image.new("L", (int(size * scale), int(size * scale)), 255)
    draw = ImageDraw.Draw(image)
    for rect in root.iter("{http://www.w3.org/2000/svg}rect"):
        x, y, width, height = (
            float(rect.get(name).removesuffix("mm")) for name in ("x", "y", "width", "height")
        )
        draw.rectangle(
            [x * scale, y * scale, (x + width) * scale - 1, (y + height) * scale - 1], fill=0
        )
    buffer = BytesIO()
    image.save(buffer, "PNG")
    return Image.open(buffer)


def test_the_set_up_page_has_a_qr_code_of_the_key_it_shows_as_text(client, moderator):
    sign_in(client, "mod")
    page = client.get("/admin/two-factor/")
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7]+)<', page.text).group(1)

    (barcode,) = zxingcpp.read_barcodes(qr_image(page))
    scanned = urlsplit(barcode.text)
    assert barcode.format == zxingcpp.BarcodeFormat.QRCode
    assert scanned.scheme == "otpauth" and scanned.netloc == "totp"
    assert parse_qs(scanned.query)["secret"] == [secret]
    assert parse_qs(scanned.query)["issuer"] == ["LEAD Baltimore portal"]
    assert 'alt="QR code holding the key below' in page.text


def test_recovery_codes_are_shown_once_after_set_up(client, moderator):
    _device, page = set_up(client, moderator)
    assert page.redirect_chain[-1][0].startswith("/admin/two-factor/recovery-codes/")
    codes = shown_codes(page)
    assert len(codes) == len(set(codes)) == 10
    assert "no-store" in page["Cache-Control"]
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == sorted(codes)
    assert ModelLogEntry.objects.filter(action=CODES_MADE_ACTION).count() == 1
    # Continue leads where the moderator was going.
    assert 'href="/admin/"' in page.text

    again = client.get("/admin/two-factor/recovery-codes/")
    assert shown_codes(again) == []
    assert "You have 10 recovery codes left." in again.text
    for code in codes:
        assert code not in again.text


def test_each_recovery_code_signs_in_once(client, moderator):
    _device, page = set_up(client, moderator)
    first, second = shown_codes(page)[:2]
    client.post("/admin/logout/")

    sign_in(client, "mod")
    assert client.get("/admin/").url.startswith("/admin/two-factor/verify/")
    # As someone types it off paper: capitals, in two groups.
    typed = f"{first[:4].upper()} {first[4:].upper()}"
    answer = client.post("/admin/two-factor/verify/", {"token": typed}, follow=True)
    assert answer.redirect_chain[-1][0] == "/admin/"
    assert "You signed in with a recovery code" in answer.text
    assert "9 are left" in answer.text
    entry = ModelLogEntry.objects.get(action=CODE_USED_ACTION)
    assert entry.object_id == str(moderator.pk) and entry.user_id == moderator.pk

    client.post("/admin/logout/")
    sign_in(client, "mod")
    refused = client.post("/admin/two-factor/verify/", {"token": first})
    assert refused.status_code == 200
    assert "That recovery code is not right, or it has already been used." in refused.text
    assert client.get("/admin/reports/").url.startswith("/admin/two-factor/verify/")
    # django-otp's throttle: a person takes more than a second to type the next code.
    StaticDevice.objects.filter(user=moderator).update(throttling_failure_timestamp=None)
    assert client.post("/admin/two-factor/verify/", {"token": second}).status_code == 302
    assert StaticToken.objects.filter(device__user=moderator).count() == 8


def test_new_recovery_codes_replace_the_old_ones(client, moderator):
    _device, page = set_up(client, moderator)
    old = shown_codes(page)
    made = client.post("/admin/two-factor/recovery-codes/", {"next": "/admin/"}, follow=True)
    new = shown_codes(made)
    assert len(new) == 10 and not set(new) & set(old)
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == sorted(new)


def test_recovery_codes_need_an_authenticator_app_first(client, moderator, django_user_model):
    editor = django_user_model.objects.create_user("ed", "ed@example.org", PASSWORD)
    editor.groups.add(Group.objects.get(name="Editors"))
    sign_in(client, "ed")
    answer = client.post("/admin/two-factor/recovery-codes/")
    assert answer.status_code == 302 and answer.url == "/admin/two-factor/"
    assert not StaticDevice.objects.exists()


def test_a_superuser_removes_a_lost_phone_in_the_admin(client, moderator, superuser):
    set_up(client, moderator)
    client.post("/admin/logout/")
    set_up(client, superuser)

    listing = client.get("/admin/two-factor/devices/")
    assert listing.status_code == 200
    assert "mod" in listing.text and f"/admin/two-factor/devices/{moderator.pk}/remove/" in (
        listing.text
    )
    confirm = client.get(f"/admin/two-factor/devices/{moderator.pk}/remove/")
    assert "Remove the authenticator app and the recovery codes of mod?" in confirm.text
    assert not ModelLogEntry.objects.filter(action=RESET_ACTION).exists()  # a GET removes nothing

    done = client.post(f"/admin/two-factor/devices/{moderator.pk}/remove/", follow=True)
    assert "Removed the authenticator app and recovery codes of mod." in done.text
    assert not TOTPDevice.objects.filter(user=moderator).exists()
    assert not StaticDevice.objects.filter(user=moderator).exists()
    assert TOTPDevice.objects.filter(user=superuser).exists()  # nobody else's
    entry = ModelLogEntry.objects.get(action=RESET_ACTION)
    assert entry.object_id == str(moderator.pk) and entry.user_id == superuser.pk
    assert entry.label  # a readable name in the audit log, not a raw action

    client.post("/admin/logout/")
    sign_in(client, "mod")
    assert client.get("/admin/").url.startswith("/admin/two-factor/?")  # set-up, no code asked


def test_only_superusers_see_or_use_the_device_screen(client, moderator, superuser):
    set_up(client, moderator)
    assert "/admin/two-factor/devices/" not in client.get("/admin/").text
    for answer in (
        client.get("/admin/two-factor/devices/"),
        client.post(f"/admin/two-factor/devices/{superuser.pk}/remove/"),
    ):
        assert answer.status_code == 302 and answer.url == "/admin/"
    assert TOTPDevice.objects.filter(user=moderator, confirmed=True).exists()

    client.post("/admin/logout/")
    set_up(client, superuser)
    assert "/admin/two-factor/devices/" in client.get("/admin/").text
    assert client.get("/admin/two-factor/devices/999999/remove/").status_code == 404

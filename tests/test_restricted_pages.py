"""Pages and documents restricted to signed-in staff: a staff member who must use a second
factor sees them only once the code is verified, never with the password alone; and the
page cache never keeps a restricted page for another visitor."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from feedback.permissions import EDITORS, FEEDBACK_MODERATORS
from tests.factories import ExplainerIndexPageFactory, ExplainerPageFactory, paragraph
from tests.test_staff_login import code

PASSWORD = "tram-lantern-harbour-47"  # noqa: S105 (a test account's password)
SECRET = "Rota for the outreach team"


@pytest.fixture(autouse=True)
def _second_factor_and_page_cache_on(settings):
    settings.PORTAL_REQUIRE_2FA_FOR_MODERATORS = True
    settings.PORTAL_PAGE_CACHE_SECONDS = 3600


@pytest.fixture
def notes(home):
    """A section for staff only, and a page in it."""
    section = ExplainerIndexPageFactory(parent=home, title="Staff notes", slug="notes")
    page = ExplainerPageFactory(parent=section, title="Rota", slug="rota", comments_open=False)
    page.body = [paragraph(SECRET)]
    page.save_revision().publish()
    return section, page


def restrict(page, kind=PageViewRestriction.LOGIN, groups=()):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind)
    restriction.groups.set(groups)
    return restriction


def staff(django_user_model, group_name, username="mod", device=True):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=group_name))
    if device:
        TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user


def signed_in_with_password(username="mod"):
    client = Client()
    assert client.post("/admin/login/", {"username": username, "password": PASSWORD}).status_code
    return client


def verify(client, user, next_url):
    device = TOTPDevice.objects.get(user=user)
    return client.post("/admin/two-factor/verify/", {"token": code(device), "next": next_url})


@pytest.mark.parametrize("kind", [PageViewRestriction.LOGIN, PageViewRestriction.GROUPS])
def test_a_restricted_page_needs_the_second_factor_not_only_the_password(
    django_user_model, notes, kind
):
    section, page = notes
    restrict(section, kind, groups=[Group.objects.get(name=FEEDBACK_MODERATORS)])
    moderator = staff(django_user_model, FEEDBACK_MODERATORS)
    client = signed_in_with_password()

    for _ in range(2):
        response = client.get(page.url)
        assert response.status_code == 302
        assert response.url == f"/admin/two-factor/verify/?next={page.url.replace('/', '%2F')}"
        assert SECRET not in response.content.decode()
        assert "no-store" in response["Cache-Control"]

    back = verify(client, moderator, page.url)
    assert back.status_code == 302 and back.url == page.url
    assert SECRET in client.get(page.url).content.decode()


def test_staff_who_must_use_a_second_factor_and_have_none_are_sent_to_set_it_up(
    django_user_model, notes
):
    section, page = notes
    restrict(section)
    staff(django_user_model, FEEDBACK_MODERATORS, device=False)
    response = signed_in_with_password().get(page.url)
    assert response.status_code == 302 and response.url.startswith("/admin/two-factor/?next=")


def test_staff_who_need_no_second_factor_see_a_page_for_signed_in_staff(django_user_model, notes):
    section, page = notes
    restrict(section)
    staff(django_user_model, EDITORS, username="ed", device=False)
    assert SECRET in signed_in_with_password("ed").get(page.url).content.decode()


def test_a_document_for_signed_in_staff_needs_the_second_factor_too(django_user_model, home):
    collection = Collection.get_first_root_node().add_child(name="Staff only")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = Document.objects.create(
        title="Rota",
        collection=collection,
        file=ContentFile(SECRET.encode(), name="rota.txt"),
    )
    moderator = staff(django_user_model, FEEDBACK_MODERATORS)
    client = signed_in_with_password()
    refused = client.get(document.url)
    assert refused.status_code == 302 and refused.url.startswith("/admin/two-factor/verify/")
    verify(client, moderator, document.url)
    served = client.get(document.url)
    assert served.status_code == 200
    assert SECRET in b"".join(served.streaming_content).decode()


def test_the_page_cache_never_keeps_a_restricted_page_for_another_visitor(
    client, django_user_model, notes
):
    section, page = notes
    restrict(section)
    moderator = staff(django_user_model, FEEDBACK_MODERATORS)
    verified = signed_in_with_password()
    verify(verified, moderator, page.url)
    for _ in range(2):
        shown = verified.get(page.url)
        assert SECRET in shown.content.decode()
        # Neither this server nor a CDN or browser in between may keep it.
        assert "X-Page-Cache" not in shown
        assert {"private", "no-store"} <= {
            part.strip() for part in shown["Cache-Control"].split(",")
        }

    # A visitor without a session, whom the page cache answers, and a staff member with
    # only a password each get the way to sign in, never the page.
    for other in (client, signed_in_with_password()):
        for _ in range(2):
            response = other.get(page.url)
            assert response.status_code == 302
            assert SECRET not in response.content.decode()
            assert response.get("X-Page-Cache") != "hit"

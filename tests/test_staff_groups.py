"""Who may do what in the admin: feedback moderators moderate and never touch pages; page
editors and Wagtail's page moderators never moderate feedback. Existing databases and demo
sites are brought over to the separate group by a migration and by ``load_demo_site``."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from wagtail.models import GroupPagePermission, Locale, Page, PageLogEntry

from feedback import demo as feedback_demo
from feedback.permissions import (
    EDITORS,
    FEEDBACK_MODERATORS,
    MODERATOR_PERMISSIONS,
    PAGE_MODERATORS,
)
from tests.factories import ExplainerPageFactory, ReportFactory, paragraph

QUEUE_URL = "/admin/moderation/"


def review_url(report):
    return reverse("wagtailsnippets_feedback_report:edit", args=[report.pk])


def approve(client, report):
    return client.post(
        review_url(report),
        {
            "public_text": "An officer was polite.",
            "official_response": "",
            "tags": "",
            "rejection_reason": "",
            "rejection_note": "",
            "moderation-action": "approve",
        },
    )


def edit_page(client, page, publish=False, **headers):
    data = {"title": "Changed by someone who may not", "slug": page.slug}
    if publish:
        data["action-publish"] = "action-publish"
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, **headers)


def assert_refused(response):
    """Wagtail answers a refused admin page with a redirect to the dashboard and a
    message; a script's request (``X-Requested-With``) gets 403."""
    assert response.status_code == 302 and response["Location"] == "/admin/"


SCRIPT = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


@pytest.fixture
def page(home):
    page = ExplainerPageFactory(parent=home, title="Your rights", slug="your-rights")
    page.body = [paragraph("You can say no to a search.")]
    page.save_revision().publish()
    return page


@pytest.fixture
def demo_moderator(client, feedback_page):
    feedback_demo.build_groups(None)
    user, _ = feedback_demo.demo_moderator()
    client.force_login(user)
    return user


def test_the_demo_moderator_moderates_but_may_not_edit_or_publish_pages(
    client, demo_moderator, page
):
    report = ReportFactory(account="An officer was polite.")
    assert client.get(QUEUE_URL).status_code == 200
    assert approve(client, report).status_code == 302
    report.refresh_from_db()
    assert report.status == "published"

    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert_refused(client.get(edit_url))
    assert client.get(edit_url, **SCRIPT).status_code == 403
    for publish in (False, True):
        assert_refused(edit_page(client, page, publish=publish))
        assert edit_page(client, page, publish=publish, **SCRIPT).status_code == 403
    assert "Sorry, you do not have permission" in client.get("/admin/").content.decode()
    page.refresh_from_db()
    assert page.title == "Your rights" and not page.has_unpublished_changes
    assert not demo_moderator.groups.filter(name=PAGE_MODERATORS).exists()


def test_an_editor_may_edit_pages_but_not_moderate(client, django_user_model, feedback_page, page):
    editor = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    report = ReportFactory(account="An officer was polite.")
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
    for url in (QUEUE_URL, review_url(report)):
        assert_refused(client.get(url))
        assert client.get(url, **SCRIPT).status_code == 403
    assert_refused(approve(client, report))
    report.refresh_from_db()
    assert report.status == "new"


def test_wagtails_page_moderators_publish_pages_but_do_not_moderate_feedback(db):
    moderators = Group.objects.get(name=PAGE_MODERATORS)
    assert GroupPagePermission.objects.filter(
        group=moderators, permission__codename="publish_page"
    ).exists()
    assert not moderators.permissions.filter(content_type__app_label="feedback").exists()
    feedback_moderators = Group.objects.get(name=FEEDBACK_MODERATORS)
    assert not GroupPagePermission.objects.filter(group=feedback_moderators).exists()
    assert {
        (permission.content_type.app_label, permission.codename)
        for permission in feedback_moderators.permissions.select_related("content_type")
    } == set(MODERATOR_PERMISSIONS)


def test_a_demo_built_before_keeps_its_moderator_out_of_page_moderation(db, feedback_page):
    feedback_demo.build_groups(None)
    old = feedback_demo.demo_moderator()[0]
    old.groups.set([Group.objects.get(name=PAGE_MODERATORS)])
    user, changed = feedback_demo.demo_moderator()
    assert changed
    assert set(user.groups.values_list("name", flat=True)) == {FEEDBACK_MODERATORS}
    assert feedback_demo.demo_moderator()[1] is False


@pytest.mark.django_db(transaction=True)
def test_upgrading_moves_feedback_moderation_out_of_wagtails_moderators(
    django_user_model, back_to_the_latest_migrations
):
    before, after = (
        ("feedback", "0009_public_ids_unique"),
        ("feedback", "0010_feedback_moderators_group"),
    )
    MigrationExecutor(connection).migrate([before])
    # The database as the older code left it: Wagtail's Moderators held the feedback
    # permissions and there was no group of feedback moderators.
    Group.objects.filter(name=FEEDBACK_MODERATORS).delete()
    page_moderators, _ = Group.objects.get_or_create(name=PAGE_MODERATORS)
    page_moderators.permissions.add(
        *Permission.objects.filter(content_type__app_label="feedback"),
        Permission.objects.get(codename="access_admin"),
    )
    moderates_only = django_user_model.objects.create_user("mo", "mo@example.org", "pw")
    also_pages = django_user_model.objects.create_user("pa", "pa@example.org", "pw")
    editor = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    for user in (moderates_only, also_pages):
        user.groups.add(page_moderators)
    editor.groups.add(Group.objects.get_or_create(name=EDITORS)[0])
    # A page of the tree as it is, not a new site: replacing the site would delete the
    # site settings of models whose tables these older migrations have not made yet.
    # A transactional test that ran before may have emptied the tree and its locale.
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    page = Page.objects.order_by("depth").first() or Page.add_root(instance=Page(title="Root"))
    PageLogEntry.objects.log_action(page, "wagtail.edit", user=also_pages)

    MigrationExecutor(connection).migrate([after])

    feedback_moderators = Group.objects.get(name=FEEDBACK_MODERATORS)
    assert set(feedback_moderators.user_set.all()) == {moderates_only, also_pages}
    # Only the member who has worked on pages keeps Wagtail's page rights.
    assert set(page_moderators.user_set.all()) == {also_pages}
    assert not page_moderators.permissions.filter(content_type__app_label="feedback").exists()
    assert page_moderators.permissions.filter(codename="access_admin").exists()
    assert set(editor.groups.values_list("name", flat=True)) == {EDITORS}
    for user in (moderates_only, also_pages):
        user = django_user_model.objects.get(pk=user.pk)
        assert user.has_perm("feedback.moderate_report") and user.has_perm(
            "feedback.view_contact_details"
        )
    assert not django_user_model.objects.get(pk=editor.pk).has_perm("feedback.moderate_report")

"""The demo command builds a complete site a resident can read, and is safe to re-run."""

import json
import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Page, Revision, Site

from feedback.models import Report
from feedback.moderation.personal_info import find_personal_information
from home.models import ExplainerPage, HomePage, NewsPage, SiteSettings

REQUIRED_EXPLAINERS = [
    "/lead/what-is-lead/",
    "/lead/eligibility-and-referral/",
    "/lead/after-a-referral/",
    "/lead/your-rights/",
    "/lead/pilot-area/",
    "/lead/officer-training/",
    "/lead/other-cities/",
    "/lead/faq/",
    "/privacy/",
    "/get-help/",
]


@pytest.fixture
def demo_site(db):
    call_command("load_demo_site", "--no-admin", stdout=StringIO())
    return Site.objects.get(is_default_site=True)


def live_page_urls():
    return [page.url for page in Page.objects.live().public().filter(depth__gte=2).specific()]


def snapshot():
    pages = {
        page.url_path: json.dumps(
            {
                "title": page.title,
                "live": page.live,
                "content": page.get_latest_revision().content
                if page.get_latest_revision()
                else None,
            },
            sort_keys=True,
            default=str,
        )
        for page in Page.objects.filter(depth__gte=2).specific()
    }
    return {
        "pages": pages,
        "page_count": Page.objects.count(),
        "revision_count": Revision.objects.count(),
        "sites": list(Site.objects.values_list("hostname", "root_page_id", "is_default_site")),
        "settings": list(SiteSettings.objects.values()),
        "reports": list(Report.objects.order_by("pk").values("receipt_code", "status")),
    }


def test_demo_site_has_every_explainer_the_program_needs(client, demo_site):
    assert isinstance(demo_site.root_page.specific, HomePage)
    for url in REQUIRED_EXPLAINERS:
        response = client.get(url)
        assert response.status_code == 200, url
    assert NewsPage.objects.live().count() >= 2
    assert ExplainerPage.objects.live().count() >= len(REQUIRED_EXPLAINERS)


def test_every_demo_page_answers_200(client, demo_site):
    urls = live_page_urls()
    assert len(urls) >= 14
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_every_link_between_demo_pages_works(client, demo_site):
    checked = set()
    for url in live_page_urls():
        html = client.get(url).content.decode()
        for href in re.findall(r'<a [^>]*href="(/[^"#?]*)', html):
            if href in checked or href.startswith(("/static/", "/admin/")):
                continue
            checked.add(href)
            assert client.get(href).status_code == 200, f"{href} linked from {url}"
    assert "/lead/what-is-lead/" in checked


def test_home_page_offers_the_three_calls_to_action(client, demo_site):
    html = client.get("/").content.decode()
    for label in ["Tell us about a police interaction", "See the results", "Get help now"]:
        assert label in html, label
    assert 'href="/outcomes/"' in html
    assert html.count('class="card__title"') >= 2  # latest news


def test_running_the_command_twice_changes_nothing(demo_site):
    before = snapshot()
    call_command("load_demo_site", "--no-admin", stdout=StringIO())
    assert snapshot() == before


def test_search_finds_demo_explainers(client, demo_site):
    html = client.get("/search/", {"query": "voluntary"}).content.decode()
    assert "/lead/" in html
    assert "0 results" not in html


def test_demo_admin_account_is_created_and_announced(db):
    out = StringIO()
    call_command("load_demo_site", stdout=out)
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser
    assert "/admin/" in out.getvalue()
    assert "admin" in out.getvalue()


def test_sitemap_lists_every_live_demo_page(client, demo_site):
    xml = client.get("/sitemap.xml").content.decode()
    for url in live_page_urls():
        assert f"<loc>http://localhost{url}</loc>" in xml or f"{url}</loc>" in xml, url


def test_staff_can_open_every_demo_page_and_the_settings_in_the_editor(admin_client, demo_site):
    for page in Page.objects.filter(depth__gte=2):
        response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page.url_path
    response = admin_client.get(f"/admin/settings/home/sitesettings/{demo_site.pk}/")
    assert response.status_code == 200
    assert "lead-baltimore@example.org" in response.content.decode()


def test_demo_has_sample_reports_in_every_state_marked_as_sample(client, demo_site):
    statuses = set(Report.objects.values_list("status", flat=True))
    assert statuses == {"new", "published", "rejected"}
    # About 40 in every state, and 24 more published ones for the resident dataset.
    assert 55 <= Report.objects.count() <= 75
    assert not Report.objects.exclude(tags__name="sample data").exists()
    html = client.get("/feedback/published/").content.decode()
    assert "sample data" in html
    flagged = [
        r for r in Report.objects.filter(status="new") if find_personal_information(r.account)
    ]
    assert flagged, "some sample originals should trip the personal-information warnings"


def test_demo_creates_the_moderator_account_in_the_feedback_moderators_group(db):
    call_command("load_demo_site", stdout=StringIO())
    moderator = get_user_model().objects.get(username="moderator")
    assert moderator.has_perm("feedback.moderate_report")
    assert moderator.has_perm("feedback.view_contact_details")
    # Moderating feedback gives no right over pages.
    assert set(moderator.groups.values_list("name", flat=True)) == {"Feedback moderators"}
    editors = Group.objects.get(name="Editors")
    assert not editors.permissions.filter(codename="view_contact_details").exists()
    analyst = get_user_model().objects.get(username="analyst")
    assert analyst.check_password("lead-demo-analyst")
    assert analyst.has_perm("publicdata.publish_release")
    assert not analyst.has_perm("feedback.moderate_report")

"""A data analyst publishes a release from the Wagtail admin: describes the dataset and its
dictionary, uploads a CSV, reads the problems or the suppressed preview and the changes
since the last release, and publishes. Small counts never reach the page."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry, Site
from wagtail.test.utils.form_data import rich_text

from feedback.permissions import EDITORS, FEEDBACK_MODERATORS
from feedback.permissions import ensure_groups as ensure_feedback_groups
from home.models import SiteSettings
from publicdata.models import Dataset, Release, ReleaseRow
from publicdata.permissions import ANALYST_PERMISSIONS, DATA_ANALYSTS, ensure_groups

DATASETS_URL = "/admin/open-data/datasets/"
NEW_DATASET_URL = "/admin/open-data/datasets/new/"
RELEASES_URL = "/admin/open-data/releases/"
UPLOAD_URL = "/admin/open-data/releases/new/"

HEADER = "quarter,service,people,completed,completion_rate\n"
# Housing's 7 people and 3 completions are small counts; Treatment's 25 and 20 are hidden
# beside them so the total cannot give them away; the rates built on them go too.
FIRST = HEADER + (
    "2025-10,Assessment,31,21,0.6774\n"
    "2025-10,Total,31,21,0.6774\n"
    "2026-01,Assessment,40,30,0.75\n"
    "2026-01,Housing,7,3,0.4286\n"
    "2026-01,Treatment,25,20,0.8\n"
    "2026-01,Total,72,53,0.7361\n"
)
SECOND = HEADER + (
    "2026-01,Assessment,44,30,0.6818\n"
    "2026-01,Housing,7,3,0.4286\n"
    "2026-01,Treatment,25,20,0.8\n"
    "2026-01,Total,76,53,0.6974\n"
    "2026-04,Assessment,50,45,0.9\n"
    "2026-04,Total,50,45,0.9\n"
)
BAD = HEADER + (
    "2026-01,Assessment,forty,30,0.75\n2026-13,Housing,7,3,0.4286\n2026-01,Treatment,25,20,1.8\n"
)
HIDDEN_VALUES = ["7", "3", "0.4286", "25", "20", "0.8"]

DICTIONARY = [
    # name, title, type, role, primary key, extra
    ("quarter", "Quarter", "yearmonth", "dimension", True, {}),
    ("service", "Service", "string", "dimension", True, {}),
    ("people", "People", "integer", "count", False, {}),
    ("completed", "Completed", "integer", "count", False, {}),
    (
        "completion_rate",
        "Completion rate",
        "number",
        "rate",
        False,
        {
            "numerator": "completed",
            "denominator": "people",
            "minimum": "0",
            "maximum": "1",
            "unit_kind": "proportion",
        },
    ),
]


def dataset_form(**overrides):
    data = {
        "title": "Services received",
        "slug": "services",
        "summary": "People receiving each service.",
        "description": rich_text("<p>Each service a person in LEAD received.</p>"),
        "methodology": rich_text("<p>Counted by the case managers.</p>"),
        "source": "Behavioral Health System Baltimore",
        "publisher": "LEAD Baltimore",
        "contact_name": "Data team",
        "contact_email": "data@example.org",
        "licence": "CC-BY-4.0",
        "keywords": "services, outcomes",
        "temporal_start": "2025-10-01",
        "temporal_end": "",
        "spatial_coverage": "Pilot area",
        "update_frequency": "R/P3M",
        "issued": "",
        "fields-TOTAL_FORMS": str(len(DICTIONARY)),
        "fields-INITIAL_FORMS": "0",
        "fields-MIN_NUM_FORMS": "1",
        "fields-MAX_NUM_FORMS": "1000",
    }
    for index, (name, title, kind, role, key, extra) in enumerate(DICTIONARY):
        prefix = f"fields-{index}-"
        data.update(
            {
                prefix + "name": name,
                prefix + "title": title,
                prefix + "type": kind,
                prefix + "role": role,
                prefix + "unit": "",
                prefix + "unit_kind": extra.get("unit_kind", "number"),
                prefix + "description": "",
                prefix + "allowed_values": "",
                prefix + "minimum": extra.get("minimum", ""),
                prefix + "maximum": extra.get("maximum", ""),
                prefix + "numerator": extra.get("numerator", ""),
                prefix + "denominator": extra.get("denominator", ""),
                prefix + "required": "on",
                prefix + "ORDER": str(index + 1),
                prefix + "id": "",
                prefix + "DELETE": "",
            }
        )
        if key:
            data[prefix + "primary_key"] = "on"
    data.update(overrides)
    return data


def csv_upload(text, name="services.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def upload(client, dataset, text, name="services.csv", note="Quarterly update"):
    return client.post(
        UPLOAD_URL,
        {"dataset": dataset.pk, "change_note": note, "csv_file": csv_upload(text, name)},
    )


def review_url(release):
    return reverse("publicdata_releases:edit", args=[release.pk])


def publish_url(release):
    return reverse("publicdata_releases:publish", args=[release.pk])


def latest_release():
    return Release.objects.order_by("-pk").first()


def section(html, element_id):
    """The inner HTML of the table with this id."""
    match = re.search(rf'<table[^>]*id="{element_id}".*?</table>', html, re.DOTALL)
    assert match, f"no table #{element_id}"
    return match.group(0)


def cells(table_html):
    rows = re.findall(r"<tr>(.*?)</tr>", table_html, re.DOTALL)
    return [
        [re.sub(r"<[^>]+>", " ", cell).split() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
        for row in rows
        if "<td>" in row
    ]


def user_in(django_user_model, username, group):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(group)
    return user


@pytest.fixture
def analyst(client, django_user_model, db):
    ensure_groups()
    user = user_in(django_user_model, "analyst", Group.objects.get(name=DATA_ANALYSTS))
    client.force_login(user)
    return user


@pytest.fixture
def dataset(client, analyst):
    response = client.post(NEW_DATASET_URL, dataset_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    return Dataset.objects.get(slug="services")


@pytest.fixture
def published_first(client, dataset):
    upload(client, dataset, FIRST, note="First release")
    release = latest_release()
    client.post(publish_url(release))
    release.refresh_from_db()
    assert release.status == "published"
    return release


def test_migrate_gives_data_analysts_their_permissions(db):
    group = Group.objects.get(name=DATA_ANALYSTS)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {codename for _app, codename in ANALYST_PERMISSIONS} <= codenames
    assert "publish_release" in codenames and "delete_release" not in codenames


def test_editors_may_make_charts_but_not_datasets_and_moderators_get_nothing(db):
    ensure_groups()
    ensure_feedback_groups()
    editors = Group.objects.get(name=EDITORS).permissions.filter(
        content_type__app_label="publicdata"
    )
    assert set(editors.values_list("codename", flat=True)) == {
        "add_chart",
        "change_chart",
        "view_chart",
    }
    moderators = Group.objects.get(name=FEEDBACK_MODERATORS).permissions
    assert not moderators.filter(content_type__app_label="publicdata").exists()


def test_migrate_gives_moderators_their_feedback_permissions(db):
    codenames = set(
        Group.objects.get(name=FEEDBACK_MODERATORS).permissions.values_list("codename", flat=True)
    )
    assert {"moderate_report", "view_contact_details"} <= codenames


def test_analysts_find_open_data_in_the_admin_menu(client, analyst):
    home = client.get("/admin/").content.decode()
    assert "Open data" in home
    assert DATASETS_URL in home and RELEASES_URL in home


def test_analyst_describes_a_dataset_and_its_dictionary_in_the_admin(client, dataset):
    assert dataset.contact_email == "data@example.org"
    assert sorted(dataset.keywords.names()) == ["outcomes", "services"]
    fields = list(dataset.fields.all())
    assert [field.name for field in fields] == [name for name, *_ in DICTIONARY]
    assert [field.name for field in fields if field.primary_key] == ["quarter", "service"]
    rate = fields[-1]
    assert (rate.numerator, rate.denominator, rate.maximum) == ("completed", "people", 1)
    assert rate.unit_kind == "proportion"  # pages show it as a percentage
    edit = client.get(reverse("publicdata_datasets:edit", args=[dataset.pk])).content.decode()
    assert "Data dictionary" in edit and 'value="completion_rate"' in edit


def test_a_text_column_cannot_be_shown_as_money(client, analyst):
    form = dataset_form(**{"fields-1-unit_kind": "usd"})  # the service column: text
    response = client.post(NEW_DATASET_URL, form)
    assert response.status_code == 200
    assert "Only a whole number or number column has this kind of unit." in (
        response.content.decode()
    )
    assert not Dataset.objects.filter(slug="services").exists()


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("data@localhost", "Enter an email address with a full domain name"),
        ("", "the program has no contact email in Settings → Site settings"),
    ],
)
def test_a_dataset_needs_a_contact_people_can_write_to(client, analyst, email, message):
    response = client.post(NEW_DATASET_URL, dataset_form(contact_email=email))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Dataset.objects.exists()


def test_a_dataset_may_leave_its_contact_to_the_program(client, analyst):
    SiteSettings.objects.create(
        site=Site.objects.get(is_default_site=True), contact_email="team@example.org"
    )
    response = client.post(NEW_DATASET_URL, dataset_form(contact_name="", contact_email=""))
    assert response.status_code == 302
    assert Dataset.objects.get(slug="services").contact_email == ""


def test_the_dataset_listing_searches_and_filters(client, dataset):
    Dataset.objects.create(
        title="Arrests avoided",
        slug="arrests",
        summary="Made-up numbers.",
        source="BPD",
        contact_email="data@example.org",
        is_sample=True,
    )
    listing = client.get(DATASETS_URL).content.decode()
    assert "Services received" in listing and "Arrests avoided" in listing
    searched = client.get(DATASETS_URL, {"q": "arrests"}).content.decode()
    assert "Arrests avoided" in searched and "Services received" not in searched
    samples = client.get(DATASETS_URL, {"is_sample": "true"}).content.decode()
    assert "Arrests avoided" in samples and "Services received" not in samples
    tag = dataset.keywords.get(name="outcomes")
    tagged = client.get(DATASETS_URL, {"keyword": tag.pk}).content.decode()
    assert "Services received" in tagged and "Arrests avoided" not in tagged


def test_a_bad_file_lists_every_problem_by_row_and_column_and_cannot_be_published(client, dataset):
    response = upload(client, dataset, BAD)
    release = latest_release()
    assert response.status_code == 302 and response["Location"] == review_url(release)
    html = client.get(review_url(release)).content.decode()
    problems = cells(section(html, "problems"))
    assert [" ".join(cell) for cell in problems[0]] == [
        "2",
        "people",
        "“forty” is not a whole number",
    ]
    assert [" ".join(cell) for cell in problems[1]][:2] == ["3", "quarter"]
    assert [" ".join(cell) for cell in problems[2]] == [
        "4",
        "completion_rate",
        "1.8 is above the maximum of 1",
    ]
    assert "3 problems in the file" in html
    assert "Publish this release" not in html and publish_url(release) not in html
    assert f"{UPLOAD_URL}?dataset={dataset.pk}" in html  # upload a corrected file


def test_a_file_with_very_many_problems_says_the_list_is_cut_off(client, dataset):
    upload(client, dataset, HEADER + "2026-01,Housing,many,1,0.1\n" * 250)
    html = client.get(review_url(latest_release())).content.decode()
    assert "200 problems in the file" in html
    assert "Only the first 200 problems are listed; there may be more." in html
    assert len(cells(section(html, "problems"))) == 200


def test_a_good_file_previews_what_will_be_published_after_suppression(client, dataset):
    upload(client, dataset, FIRST)
    release = latest_release()
    html = client.get(review_url(release)).content.decode()
    preview = cells(section(html, "preview"))
    housing = [" ".join(cell) for cell in preview[3]]
    assert housing == [
        "2026-01",
        "Housing",
        "suppressed (small count)",
        "suppressed (small count)",
        "suppressed (rate on a suppressed or small count)",
    ]
    assert [" ".join(cell) for cell in preview[2]] == ["2026-01", "Assessment", "40", "30", "0.75"]
    assert "6 rows." in html and "6 cells are suppressed." in html
    assert "this will be the first" in html
    assert "Publish this release" in html


def test_no_hidden_value_appears_anywhere_on_the_review_screen(client, dataset):
    upload(client, dataset, FIRST)
    html = client.get(review_url(latest_release())).content.decode()
    for value in HIDDEN_VALUES:
        # No element anywhere on the page has a hidden value as its text.
        assert not re.search(rf">\s*{re.escape(value)}\s*<", html), value
    assert "0.4286" not in html
    assert "<td>0</td>" not in html


def test_the_review_shows_the_changes_since_the_published_release(client, published_first):
    upload(client, published_first.dataset, SECOND, note="Second quarter")
    release = latest_release()
    assert release.version == 2
    html = client.get(review_url(release)).content.decode()
    assert "Changes since version 1" in html
    assert "2 rows added" in html and "2 rows removed" in html and "4 cells changed" in html
    added = cells(section(html, "rows-added"))
    assert [cell[0] for cell in added[0][:2]] == ["2026-04", "Assessment"]
    removed = cells(section(html, "rows-removed"))
    assert [cell[0] for cell in removed[0][:2]] == ["2025-10", "Assessment"]
    changed = [[" ".join(cell) for cell in row] for row in cells(section(html, "cells-changed"))]
    assert [
        "quarter = 2026-01, service = Assessment",
        "people",
        "40",
        "44",
    ] in changed
    # Housing and Treatment stay suppressed: not listed as changed, nothing revealed.
    assert not any("Housing" in row[0] or "Treatment" in row[0] for row in changed)
    for value in HIDDEN_VALUES:
        assert not re.search(rf">\s*{re.escape(value)}\s*<", html), value


def test_analyst_publishes_and_the_audit_log_records_it(client, analyst, dataset):
    upload(client, dataset, FIRST)
    release = latest_release()
    response = client.post(publish_url(release), follow=True)
    assert response.redirect_chain[-1][0] == review_url(release)
    html = response.content.decode()
    assert "Services received v1 is published." in html
    assert "Publish this release" not in html and "What was published" in html
    release.refresh_from_db()
    assert release.status == "published" and release.published_at
    assert ReleaseRow.objects.filter(release=release).count() == 6
    entry = ModelLogEntry.objects.get(action="publicdata.publish", object_id=str(release.pk))
    assert entry.user_id == analyst.pk
    published = cells(section(html, "preview"))
    assert " ".join(published[3][2]) == "suppressed"


def test_publishing_twice_shows_why_it_was_refused(client, published_first):
    response = client.post(publish_url(published_first), follow=True)
    assert "This release is already published." in response.content.decode()
    assert ModelLogEntry.objects.filter(action="publicdata.publish").count() == 1


def test_a_get_to_the_publish_url_publishes_nothing(client, dataset):
    upload(client, dataset, FIRST)
    release = latest_release()
    response = client.get(publish_url(release))
    assert response.status_code == 405
    release.refresh_from_db()
    assert release.status == "draft" and not ReleaseRow.objects.exists()


def test_an_analyst_without_the_publish_permission_cannot_publish(
    client, django_user_model, dataset
):
    upload(client, dataset, FIRST)
    release = latest_release()
    preparer_group = Group.objects.create(name="Release preparers")
    preparer_group.permissions.set(
        Permission.objects.filter(
            codename__in=[c for _app, c in ANALYST_PERMISSIONS if c != "publish_release"]
        )
    )
    client.force_login(user_in(django_user_model, "preparer", preparer_group))
    html = client.get(review_url(release)).content.decode()
    assert "What will be published" in html
    assert "Publish this release" not in html and "permission to publish" in html
    refused = client.post(publish_url(release))
    # Wagtail answers a refused admin request with a redirect to the dashboard.
    assert refused.status_code in (302, 403) and refused.get("Location") != review_url(release)
    release.refresh_from_db()
    assert release.status == "draft" and not ReleaseRow.objects.exists()
    assert not ModelLogEntry.objects.filter(action="publicdata.publish").exists()


@pytest.mark.parametrize("group_name", [FEEDBACK_MODERATORS, EDITORS])
def test_moderators_and_editors_cannot_reach_the_open_data_screens(
    client, django_user_model, dataset, group_name
):
    upload(client, dataset, FIRST)
    release = latest_release()
    ensure_feedback_groups()
    client = Client()
    client.force_login(user_in(django_user_model, "staff", Group.objects.get(name=group_name)))
    home = client.get("/admin/")
    assert home.status_code == 200 and "/admin/open-data/" not in home.content.decode()
    for url in [
        DATASETS_URL,
        NEW_DATASET_URL,
        reverse("publicdata_datasets:edit", args=[dataset.pk]),
        RELEASES_URL,
        UPLOAD_URL,
        review_url(release),
    ]:
        assert client.get(url).status_code in (302, 403), url
    assert client.post(publish_url(release)).status_code in (302, 403)
    assert upload(client, dataset, FIRST).status_code in (302, 403)
    release.refresh_from_db()
    assert release.status == "draft" and Release.objects.count() == 1


def test_a_file_that_is_not_csv_gets_a_form_error(client, dataset):
    response = upload(client, dataset, FIRST, name="services.xlsx")
    assert response.status_code == 200
    assert "“services.xlsx” is not a CSV file." in response.content.decode()
    assert not Release.objects.exists()


def test_a_file_over_the_size_limit_gets_a_form_error(client, dataset, settings):
    settings.PUBLICDATA_MAX_UPLOAD_BYTES = 100
    response = upload(client, dataset, FIRST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "the largest file you can upload is 100\xa0bytes" in html
    assert 'value="Quarterly update"' in html or "Quarterly update</textarea>" in html
    assert not Release.objects.exists()


def test_the_release_listing_filters_by_dataset_and_status(client, published_first):
    other = Dataset.objects.create(
        title="Arrests avoided", slug="arrests", summary="s", source="BPD", contact_email="a@b.org"
    )
    other.fields.create(name="quarter", title="Quarter", type="yearmonth", role="dimension")
    upload(client, other, "quarter\n2026-01\n")
    listing = client.get(RELEASES_URL).content.decode()
    assert "Services received v1" in listing and "Arrests avoided v1" in listing
    by_dataset = client.get(RELEASES_URL, {"dataset": other.pk}).content.decode()
    assert "Arrests avoided v1" in by_dataset and "Services received v1" not in by_dataset
    drafts = client.get(RELEASES_URL, {"status": "draft"}).content.decode()
    assert "Arrests avoided v1" in drafts and "Services received v1" not in drafts


def test_only_a_draft_release_can_be_deleted(client, published_first, django_user_model):
    admin = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(admin)
    delete_url = reverse("publicdata_releases:delete", args=[published_first.pk])
    assert client.post(delete_url).status_code in (302, 403)  # Wagtail redirects a refusal
    assert Release.objects.filter(pk=published_first.pk).exists()
    assert delete_url not in client.get(review_url(published_first)).content.decode()
    upload(client, published_first.dataset, FIRST, note="A mistake")
    draft = latest_release()
    draft_delete_url = reverse("publicdata_releases:delete", args=[draft.pk])
    assert draft_delete_url in client.get(review_url(draft)).content.decode()
    client.post(draft_delete_url)
    assert not Release.objects.filter(pk=draft.pk).exists()


@pytest.mark.parametrize("value", ["²", "١٢", "99999999999999999999", "x", ""])
def test_the_upload_form_ignores_a_dataset_parameter_that_is_not_an_id(client, dataset, value):
    response = client.get(UPLOAD_URL, {"dataset": value})
    assert response.status_code == 200
    select = response.content.decode().split('name="dataset"')[1].split("</select>")[0]
    assert 'value="" selected' in select and f'value="{dataset.pk}" selected' not in select


def test_the_upload_form_preselects_the_dataset_it_was_opened_for(client, dataset):
    response = client.get(UPLOAD_URL, {"dataset": dataset.pk})
    select = response.content.decode().split('name="dataset"')[1].split("</select>")[0]
    assert f'value="{dataset.pk}" selected' in select

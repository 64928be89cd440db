"""An editor makes a chart in the admin: the form refuses choices that do not fit the
dataset, a good chart is saved, previewed, and put on a page with the chart block."""

import re
from html import unescape

import pytest
from django.contrib.auth.models import Group

from publicdata.models import Chart, FieldSpec
from publicdata.permissions import EDITORS, ensure_groups
from tests.publicdata_helpers import make_dataset

ADD_URL = "/admin/snippets/publicdata/chart/add/"


@pytest.fixture
def editor(client, django_user_model, referrals):
    ensure_groups()
    user = django_user_model.objects.create_user("editor", "editor@example.org", "pw")
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return user


def chart_form(dataset, **overrides):
    return {
        "title": "Referrals each month",
        "summary": "Referrals rose from January to February.",
        "dataset": dataset.pk,
        "kind": "line",
        "x_field": "month",
        "y_fields": "referrals, enrolled",
        "series_field": "",
        "filters": "referral_type=Total",
        "x_label": "",
        "y_label": "People",
        "unit": "",
        "annotations": "2017-02 | Pilot starts",
        "period": "",
        "comparison_filters": "",
        "comparison_label": "",
        **overrides,
    }


def test_an_editor_is_told_when_a_field_cannot_be_plotted(client, editor, referrals):
    response = client.post(ADD_URL, chart_form(referrals, y_fields="referral_type"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "“referral_type” holds text, not numbers." in html
    assert "Referrals rose from January to February." in html  # what was typed is kept
    assert not Chart.objects.exists()


def test_an_editor_is_told_when_filters_leave_several_rows(client, editor, referrals):
    response = client.post(ADD_URL, chart_form(referrals, filters=""))
    assert "more than one row for month" in response.content.decode()
    assert not Chart.objects.exists()


def test_an_editor_saves_and_previews_a_chart(client, editor, referrals):
    response = client.post(ADD_URL, chart_form(referrals))
    assert response.status_code == 302, response.content.decode()[:2000]
    chart = Chart.objects.get()
    assert chart.y_names == ["referrals", "enrolled"]
    preview_url = f"/admin/snippets/publicdata/chart/preview/{chart.pk}/"
    client.post(preview_url, chart_form(referrals, title="Renamed in preview"))
    preview = client.get(preview_url).content.decode()
    assert "Renamed in preview" in preview and 'type="application/json"' in preview
    assert "<table" in preview


def test_a_moderator_cannot_make_charts(client, django_user_model, referrals):
    from feedback.permissions import FEEDBACK_MODERATORS
    from feedback.permissions import ensure_groups as ensure_feedback_groups

    ensure_feedback_groups()
    user = django_user_model.objects.create_user("mod", "mod@example.org", "pw")
    user.groups.add(Group.objects.get(name=FEEDBACK_MODERATORS))
    client.force_login(user)
    client.post(ADD_URL, chart_form(referrals))
    assert not Chart.objects.exists()


# The editor's lists come from each dataset's dictionary and current release.


def options_for(html, name, dataset):
    """The values of field ``name``'s choices (a select's options or its checkboxes) that
    belong to ``dataset`` (their w-rules)."""
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S)
    pattern = "<option" if select else f'<input type="checkbox" name="{name}"'
    found = re.findall(
        rf'{pattern} value="([^"]*)"[^>]*?data-w-rules="([^"]*)"', select[0] if select else html
    )
    return [value for value, rules in found if f'"{dataset.pk}"' in unescape(rules)]


def test_the_editor_chooses_fields_and_values_from_each_datasets_dictionary(
    client, editor, referrals
):
    other = make_dataset(slug="other", title="Another")
    FieldSpec.objects.create(
        dataset=other, sort_order=20, name="cost", title="Cost", type="number", role="measure"
    )
    html = client.get(ADD_URL).content.decode()
    assert (
        'data-controller="w-rules"' in html and 'data-action="change-&gt;w-rules#resolve"' in html
    )
    specs = list(referrals.fields.all())
    names = [spec.name for spec in specs]
    assert options_for(html, "x_field", referrals) == names
    # y: number columns that are not dimensions; series: dimensions.
    assert options_for(html, "y_fields", referrals) == ["referrals", "enrolled", "enrolment_rate"]
    assert options_for(html, "series_field", referrals) == [
        "month",
        "referral_type",
    ]
    assert "cost" in options_for(html, "y_fields", other)
    assert "cost" not in options_for(html, "y_fields", referrals)
    # Filters: the allowed values, or the values of the current release where any is allowed.
    filters = sorted(options_for(html, "filters", referrals))
    assert filters == [
        "month=2017-01",
        "month=2017-02",
        "referral_type=Arrest diversion",
        "referral_type=Social contact",
        "referral_type=Total",
    ]


def test_a_chart_made_from_the_lists_is_saved_and_shown_as_chosen(client, editor, referrals):
    data = chart_form(
        referrals, y_fields=["referrals", "enrolled"], filters=["referral_type=Total"]
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    chart = Chart.objects.get()
    assert chart.y_fields == "referrals, enrolled" and chart.filters == "referral_type=Total"
    html = client.get(f"/admin/snippets/publicdata/chart/edit/{chart.pk}/").content.decode()
    assert re.search(r'value="referrals"[^>]*checked|checked[^>]*value="referrals"', html)
    assert re.search(r'value="referral_type=Total"[^>]*checked', html)
    assert re.search(r'<option value="month"[^>]*selected', html)


def test_a_choice_from_another_dataset_is_refused_by_the_dictionary_check(
    client, editor, referrals
):
    other = make_dataset(slug="other", title="Another")
    FieldSpec.objects.create(
        dataset=other, sort_order=20, name="cost", title="Cost", type="number", role="measure"
    )
    response = client.post(ADD_URL, chart_form(referrals, y_fields=["cost"], filters=[]))
    assert response.status_code == 200
    assert (
        "“cost” is not a field of Referrals and enrolments by month." in response.content.decode()
    )
    assert not Chart.objects.exists()

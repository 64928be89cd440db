"""An editor makes a chart in the admin: the form refuses choices that do not fit the
dataset, a good chart is saved, previewed, and put on a page with the chart block."""

import pytest
from django.contrib.auth.models import Group

from publicdata.models import Chart
from publicdata.permissions import EDITORS, ensure_groups

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

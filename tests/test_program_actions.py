""" "You said, we did": editors record what the program does because of feedback, with each
change of status; moderators choose published reports as examples; the public follows the
actions in a list, a page each, a feed, beside the reports that share a theme, and as a
dataset. Every change is in the audit log."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from feedback.actions import dataset as actions_dataset
from feedback.models import ActionStatusChange, ProgramAction, Report
from feedback.moderation import decisions as moderation
from tests.factories import ReportFactory

ADD_URL = "/admin/snippets/feedback/programaction/add/"
LIST_URL = "/admin/snippets/feedback/programaction/"
ATOM = "{http://www.w3.org/2005/Atom}"


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def edit_url(action):
    return reverse("wagtailsnippets_feedback_programaction:edit", args=[action.pk])


def examples_url(action):
    return reverse("wagtailsnippets_feedback_programaction:examples", args=[action.pk])


def action_form(changes, **fields):
    data = {
        "title": "Officers say why they stop someone",
        "slug": "officers-say-why",
        "what": "Every officer in the pilot area is trained to say why they stop someone.",
        "why": "Residents told us officers searched them without saying why.",
        "themes": "stops",
        "progress_done": "",
        "progress_target": "",
        "progress_unit": "",
        "title_es": "",
        "what_es": "",
        "why_es": "",
        "progress_unit_es": "",
        **fields,
    }
    rows = [
        {"date": day.isoformat(), "status": status, "note": note, "note_es": "", **extra}
        for day, status, note, *more in changes
        for extra in [more[0] if more else {}]
    ]
    return nested_form_data({**data, "status_changes": inline_formset(rows, min=1)})


def staff(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(django_user_model, feedback_page):
    return staff(django_user_model, "editor", "Editors")


@pytest.fixture
def moderator(django_user_model, feedback_page):
    return staff(django_user_model, "moderator", "Feedback moderators")


def make_action(
    title="Case managers on call in the evening", slug="evening-case-managers", **fields
):
    action = ProgramAction(
        title=title,
        slug=slug,
        what="Case managers answer referrals until 10 pm.",
        why="Residents said help was not there when officers called at night.",
        **fields,
    )
    action.status_changes.add(ActionStatusChange(date=days_ago(60), status="planned"))
    action.status_changes.add(
        ActionStatusChange(date=days_ago(20), status="in_progress", note="Two hired.")
    )
    action.save()
    action.themes.add("lead referral")
    action.save()
    return action


def test_an_editor_writes_an_action_and_its_status_is_logged(client, editor):
    client.force_login(editor)
    response = client.post(ADD_URL, action_form([(days_ago(30), "planned", "We agreed to do it.")]))
    assert response.status_code == 302, response.content.decode()[:2000]
    action = ProgramAction.objects.get()
    assert (action.status, action.status_date) == ("planned", days_ago(30))
    assert [theme.name for theme in action.themes.all()] == ["stops"]
    entries = ModelLogEntry.objects.filter(object_id=str(action.pk)).order_by("pk")
    assert [entry.action for entry in entries] == ["wagtail.create", "feedback.action_status"]
    assert entries[1].user == editor
    assert entries[1].data == {
        "status": "planned",
        "date": days_ago(30).isoformat(),
        "previous": None,
    }

    changes = [
        (
            days_ago(30),
            "planned",
            "We agreed to do it.",
            {"id": str(action.status_changes.get().pk)},
        )
    ]
    changes.append((days_ago(2), "done", "Every officer trained."))
    form = action_form(changes, progress_done="120", progress_target="120")
    form["status_changes-INITIAL_FORMS"] = "1"
    response = client.post(edit_url(action), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    action.refresh_from_db()
    assert action.status == "done"
    latest = ModelLogEntry.objects.filter(action="feedback.action_status").latest("pk")
    assert latest.data == {"status": "done", "date": days_ago(2).isoformat(), "previous": "planned"}
    assert ModelLogEntry.objects.filter(object_id=str(action.pk), action="wagtail.edit").exists()
    # Each save is a revision, so the history compares what changed.
    assert action.revisions.count() == 2


@pytest.mark.parametrize(
    ("changes", "fields", "message"),
    [
        ([], {}, "Please submit at least 1 form."),
        ([(days_ago(3), "dropped", "")], {}, "Say why the action was dropped."),
        ([(days_ago(-1), "planned", "")], {}, "A change cannot be dated after today."),
        ([(datetime.date(2014, 12, 31), "planned", "")], {}, "from 1 January 2015 on"),
        ([(days_ago(3), "planned", "=HYPERLINK(1)")], {}, "spreadsheet"),
        ([(days_ago(3), "planned", "")], {"title": "+1 officers"}, "spreadsheet"),
        ([(days_ago(3), "planned", "")], {"themes": "=cmd"}, "spreadsheet"),
        ([(days_ago(3), "planned", "")], {"progress_target": "20"}, "or neither"),
        (
            [(days_ago(3), "planned", "")],
            {"progress_done": "1", "progress_target": "0"},
            "more than zero",
        ),
    ],
)
def test_what_an_editor_gets_wrong_is_said_beside_it(client, editor, changes, fields, message):
    client.force_login(editor)
    response = client.post(ADD_URL, action_form(changes, **fields))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ProgramAction.objects.exists()


def test_only_editors_write_actions_and_only_moderators_choose_examples(client, editor, moderator):
    action = make_action()
    client.force_login(moderator)
    assert client.get(LIST_URL).status_code == 200
    assert client.get(ADD_URL).status_code == 302  # refused, back to the dashboard
    assert client.get(edit_url(action)).status_code == 302
    assert client.get(examples_url(action)).status_code == 200
    client.force_login(editor)
    assert client.get(edit_url(action)).status_code == 200
    assert client.get(examples_url(action)).status_code == 302
    assert "Choose examples" not in client.get(LIST_URL).content.decode()


def test_a_moderator_links_published_reports_sharing_a_theme(client, moderator, admin_user):
    action = make_action()
    sharing = [
        moderation.approve(
            ReportFactory(), admin_user, f"Help came at night {n}.", tags=["lead referral"]
        )
        for n in range(3)
    ]
    other = moderation.approve(ReportFactory(), admin_user, "Unrelated.", tags=["stops"])
    waiting = ReportFactory(public_text="Not published yet.")
    waiting.tags.add("lead referral")
    client.force_login(moderator)
    html = client.get(examples_url(action)).content.decode()
    assert "Help came at night 0." in html and "Unrelated." not in html
    assert "Not published yet." not in html and waiting.account not in html
    response = client.post(examples_url(action), {"reports": [sharing[0].pk, sharing[1].pk]})
    assert response.status_code == 302
    assert set(action.example_reports.all()) == set(sharing[:2])
    entry = ModelLogEntry.objects.get(action="feedback.action_examples")
    assert entry.user == moderator and entry.data == {
        "reports": sorted([sharing[0].pk, sharing[1].pk])
    }
    # Only reports offered can be chosen, and at most five.
    response = client.post(examples_url(action), {"reports": [other.pk]})
    assert response.status_code == 200 and other not in action.example_reports.all()
    page = client.get(f"/feedback/actions/{action.slug}/").content.decode()
    assert "Help came at night 0." in page and "Help came at night 2." not in page
    # A report taken down leaves the action's page at once.
    moderation.reject(Report.objects.get(pk=sharing[0].pk), admin_user, "duplicate")
    page = client.get(f"/feedback/actions/{action.slug}/").content.decode()
    assert "Help came at night 0." not in page and "Help came at night 1." in page


def test_no_more_than_five_examples(client, moderator, admin_user):
    action = make_action()
    reports = [
        moderation.approve(ReportFactory(), admin_user, f"Text {n}.", tags=["lead referral"])
        for n in range(6)
    ]
    client.force_login(moderator)
    response = client.post(examples_url(action), {"reports": [report.pk for report in reports]})
    assert response.status_code == 200
    assert "Choose at most 5 reports." in response.content.decode()
    assert not action.example_reports.exists()


def test_the_public_list_filters_by_status_and_theme(client, feedback_page):
    make_action()
    dropped = ProgramAction(
        title="A text line for reports",
        slug="text-line",
        what="A number to text.",
        why="Asked for.",
    )
    dropped.status_changes.add(
        ActionStatusChange(
            date=days_ago(10), status="dropped", note="Residents preferred the form."
        )
    )
    dropped.save()
    dropped.themes.add("reporting")
    dropped.save()
    html = client.get("/feedback/actions/").content.decode()
    assert "Case managers on call in the evening" in html and "A text line for reports" in html
    only = client.get("/feedback/actions/", {"status": "dropped"}).content.decode()
    assert "A text line for reports" in only and "Case managers on call" not in only
    themed = client.get("/feedback/actions/", {"theme": "lead-referral"}).content.decode()
    assert "Case managers on call" in themed and "A text line" not in themed
    for name, value, message in [
        ("status", "finished", "Choose a status from the list"),
        ("theme", "no-such-theme", "No action has this theme"),
    ]:
        response = client.get("/feedback/actions/", {name: value})
        assert response.status_code == 400
        assert message in response.content.decode()
        assert "Case managers on call" in response.content.decode()


def test_each_action_has_a_page_with_its_history(client, feedback_page):
    action = make_action(progress_done=2, progress_target=4, progress_unit="case managers hired")
    html = client.get(f"/feedback/actions/{action.slug}/").content.decode()
    assert "In progress" in html and "Two hired." in html and "Planned" in html
    assert html.index(days_ago(60).strftime("%Y-%m-%d")) < html.index(
        days_ago(20).strftime("%Y-%m-%d")
    )
    assert "Progress: 2 of 4 case managers hired" in html
    assert '<progress max="100" value="50"' in html
    assert client.get("/feedback/actions/no-such-action/").status_code == 404


def test_the_feed_follows_status_changes(client, feedback_page):
    action = make_action()
    response = client.get("/feedback/actions/feed.atom")
    assert response.status_code == 200
    feed = ET.fromstring(response.content)  # noqa: S314 (our own feed)
    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert titles == [f"{action.title}: In progress", f"{action.title}: Planned"]


def test_a_published_report_links_to_the_actions_that_share_its_theme(
    client, feedback_page, admin_user
):
    action = make_action()
    moderation.approve(ReportFactory(), admin_user, "Nobody came at night.", tags=["lead referral"])
    moderation.approve(ReportFactory(), admin_user, "A calm stop.", tags=["stops"])
    html = client.get("/feedback/published/").content.decode()
    first, second = html.split('class="report"')[1:3]
    together = first + second
    assert together.count(f"/feedback/actions/{action.slug}/") == 1
    assert "What the program did about this" in together
    # An action saved later shows at once: the cached page is dropped.
    other = make_action(title="Officers say why they stop someone", slug="say-why")
    other.themes.set(["stops"])
    other.save()
    assert "/feedback/actions/say-why/" in client.get("/feedback/published/").content.decode()


def test_actions_read_in_spanish(client, feedback_page):
    from wagtail.models import Locale
    from wagtail_localize.synctree import synchronize_tree

    synchronize_tree(Locale.objects.get(language_code="en"), Locale.objects.get(language_code="es"))
    make_action(title_es="Gestores de casos de guardia por la noche")
    html = client.get("/es/feedback/actions/").content.decode()
    assert "Gestores de casos de guardia por la noche" in html
    assert 'lang="en"' in html  # the English "what", shown for want of a Spanish one


def test_the_actions_dataset_has_a_row_per_status_change(
    client, feedback_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        action = make_action()
    response = client.get(f"/data/{actions_dataset.SLUG}/download.csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    lines = text.strip().split("\r\n")
    assert lines[0].startswith("action,date,status,title,themes,note,current")
    assert f"{action.slug},{days_ago(60).isoformat()},Planned" in lines[1]
    assert f"{action.slug},{days_ago(20).isoformat()},In progress" in lines[2]
    assert lines[2].endswith(",true,,,") and ",false," in lines[1]

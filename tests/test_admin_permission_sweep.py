"""Every admin screen that the feedback, open-data and home apps bring with them, asked for
by every kind of staff member: nobody reads a receipt code, a resident's words, contact
details or a word rule without the permission for it, and a screen of a model someone has
no permission for answers with a refusal or a redirect, never with its data.

The screens are found, not listed: every URL of every admin viewset (listings, review and
edit screens, choosers, history, usage, copy, delete, preview) whose model belongs to one of
the three apps, their site settings, and Wagtail's own screens that gather from every
model (the dashboard, the snippet index, the reports with the site history and its
exports). A new viewset is swept as soon as it is registered.

The staff members are one per group in the database (so a group added later is swept
too), a reader of reports and comments who may not moderate them, a staff member with no
group, and a superuser: the control, who must see every sentinel somewhere, so that a
sentinel that never reaches a page cannot make the sweep pass. Everyone signs in as staff
do, with their password and an authenticator code.
"""

import io
import zipfile

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.text import slugify
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.viewsets import viewsets
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import Site
from wagtail.permissions import policy_registry

from feedback.models import (
    AbuseFlag,
    ActionStatusChange,
    ContactDetails,
    ProgramAction,
    Report,
    WordRule,
)
from feedback.moderation import decisions as moderation
from feedback.reports.asking_again import ask_again
from publicdata.models import Chart
from tests.factories import CommentFactory, ReportFactory
from tests.publicdata_helpers import REFERRALS_V1, make_dataset, publish_csv

APPS = {"feedback", "publicdata", "home"}
PASSWORD = "lantern-harbour-tram-47"  # noqa: S105 (a test account's password)

# Recognisable values that no page shows unless it shows the record they sit in.
ORIGINAL = "Sentinel original: the officer on Zanzibar Court took my bag."
DRAFT_PUBLIC_TEXT = "Sentinel draft public text, not yet published."
FLAG_NOTE = "Sentinel flag note from a resident."
COMMENT_BODY = "Sentinel pending comment about Quixotic Lane."
COMMENT_NAME = "Sentinelname Commenter"
WORD_RULE = "xylophonic"
WORD_RULE_NOTE = "Sentinel word rule note."
CONTACT_NAME = "Sentinel Contactname"
CONTACT_EMAIL = "sentinel.contact@example.org"
CONTACT_PHONE = "410-555-0199"
ASK_AGAIN_NOTE = "Sentinel note asking again about Xanadu Alley."
FIRST_DECISION_NOTE = "Sentinel note of the first decision on Yonder Row."

# Screens that are not a viewset's but gather from every model.
GLOBAL_URL_NAMES = ["wagtailadmin_home", "wagtailsnippets:index"]
GLOBAL_NAMESPACES = ["wagtailadmin_reports"]
# Charts are public (each has its own embed page and downloads) and every page editor puts
# them on pages with the chart block, so their chooser stays open to all staff.
OPEN_CHOOSERS = {Chart}


def _member(django_user_model, username, **extra):
    return django_user_model.objects.create_user(
        username, f"{username}@example.org", PASSWORD, **extra
    )


def staff_members(django_user_model):
    """(who, user) for each group in the database, then the people no group describes."""
    members = []
    for group in Group.objects.order_by("name"):
        user = _member(django_user_model, f"member-{slugify(group.name)}")
        user.groups.add(group)
        members.append((f"a member of {group.name}", user))
    reader = _member(django_user_model, "reader")
    reader.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["wagtailadmin", "feedback"],
            codename__in=[
                "access_admin",
                "view_report",
                "change_report",
                "view_comment",
                "change_comment",
            ],
        )
    )
    members.append(("a reader of reports and comments who may not moderate", reader))
    nobody = _member(django_user_model, "nogroup", is_staff=True)
    members.append(("a staff member with no group", nobody))
    superuser = _member(django_user_model, "control", is_superuser=True, is_staff=True)
    members.append(("a superuser", superuser))
    return members


def signed_in(user):
    """A client signed in as ``user`` with their password and an authenticator code."""
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = Client()
    response = client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, f"{user.username} could not sign in"
    token = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    client.post(reverse("staff_two_factor_verify"), {"token": f"{token:0{device.digits}d}"})
    if user.has_perm("wagtailadmin.access_admin"):
        assert client.get("/admin/").status_code == 200, f"{user.username} is not verified"
    return client


@pytest.fixture
def sentinels(feedback_page, explainer, admin_user):
    """What each secret looks like in a page, and who may see it."""
    pending = ReportFactory(account=ORIGINAL, public_text=DRAFT_PUBLIC_TEXT)
    ContactDetails.objects.store(
        pending, name=CONTACT_NAME, email=CONTACT_EMAIL, phone=CONTACT_PHONE
    )
    published = moderation.approve(ReportFactory(), admin_user, "A calm conversation.")
    AbuseFlag.objects.create(report=published, reason="other", note=FLAG_NOTE, reporter_key="k")
    Report.objects.filter(pk=published.pk).update(hidden_by_flags=True)
    rejected = moderation.reject(ReportFactory(), admin_user, "off_topic")
    asked = moderation.reject(ReportFactory(), admin_user, "spam", note=FIRST_DECISION_NOTE)
    ask_again(asked, ASK_AGAIN_NOTE)
    action = ProgramAction(title="Officers say why", slug="say-why", what="W.", why="Y.")
    action.status_changes.add(ActionStatusChange(date=timezone.localdate(), status="planned"))
    action.save()
    action.example_reports.add(published)
    CommentFactory(
        page=explainer, status="new", body=COMMENT_BODY, public_text="", display_name=COMMENT_NAME
    )
    WordRule.objects.create(phrase=WORD_RULE, action="hold", note=WORD_RULE_NOTE)
    publish_csv(make_dataset(), REFERRALS_V1)

    may_read_reports = ("feedback.view_report", "feedback.change_report")
    may_read_comments = ("feedback.view_comment", "feedback.change_comment")
    may_read_word_rules = tuple(
        f"feedback.{action}_wordrule" for action in ("view", "add", "change", "delete")
    )
    codes = []
    for report in (pending, published, rejected, asked):
        report.refresh_from_db()
        codes += [report.receipt_code, report.display_code]
    return [
        *[("a receipt code", code, ("feedback.moderate_report",)) for code in codes],
        ("a report's original", ORIGINAL, may_read_reports),
        ("a report's draft public text", DRAFT_PUBLIC_TEXT, may_read_reports),
        ("a resident's flag note", FLAG_NOTE, may_read_reports),
        ("a resident's note asking again", ASK_AGAIN_NOTE, may_read_reports),
        ("the note of a decision asked about again", FIRST_DECISION_NOTE, may_read_reports),
        ("a pending comment", COMMENT_BODY, may_read_comments),
        ("a pending comment's name", COMMENT_NAME, may_read_comments),
        ("a word rule", WORD_RULE, may_read_word_rules),
        ("a word rule's note", WORD_RULE_NOTE, may_read_word_rules),
        *[
            ("contact details", value, ("feedback.view_contact_details",))
            for value in (CONTACT_NAME, CONTACT_EMAIL, CONTACT_PHONE)
        ],
    ]


def may_use(model):
    """The rule of Wagtail's listings: any permission on the model opens its screens."""

    def check(user):
        policy = policy_registry.get_by_type(model)
        return policy.user_has_any_permission(user, ["add", "change", "delete", "view"])

    check.needs = f"any permission on {model.__name__}"
    return check


def may_moderate(user):
    return user.has_perm("feedback.moderate_report") or user.has_perm("feedback.moderate_comment")


may_moderate.needs = "a moderation permission"


def may_enter_reports(user):
    return user.has_perm("feedback.enter_report")


may_enter_reports.needs = "the permission to enter reports for residents"

# Screens of a viewset without a model, and who may open them.
WHO_MAY_OPEN = {"moderation": may_moderate, "enter_report": may_enter_reports}


def _app_of(viewset):
    model = getattr(viewset, "model", None)
    if isinstance(model, type):
        return model._meta.app_label
    return type(viewset).__module__.split(".")[0]


def _patterns(resolver, namespace):
    """(url name, argument names) of every pattern under ``namespace``."""
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == namespace:
                for pattern in entry.url_patterns:
                    yield pattern.name, set(pattern.pattern.regex.groupindex)
            else:
                yield from _patterns(entry, namespace)


def _with_variants(url, name):
    """Listings are also searched, and exported where they can be."""
    yield url
    if name in {"list", "index", "choose", "choose_results", "site_history"}:
        yield f"{url}?q=sentinel"
    if name in {"list", "index", "site_history"}:
        yield f"{url}?export=csv"
        yield f"{url}?export=xlsx"


def admin_screens():
    """(url, who may open it or None when anyone may) of every screen the sweep asks for."""
    resolver = get_resolver()
    screens = []
    for viewset in viewsets.viewsets:
        if _app_of(viewset) not in APPS:
            continue
        model = getattr(viewset, "model", None)
        if not isinstance(model, type):
            allowed, model = WHO_MAY_OPEN[viewset.name], None
        elif model in OPEN_CHOOSERS and hasattr(viewset, "choose_view_class"):
            allowed = None
        else:
            allowed = may_use(model)
        for name, arguments in _patterns(resolver, viewset.url_namespace):
            if arguments - {"pk"}:
                continue  # revisions and workflow steps: none of these models has them
            instances = model.objects.order_by("pk") if "pk" in arguments else [None]
            for instance in instances:
                kwargs = {"pk": instance.pk} if instance is not None else {}
                url = reverse(f"{viewset.url_namespace}:{name}", kwargs=kwargs)
                screens += [(variant, allowed) for variant in _with_variants(url, name)]
    site = Site.objects.get(is_default_site=True)
    for model in settings_registry:
        if model._meta.app_label in APPS:
            url = reverse(
                "wagtailsettings:edit",
                args=[model._meta.app_label, model._meta.model_name, site.pk],
            )
            screens.append((url, may_use(model)))
    screens += [(reverse(name), None) for name in GLOBAL_URL_NAMES]
    for namespace in GLOBAL_NAMESPACES:
        for name, arguments in _patterns(resolver, namespace):
            if not arguments:
                url = reverse(f"{namespace}:{name}")
                screens += [(variant, None) for variant in _with_variants(url, name)]
    return screens


def readable(response):
    """The text of an answer, whatever its form: a page, a stream, a spreadsheet."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            content = b"".join(archive.read(name) for name in archive.namelist())
    return content.decode("utf-8", errors="replace")


def sweep(client, user, screens, sentinels):
    """(problems, kinds of sentinel seen) of one staff member's walk through the screens."""
    problems, seen = [], set()
    for url, allowed in screens:
        response = client.get(url)
        if response.status_code >= 500:
            problems.append(f"{url} answered {response.status_code}")
            continue
        if response.status_code != 200:
            continue  # a refusal, a redirect (to sign in, to a listing) or a wrong method
        if allowed is not None and not allowed(user):
            problems.append(f"{url} opens without {allowed.needs}")
        text = readable(response)
        for what, value, allowed_by in sentinels:
            if value in text:
                seen.add(what)
                if not any(user.has_perm(permission) for permission in allowed_by):
                    problems.append(f"{url} shows {what}")
    return problems, seen


def test_no_staff_member_sees_what_their_permissions_do_not_allow(
    sentinels, django_user_model, settings
):
    settings.PORTAL_REQUIRE_2FA_FOR_MODERATORS = True
    members = staff_members(django_user_model)
    screens = admin_screens()
    # Every kind of screen is there: a broken enumeration must not pass quietly.
    urls = [url for url, _allowed in screens]
    for expected in [
        "/admin/snippets/choose/feedback/report/",
        "/admin/snippets/choose/feedback/report/chosen/",
        "/admin/snippets/feedback/report/history/",
        "/admin/snippets/feedback/wordrule/usage/",
        "/admin/open-data/releases/edit/",
        "/admin/moderation/",
        "/admin/snippets/feedback/programaction/edit/",
        "/admin/snippets/feedback/programaction/examples/",
        "/admin/enter-report/",
        "/admin/settings/feedback/outreachsettings/",
        "/admin/reports/site-history/?export=csv",
        "/admin/settings/home/sitesettings/",
    ]:
        assert any(url.startswith(expected) for url in urls), expected

    problems = []
    for who, user in members:
        found, seen = sweep(signed_in(user), user, screens, sentinels)
        problems += [f"{who}: {problem}" for problem in found]
        if user.is_superuser:
            missing = {what for what, _value, _allowed in sentinels} - seen
            assert not missing, f"no screen shows even the superuser {sorted(missing)}"
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:1000])

"""Demo data of the feedback app: the feedback page and the pilot-area neighbourhoods.

The neighbourhood names are real places inside the pilot area as the program's own
presentation gives it (Franklin to Pratt Street, St. Paul Street to Martin Luther King Jr.
Boulevard), used as editable sample data; staff keep the official list in the admin.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from taggit.models import Tag

from feedback import resident_dataset
from feedback.demo_reports import TOPIC_NAMES, build_sample_reports
from feedback.models import Neighbourhood
from feedback.permissions import FEEDBACK_MODERATORS, PAGE_MODERATORS, ensure_groups
from publicdata.demo import name_tags_in_spanish
from publicdata.models import Chart

NEIGHBOURHOODS = ["Market Center", "Downtown West", "Downtown"]
# Sample names of earlier demo sites that lie outside the pilot area: taken off the form
# (their reports keep them).
OUTSIDE_THE_PILOT_AREA = ["Seton Hill", "Heritage Crossing", "Poppleton"]

PAGE = {
    "title": "Tell us about a police interaction",
    "show_in_menus": True,
    "search_description": (
        "Tell the LEAD program how police treated you in the pilot area. You don’t have to "
        "give your name, and nothing is public until a moderator has reviewed it."
    ),
    "intro": (
        "<p>Were you stopped, questioned, arrested, offered LEAD or helped by police in the "
        "pilot area? Tell the program what happened. It takes about three minutes and you "
        "don’t have to give your name.</p>"
    ),
    "thank_you_text": (
        "<p>A moderator will read your report within a few working days. With your receipt "
        "code you can see whether it was published and read any response from the "
        "program.</p>"
    ),
    "status_intro": (
        "<p>Enter the receipt code you were given when you sent your report to see what "
        "happened to it.</p>"
    ),
    "published_intro": (
        "<p>The reports on this demo site are sample data, written to show how the list "
        "works. They are tagged “sample data”.</p>"
    ),
}


def build_neighbourhoods(site):
    changed = []
    for order, name in enumerate(NEIGHBOURHOODS):
        _, created = Neighbourhood.objects.get_or_create(name=name, defaults={"sort_order": order})
        if created:
            changed.append(f"neighbourhood {name}")
    outside = Neighbourhood.objects.filter(name__in=OUTSIDE_THE_PILOT_AREA, active=True)
    changed += [
        f"neighbourhood {name} taken off the form"
        for name in outside.values_list("name", flat=True)
    ]
    outside.update(active=False)
    return changed


DEMO_MODERATOR = "moderator"
DEMO_MODERATOR_PASSWORD = "lead-demo-moderator"  # noqa: S105 (documented demo-only account)


def build_groups(site):
    return [f"group {name}" for name in ensure_groups()]


def demo_moderator():
    """A feedback moderator account for trying the moderation queue, and the author of the
    sample decisions. Demo machines only. It moderates feedback and nothing else: a demo
    built before feedback moderation had its own group had it in Wagtail's Moderators,
    which publish pages, and it leaves that group here.

    Returns the user and whether it was created or its groups changed."""
    user, created = get_user_model().objects.get_or_create(
        username=DEMO_MODERATOR, defaults={"email": "moderator@example.org"}
    )
    if created:
        user.set_password(DEMO_MODERATOR_PASSWORD)
        user.save()
    feedback_moderators = Group.objects.get(name=FEEDBACK_MODERATORS)
    page_moderators = user.groups.filter(name=PAGE_MODERATORS)
    changed = created or page_moderators.exists() or not user.groups.contains(feedback_moderators)
    user.groups.remove(*page_moderators)
    user.groups.add(feedback_moderators)
    return user, changed


def build_moderation_demo(site, with_accounts=True):
    """Groups, the demo moderator (unless accounts are not wanted), the sample reports and
    the "What residents told us" dataset made from them."""
    changed = build_groups(site)
    moderator = None
    if with_accounts:
        moderator, account_changed = demo_moderator()
        if account_changed:
            changed.append("demo moderator account")
    # Marked as sample data before any sample report can be counted in a release of it.
    changed += mark_resident_dataset_as_sample()
    changed += build_sample_reports(site, moderator)
    changed += name_tags_in_spanish(Tag.objects.filter(name__in=TOPIC_NAMES), TOPIC_NAMES)
    return changed + build_resident_dataset(site)


def mark_resident_dataset_as_sample():
    """The reports are invented, so the dataset made from them is sample data here."""
    dataset = resident_dataset.ensure_dataset()
    if dataset.is_sample:
        return []
    dataset.is_sample = True
    dataset.save()
    return [f"dataset {resident_dataset.SLUG} marked as sample data"]


def build_resident_dataset(site):
    """A release of the dataset counting the sample reports, and its trend charts."""
    charts = Chart.objects.filter(dataset__slug=resident_dataset.SLUG)
    charts_before = charts.count()
    changed = []
    release = resident_dataset.refresh()
    if release is not None:
        changed.append(f"release {release.version} of dataset {resident_dataset.SLUG}")
    resident_dataset.ensure_charts()
    if charts.count() != charts_before:
        changed.append(f"charts of dataset {resident_dataset.SLUG}")
    return changed

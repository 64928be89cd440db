"""The demo's moderation in figures: sample reports whose residents asked for another look
(most of them this month, so the month's count is one the statistics show), believable
times from receipt to decision and response for the sample reports, and the release of
"What happened to residents' feedback" made from them, marked as sample data."""

import datetime
import uuid

from django.utils import timezone

from feedback.demo_reports import SAMPLE_TAG
from feedback.models import AskAgainRequest, Neighbourhood, Report
from feedback.moderation import decisions as moderation
from feedback.reports.asking_again import ask_again
from feedback.statistics import dataset as statistics_dataset
from publicdata.models import Chart

_NAMESPACE = uuid.UUID("0b8f2d41-7c3e-4f6a-9a2d-5e1c7b9f3a64")

# (reason first turned down for, days before today it was received, the resident's note,
# how the second look ended: "publish", ("reject", reason) or None while it waits, whether
# it was asked this month)
# The requests of earlier months fall in at least two months, whatever today is (72 and
# 35-37 days ago): with one alone hidden, this month's count would be hidden beside it,
# so that the whole pilot's total could not give it away.
ASKED = [
    ("off_topic", 75, "It was about a stop on Paca Street, in the pilot area.", "publish", False),
    ("cannot_redact", 40, "", ("reject", "cannot_redact"), False),
    ("spam", 38, "I am a real person. I wrote it in a hurry.", ("reject", "spam"), False),
    *[
        (
            reason,
            days,
            note,
            decision,
            True,
        )
        for reason, days, note, decision in [
            ("off_topic", 30, "The stop happened at the market, inside the area.", "publish"),
            ("duplicate", 28, "My cousin sent the other one about a different day.", "publish"),
            (
                "cannot_redact",
                25,
                "You can leave out the shop's name.",
                ("reject", "cannot_redact"),
            ),
            ("spam", 21, "", ("reject", "spam")),
            ("off_topic", 18, "It was an officer, not a guard.", ("reject", "off_topic")),
            ("duplicate", 16, "", None),
            ("off_topic", 14, "Please read it again, it happened near Lexington Market.", None),
            ("cannot_redact", 12, "Take out the street and keep the rest.", None),
            ("spam", 11, "", None),
            ("off_topic", 9, "It was a LEAD referral that went wrong.", None),
            ("duplicate", 7, "", None),
            ("cannot_redact", 5, "I only want the part about the case manager published.", None),
        ]
    ],
]
ACCOUNT = (
    "I was stopped near the market. The officer asked about LEAD and gave me a card for the "
    "case manager."
)
PUBLIC_TEXT = (
    "An officer stopped me near the market, explained LEAD and gave me a case manager's card."
)


def build_asking_again(site, moderator=None):
    """Sample reports turned down and asked about again; returns what was added."""
    now = timezone.now()
    places = list(Neighbourhood.objects.order_by("sort_order", "name"))
    added = 0
    for number, (reason, days, note, decision, this_month) in enumerate(ASKED):
        submission_id = uuid.uuid5(_NAMESPACE, f"sample-asked-again-{number}")
        if Report.objects.filter(submission_id=submission_id).exists():
            continue
        received = now - datetime.timedelta(days=days)
        report = Report.objects.create(
            submission_id=submission_id,
            interaction_date=timezone.localdate(received) - datetime.timedelta(days=1),
            neighbourhood=places[number % len(places)],
            interaction_type="stopped" if number % 2 else "lead_referral",
            lead_mentioned="yes",
            account=ACCOUNT,
            consent_to_publish=True,
            rating_respect=2 + number % 3,
            rating_satisfied=1 + number % 4,
        )
        Report.objects.filter(pk=report.pk).update(created_at=received)
        report.tags.add(SAMPLE_TAG)
        moderation.reject(report, moderator, reason)
        # No email: nobody waits for these.
        request = ask_again(report, note, notify=False)
        # Asked this month (now), or some days after the decision.
        if not this_month:
            AskAgainRequest.objects.filter(pk=request.pk).update(
                created_at=received + datetime.timedelta(days=3)
            )
        # The second look is a second moderator's: here no account stands for them.
        report = Report.objects.get(pk=report.pk)
        if decision == "publish":
            moderation.approve(report, None, PUBLIC_TEXT, tags=[SAMPLE_TAG, "stopped"])
        elif decision is not None:
            moderation.reject(report, None, decision[1])
        added += 1
    return [f"{added} sample reports asked about again"] if added else []


def _hours(report_id, spread, at_least):
    """A believable delay for a sample, the same on every run."""
    return datetime.timedelta(hours=at_least + (report_id * 37) % spread)


def believable_times(site):
    """The sample reports were all decided when the demo was built; give each a decision
    some hours or days after it was received, and a response a little later."""
    now = timezone.now()
    changed = []
    samples = Report.objects.filter(tags__name=SAMPLE_TAG).exclude(first_decided_at=None)
    for report in samples.only("pk", "created_at", "first_decided_at", "responded_at"):
        decided = report.created_at + _hours(report.pk, 130, 6)
        responded = decided + _hours(report.pk, 72, 2) if report.responded_at else None
        if decided > now or (responded and responded > now):
            continue  # received too lately to move: it keeps the time it was decided
        if (report.first_decided_at, report.responded_at) != (decided, responded):
            report.first_decided_at, report.responded_at = decided, responded
            changed.append(report)
    Report.objects.bulk_update(changed, ["first_decided_at", "responded_at"])
    return [f"decision times of {len(changed)} sample reports"] if changed else []


def build_feedback_statistics(site):
    """The statistics release, made from the sample data and marked as such, with its
    charts; after every sample report and comment exists."""
    changed = believable_times(site)
    dataset = statistics_dataset.ensure_dataset()
    if not dataset.is_sample:
        dataset.is_sample = True
        dataset.save()
        changed.append(f"dataset {statistics_dataset.SLUG} marked as sample data")
    charts = Chart.objects.filter(dataset=dataset).count()
    release = statistics_dataset.refresh()
    if release is not None:
        changed.append(f"release {release.version} of dataset {statistics_dataset.SLUG}")
    statistics_dataset.ensure_charts()
    if Chart.objects.filter(dataset=dataset).count() != charts:
        changed.append(f"charts of dataset {statistics_dataset.SLUG}")
    return changed

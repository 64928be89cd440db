"""About 40 sample resident reports in every state, for the demo site only.

Every sample is tagged "sample data", so the published list shows it as such. Some
originals hold personal information (names, phone numbers, addresses, badge numbers) for
the moderators' warnings to catch; their public texts leave it out.
"""

import datetime
import uuid

from django.utils import timezone

from feedback import moderation
from feedback.models import ContactDetails, Neighbourhood, Report

SAMPLE_TAG = "sample data"
_NAMESPACE = uuid.UUID("5f0c6a3e-2a7b-4c1e-9d51-0b6f3c1a7e20")

# (kind, LEAD mentioned, ratings 1-5 or None, original, public text or None, decision)
# decision: "publish", ("reject", reason) or "new".
SAMPLES = [
    (
        "lead_referral",
        "yes",
        (5, 5, 5, 4, 5, 5),
        "The officer asked if I wanted help instead of being locked up. She called a case "
        "manager who met me the same afternoon.",
        "The officer offered help instead of an arrest and called a case manager, who met me "
        "the same afternoon.",
        "publish",
    ),
    (
        "stopped",
        "no",
        (2, 1, 1, 2, 2, 1),
        "Officer Daniels stopped me outside 415 W Lexington Street and searched my bag without "
        "saying why. Badge #3382.",
        "An officer stopped me and searched my bag without saying why.",
        "publish",
    ),
    (
        "called_for_help",
        "not_sure",
        (4, 4, 5, 4, 4, 4),
        "I called because my neighbour overdosed. They came fast and used Narcan.",
        "I called because my neighbour overdosed. Officers came fast and used naloxone.",
        "publish",
    ),
    (
        "outreach",
        "yes",
        (5, 4, 5, 5, 5, 5),
        "At the community walk the officers explained LEAD and handed out the case managers' "
        "number.",
        "At a community walk officers explained LEAD and handed out the case managers' number.",
        "publish",
    ),
    (
        "arrested",
        "no",
        (1, 1, 2, 1, 1, 1),
        "I was arrested for a small amount and nobody mentioned LEAD. Call me on 410-555-0163.",
        "I was arrested for possessing a small amount and nobody mentioned LEAD.",
        "publish",
    ),
    (
        "stopped",
        "yes",
        (3, 3, 4, 3, 3, 3),
        "Two officers questioned me for twenty minutes. One explained LEAD, the other was rude.",
        "Two officers questioned me for twenty minutes. One explained LEAD; the other was rude.",
        "publish",
    ),
    ("other", "not_sure", None, "BUY CHEAP WATCHES www example com", None, ("reject", "spam")),
    (
        "stopped",
        "no",
        (1, 1, 1, 1, 1, 1),
        "Everyone in that district is [abusive words removed by the sample].",
        None,
        ("reject", "abusive"),
    ),
    (
        "lead_referral",
        "yes",
        (4, 5, 4, 4, 4, 4),
        "My case manager helped me get ID and a bed at a shelter. The officer who referred me "
        "checked on me a week later.",
        "My case manager helped me get ID and a shelter bed. The referring officer checked on me "
        "a week later.",
        "publish",
    ),
    (
        "called_for_help",
        "no",
        (2, 3, 2, 3, 2, 2),
        "Took over an hour for anyone to come when I called about a fight on my block.",
        "It took over an hour for police to come when I called about a fight on my block.",
        "publish",
    ),
    (
        "lead_referral",
        "yes",
        None,
        "Sgt. Moreno at the corner of Pearl and Saratoga offered me LEAD. I said no and that "
        "was respected.",
        None,
        "new",
    ),
    (
        "stopped",
        "no",
        (2, 2, 1, 2, 2, 2),
        "Stopped again. Third time this month. Email me at jmiller@example.com.",
        None,
        "new",
    ),
    (
        "outreach",
        "yes",
        (5, 5, 5, 5, 5, 5),
        "The officers at the library event were kind and knew the case managers by name.",
        None,
        "new",
    ),
    (
        "arrested",
        "not_sure",
        (3, 2, 3, 3, 2, 2),
        "Cited for loitering outside my own building at 900 N Paca Street. Report number 17-0442.",
        None,
        ("reject", "cannot_redact"),
    ),
]

_DAYS_AGO = [3, 8, 12, 18, 25, 33, 40, 47, 55, 62, 70, 78, 85, 95]


def _samples():
    """The templates above, repeated with small variations to reach about 40 reports."""
    for round_number in range(3):
        for index, sample in enumerate(SAMPLES):
            number = round_number * len(SAMPLES) + index
            if number >= 40:
                return
            yield number, sample


def build_sample_reports(site, moderator):
    neighbourhoods = list(Neighbourhood.objects.order_by("sort_order", "name"))
    today = timezone.localdate()
    created = 0
    for number, (kind, mentioned, ratings, original, public, decision) in _samples():
        submission_id = uuid.uuid5(_NAMESPACE, f"sample-report-{number}")
        if Report.objects.filter(submission_id=submission_id).exists():
            continue
        days_ago = _DAYS_AGO[number % len(_DAYS_AGO)] + number
        report = Report.objects.create(
            submission_id=submission_id,
            interaction_date=today - datetime.timedelta(days=days_ago + 1),
            neighbourhood=neighbourhoods[number % len(neighbourhoods)],
            interaction_type=kind,
            lead_mentioned=mentioned,
            account=original,
            consent_to_publish=decision != ("reject", "no_consent"),
            **dict(
                zip(
                    [
                        "rating_respect",
                        "rating_listened",
                        "rating_explained",
                        "rating_fair",
                        "rating_cared",
                        "rating_satisfied",
                    ],
                    ratings or (None,) * 6,
                    strict=True,
                )
            ),
        )
        Report.objects.filter(pk=report.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=days_ago)
        )
        report.tags.add(SAMPLE_TAG)
        if number % 5 == 0:
            ContactDetails.objects.create(
                report=report, name="Sample Resident", email=f"resident{number}@example.org"
            )
        if decision == "publish":
            response = (
                "Thank you. We have shared this with the district commander."
                if (number % 3 == 0)
                else ""
            )
            moderation.approve(
                report,
                moderator,
                public,
                official_response=response,
                tags=[SAMPLE_TAG, kind.replace("_", " ")],
            )
        elif isinstance(decision, tuple):
            moderation.reject(report, moderator, decision[1])
        created += 1
    return [f"{created} sample reports"] if created else []

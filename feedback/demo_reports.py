"""About 40 sample resident reports in every state, and 24 more published ones in the
two months before this one, for the demo site only.

Every sample is tagged "sample data", so the published list shows it as such. Some
originals hold personal information (names, phone numbers, addresses, badge numbers) for
the moderators' warnings to catch; their public texts leave it out. The extra published
reports are mostly LEAD referrals in one neighbourhood, so the "What residents told us"
dataset has cells of 11 or more that it shows beside small ones that it suppresses.
"""

import datetime
import uuid

from django.utils import timezone

from feedback.models import ContactDetails, Neighbourhood, Report
from feedback.moderation import crisis
from feedback.moderation import decisions as moderation

SAMPLE_TAG = "sample data"
# The topics the samples are tagged with, named in Spanish.
TOPIC_NAMES = {
    SAMPLE_TAG: "datos de muestra",
    "lead referral": "derivación a LEAD",
    "stopped": "lo pararon",
    "arrested": "arresto",
    "called for help": "llamada para pedir ayuda",
    "outreach": "acercamiento comunitario",
    "other": "otro",
}
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

# Public texts of the extra published reports, by kind.
EXTRA_TEXTS = {
    "lead_referral": [
        "The officer offered me LEAD instead of a charge and walked me to the case manager.",
        "I was offered LEAD. The officer explained it was voluntary and gave me a card.",
        "The officer asked what I needed and called the LEAD case manager for me.",
        "Offered LEAD at the corner. The case manager called me back the next day.",
    ],
    "stopped": ["An officer stopped me and asked where I was going, then let me go."],
    "outreach": ["Officers and case managers handed out LEAD cards at the rec center."],
    "called_for_help": ["I called about a break-in and officers came within fifteen minutes."],
    "arrested": ["I was arrested. Nobody told me about LEAD until the next day."],
}
EXTRA_RATINGS = [
    (5, 4, 5, 4, 5, 5),
    (4, 4, 4, 3, 4, 4),
    (4, 5, 3, 4, None, 4),
    (3, 3, 4, 3, 3, 3),
    (5, 5, 4, 5, 4, None),
]
# (months before this one, kind, neighbourhood number, how many)
EXTRA_BATCHES = [
    (1, "lead_referral", 0, 11),
    (1, "stopped", 1, 2),
    (1, "outreach", 2, 1),
    (2, "lead_referral", 0, 4),
    (2, "called_for_help", 3, 3),
    (2, "arrested", 4, 2),
    (2, "stopped", 1, 1),
]
RATING_NAMES = [
    "rating_respect",
    "rating_listened",
    "rating_explained",
    "rating_fair",
    "rating_cared",
    "rating_satisfied",
]


_STAFF_CHANNELS = ("phone", "paper", "in_person", "outreach")


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
        # Some were given to staff by phone, on paper or in person
        # (feedback/reports/staff_entry.py).
        channel = _STAFF_CHANNELS[number % 4] if number % 3 == 1 else "web"
        signs = crisis.signs(original)
        report = Report.objects.create(
            channel=channel,
            received_on=today - datetime.timedelta(days=days_ago) if channel != "web" else None,
            possible_crisis=bool(signs),
            crisis_signs=signs,
            submission_id=submission_id,
            interaction_date=today - datetime.timedelta(days=days_ago + 1),
            neighbourhood=neighbourhoods[number % len(neighbourhoods)],
            interaction_type=kind,
            lead_mentioned=mentioned,
            account=original,
            consent_to_publish=decision != ("reject", "no_consent"),
            **dict(zip(RATING_NAMES, ratings or (None,) * 6, strict=True)),
        )
        Report.objects.filter(pk=report.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=days_ago)
        )
        report.tags.add(SAMPLE_TAG)
        if number % 5 == 0:
            ContactDetails.objects.store(
                report, name="Sample Resident", email=f"resident{number}@example.org"
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
    created += _build_extra_published(neighbourhoods, today, moderator)
    return [f"{created} sample reports"] if created else []


def _month_day(today, months_back, day):
    year, month = divmod(today.year * 12 + today.month - 1 - months_back, 12)
    return datetime.date(year, month + 1, day)


def _extra_samples():
    """(number, months back, kind, neighbourhood number) for each extra published report."""
    number = 0
    for months_back, kind, place, count in EXTRA_BATCHES:
        for _ in range(count):
            yield number, months_back, kind, place
            number += 1


def _build_extra_published(neighbourhoods, today, moderator):
    created = 0
    for number, months_back, kind, place in _extra_samples():
        submission_id = uuid.uuid5(_NAMESPACE, f"sample-published-report-{number}")
        if Report.objects.filter(submission_id=submission_id).exists():
            continue
        texts = EXTRA_TEXTS[kind]
        public = texts[number % len(texts)]
        date = _month_day(today, months_back, 1 + (number * 5) % 27)
        report = Report.objects.create(
            submission_id=submission_id,
            interaction_date=date,
            neighbourhood=neighbourhoods[place % len(neighbourhoods)],
            interaction_type=kind,
            lead_mentioned="yes" if kind in ("lead_referral", "outreach") else "no",
            account=f"{public} Please do not print where I live.",
            consent_to_publish=True,
            **dict(zip(RATING_NAMES, EXTRA_RATINGS[number % len(EXTRA_RATINGS)], strict=True)),
        )
        sent = timezone.make_aware(
            datetime.datetime.combine(date + datetime.timedelta(days=1), datetime.time(10))
        )
        Report.objects.filter(pk=report.pk).update(created_at=sent)
        moderation.approve(report, moderator, public, tags=[SAMPLE_TAG, kind.replace("_", " ")])
        created += 1
    return created

"""Sample dataset (a): referrals and enrolments by month, February 2017 to January 2020.

The numbers come from a small formula (a first-year ramp-up plus a fixed month-to-month
wobble), so they look like a small pilot's and stay the same on every run. Many are under
11, so suppression shows.
"""

import datetime

from publicdata.demo_data.common import (
    CONTACT_EMAIL,
    CONTACT_NAME,
    PILOT_AREA,
    PUBLISHER,
    SAMPLE_NOTICE,
    SUPPRESSION_NOTE,
    DemoDataset,
    column,
    csv_text,
    rate,
)

ARREST = "Arrest diversion"
SOCIAL = "Social contact referral"
TYPES = (ARREST, SOCIAL)
MONTHS = 36  # the three-year pilot, from its launch month
WOBBLE = (0, 2, -1, 1, 3, -2, 1, -1, 2, 0, -3, 1)
# Release 1 counted three social contact referrals of October 2019 twice.
CORRECTED_MONTH = "2019-10"
DOUBLE_COUNTED = 3


def month_label(index):
    year, month = divmod(2017 * 12 + 1 + index, 12)  # index 0 is February 2017
    return f"{year}-{month + 1:02d}"


def monthly_counts(index):
    """{referral type: (referrals, enrolled)} for one month."""
    ramp = min(index, 12) / 12
    arrest = round(4 + 10 * ramp) + WOBBLE[index % 12]
    social = round(5 + 14 * ramp) + WOBBLE[(index + 5) % 12]
    return {
        ARREST: (arrest, round(arrest * 0.7)),
        SOCIAL: (social, round(social * 0.65)),
    }


def rows(months, double_counted=False):
    table = []
    for index in range(months):
        month = month_label(index)
        counts = monthly_counts(index)
        if double_counted and month == CORRECTED_MONTH:
            referrals, enrolled = counts[SOCIAL]
            counts[SOCIAL] = (referrals + DOUBLE_COUNTED, enrolled)
        for kind in TYPES:
            referrals, enrolled = counts[kind]
            table.append([month, kind, referrals, enrolled, rate(enrolled, referrals)])
        referrals = sum(value[0] for value in counts.values())
        enrolled = sum(value[1] for value in counts.values())
        table.append([month, "Total", referrals, enrolled, rate(enrolled, referrals)])
    return table


HEADER = ["month", "referral_type", "referrals", "enrolled", "enrolment_rate"]

FIELDS = (
    column(
        "month",
        "Month",
        "yearmonth",
        "dimension",
        description="The calendar month in which the referral was made.",
        primary_key=True,
    ),
    column(
        "referral_type",
        "Referral type",
        "string",
        "dimension",
        description=(
            "How the person was referred: arrest diversion (an officer with grounds to arrest "
            "offers LEAD instead of booking) or social contact referral (no arrest). "
            "“Total” rows add up both types."
        ),
        allowed=(*TYPES, "Total"),
        primary_key=True,
    ),
    column(
        "referrals",
        "Referrals",
        "integer",
        "count",
        unit="people",
        description="People referred to LEAD by an officer in the pilot area that month.",
        minimum=0,
    ),
    column(
        "enrolled",
        "Enrolled",
        "integer",
        "count",
        unit="people",
        description=(
            "People referred that month who completed an intake assessment and joined the program."
        ),
        minimum=0,
    ),
    column(
        "enrolment_rate",
        "Enrolment rate",
        "number",
        "rate",
        unit="proportion (0 to 1)",
        unit_kind="proportion",
        description="Enrolled divided by referrals, to three decimal places.",
        minimum=0,
        maximum=1,
        numerator="enrolled",
        denominator="referrals",
        required=False,
    ),
)

DATASET = DemoDataset(
    slug="referrals-and-enrolments",
    metadata={
        "title": "Referrals and enrolments by month (sample data)",
        "summary": (
            "Sample data, made up for demonstration: people referred to LEAD by officers in "
            "the pilot area each month, by referral type, and how many enrolled."
        ),
        "description": SAMPLE_NOTICE
        + (
            "<p>One row per month and referral type, with a total row for each month. The "
            "months run from the pilot's launch in February 2017 to January 2020, the end of "
            "its first three years.</p>"
        ),
        "methodology": (
            "<p>Case managers record every referral an officer makes in the pilot area, "
            "with its date and whether it followed an arrest (arrest diversion) or not "
            "(social contact referral). A referral counts as enrolled when the person "
            "completes the intake assessment. Someone referred twice in one month is counted "
            "once.</p>" + SUPPRESSION_NOTE
        ),
        "source": "LEAD case management records (sample data made up for the demo)",
        "publisher": PUBLISHER,
        "contact_name": CONTACT_NAME,
        "contact_email": CONTACT_EMAIL,
        "licence": "CC-BY-4.0",
        "temporal_start": datetime.date(2017, 2, 1),
        "temporal_end": datetime.date(2020, 1, 31),
        "spatial_coverage": PILOT_AREA,
        "update_frequency": "R/P1M",
        "issued": datetime.date(2017, 4, 3),
    },
    keywords=("referrals", "enrolment", "diversion", "sample data"),
    fields=FIELDS,
    releases=(
        (
            "First release: February 2017 to December 2019.",
            csv_text(HEADER, rows(MONTHS - 1, double_counted=True)),
        ),
        (
            "Adds January 2020, the last month of the pilot's first three years, and corrects "
            "October 2019: three social contact referrals had been counted twice.",
            csv_text(HEADER, rows(MONTHS)),
        ),
    ),
)

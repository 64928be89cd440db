"""Sample dataset (c): re-arrest within 12 months, LEAD participants and a comparison group.

Cohorts are half-years of entry from February 2017 to December 2018, so that each has a
full 12 months of follow-up inside the three-year pilot. One participant cohort has fewer
than 11 re-arrests, so suppression shows.
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

PARTICIPANTS = "LEAD participants"
COMPARISON = "Comparison group"
COHORTS = ("2017-H1", "2017-H2", "2018-H1", "2018-H2")
# (people, re-arrested) per cohort, made up.
COUNTS = {
    PARTICIPANTS: ((38, 9), (52, 17), (61, 19), (57, 16)),
    COMPARISON: ((45, 22), (49, 27), (58, 30), (55, 29)),
}


def rows():
    table = []
    for group, counts in COUNTS.items():
        for cohort, (people, re_arrested) in zip(COHORTS, counts, strict=True):
            table.append([group, cohort, people, re_arrested, rate(re_arrested, people)])
        people = sum(count[0] for count in counts)
        re_arrested = sum(count[1] for count in counts)
        table.append([group, "All", people, re_arrested, rate(re_arrested, people)])
    return table


FIELDS = (
    column(
        "group",
        "Group",
        "string",
        "dimension",
        description=(
            "LEAD participants, or the comparison group: people arrested for the same "
            "eligible offences in similar areas outside the pilot area, processed as usual."
        ),
        allowed=(PARTICIPANTS, COMPARISON),
        primary_key=True,
    ),
    column(
        "cohort",
        "Cohort",
        "string",
        "dimension",
        description=(
            "The half-year in which people entered LEAD (or, for the comparison group, were "
            "arrested): 2017-H1 is February to June 2017, 2017-H2 is July to December 2017, "
            "and so on. “All” rows add up the cohorts."
        ),
        allowed=(*COHORTS, "All"),
        primary_key=True,
    ),
    column(
        "people",
        "People",
        "integer",
        "count",
        unit="people",
        description="People in the cohort, each followed for 12 months from entry or arrest.",
        minimum=0,
    ),
    column(
        "re_arrested",
        "Re-arrested",
        "integer",
        "count",
        unit="people",
        description="People arrested at least once in the 12 months after entry or arrest.",
        minimum=0,
    ),
    column(
        "re_arrest_rate",
        "Re-arrest rate",
        "number",
        "rate",
        unit="proportion (0 to 1)",
        unit_kind="proportion",
        description="Re-arrested divided by people, to three decimal places.",
        minimum=0,
        maximum=1,
        numerator="re_arrested",
        denominator="people",
        required=False,
    ),
)

DATASET = DemoDataset(
    slug="re-arrest-within-12-months",
    metadata={
        "title": "Re-arrest within 12 months (sample data)",
        "summary": (
            "Sample data, made up for demonstration: how many LEAD participants and people "
            "in a comparison group were arrested again within 12 months."
        ),
        "description": SAMPLE_NOTICE
        + (
            "<p>One row per group and cohort, with an “All” row for each group. Seattle's "
            "evaluation found that LEAD participants had lower odds of arrest than people "
            "processed as usual; this table shows how the Baltimore pilot could report the "
            "same question.</p>"
        ),
        "methodology": (
            "<p>Participants are matched to Maryland arrest records by the program's "
            "evaluators; only the counts leave their secure environment. The comparison "
            "group is people arrested for eligible offences outside the pilot area in the "
            "same periods. A person counts as re-arrested if any arrest, for any offence, "
            "follows within 12 months. The groups were not randomly assigned, so "
            "differences between them are not by themselves the effect of LEAD.</p>"
            + SUPPRESSION_NOTE
        ),
        "source": (
            "Arrest records matched by the program evaluators (sample data made up for the demo)"
        ),
        "publisher": PUBLISHER,
        "contact_name": CONTACT_NAME,
        "contact_email": CONTACT_EMAIL,
        "licence": "CC-BY-4.0",
        "temporal_start": datetime.date(2017, 2, 1),
        "temporal_end": datetime.date(2019, 12, 31),
        "spatial_coverage": PILOT_AREA + "; comparison group from similar areas of Baltimore",
        "update_frequency": "R/P1Y",
        "issued": datetime.date(2020, 3, 2),
    },
    keywords=("re-arrest", "recidivism", "outcomes", "sample data"),
    fields=FIELDS,
    releases=(
        (
            "First release: cohorts entering from February 2017 to December 2018.",
            csv_text(["group", "cohort", "people", "re_arrested", "re_arrest_rate"], rows()),
        ),
    ),
)

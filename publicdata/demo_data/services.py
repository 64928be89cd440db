"""Sample dataset (b): participants receiving each service, by quarter, 2017-Q1 to 2019-Q4.

The caseload grows through the first year to about 60 people at a time (the number the
pilot expected to serve), and each service reaches a share of it; the smaller services
give counts under 11, so suppression shows.
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
)

QUARTERS = tuple(f"{year}-Q{quarter}" for year in (2017, 2018, 2019) for quarter in (1, 2, 3, 4))
SERVICES = ("Assessment", "Treatment", "Housing", "Job training")
WOBBLE = (0, 2, -1, 1, -2, 3, 0, -1, 2, 1, -2, 0)


def quarterly_counts(index):
    """{service: participants} for one quarter."""
    caseload = min(15 + 14 * index, 60)
    return {
        "Assessment": 15 + 3 * min(index, 3) + WOBBLE[index],
        "Treatment": round(caseload * 0.55) + WOBBLE[(index + 3) % 12],
        "Housing": round(caseload * 0.22) + WOBBLE[(index + 6) % 12],
        "Job training": round(caseload * 0.15) + WOBBLE[(index + 9) % 12],
    }


def rows():
    table = []
    for index, quarter in enumerate(QUARTERS):
        counts = quarterly_counts(index)
        table += [[quarter, service, counts[service]] for service in SERVICES]
        table.append([quarter, "Total", sum(counts.values())])
    return table


FIELDS = (
    column(
        "quarter",
        "Quarter",
        "string",
        "dimension",
        description=(
            "The calendar quarter, written YYYY-Qn (2017-Q1 is January to March 2017; the "
            "pilot began on 6 February 2017)."
        ),
        allowed=QUARTERS,
        primary_key=True,
    ),
    column(
        "service",
        "Service",
        "string",
        "dimension",
        description=(
            "The service received. “Total” rows add up the services, so a person who "
            "received two services in a quarter is counted twice there."
        ),
        allowed=(*SERVICES, "Total"),
        primary_key=True,
    ),
    column(
        "participants",
        "Participants",
        "integer",
        "count",
        unit="people",
        description="LEAD participants who received the service at least once in the quarter.",
        minimum=0,
    ),
)

DATASET = DemoDataset(
    slug="services-received",
    metadata={
        "title": "Services received by quarter (sample data)",
        "summary": (
            "Sample data, made up for demonstration: how many LEAD participants received an "
            "assessment, treatment, housing or job training each quarter."
        ),
        "description": SAMPLE_NOTICE
        + (
            "<p>One row per quarter and service, with a total row for each quarter. "
            "Services are client-directed: after an initial assessment, case managers "
            "connect each participant to what they choose, so people receive different "
            "services at different times.</p>"
        ),
        "methodology": (
            "<p>Case managers log each service a participant receives. A participant is "
            "counted once per service per quarter, however many times they used it. "
            "Assessment counts initial health and needs assessments; treatment counts drug "
            "treatment and mental-health care; housing counts shelter, transitional and "
            "subsidized housing placements; job training counts training and employment "
            "programs.</p>" + SUPPRESSION_NOTE
        ),
        "source": "LEAD case management records (sample data made up for the demo)",
        "publisher": PUBLISHER,
        "contact_name": CONTACT_NAME,
        "contact_email": CONTACT_EMAIL,
        "licence": "CC-BY-4.0",
        "temporal_start": datetime.date(2017, 1, 1),
        "temporal_end": datetime.date(2019, 12, 31),
        "spatial_coverage": PILOT_AREA,
        "update_frequency": "R/P3M",
        "issued": datetime.date(2017, 4, 17),
    },
    keywords=("services", "treatment", "housing", "job training", "sample data"),
    fields=FIELDS,
    releases=(
        (
            "First release: 2017-Q1 to 2019-Q4.",
            csv_text(["quarter", "service", "participants"], rows()),
        ),
    ),
)

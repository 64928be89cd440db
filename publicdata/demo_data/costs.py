"""Sample dataset (d): cost per person per year of LEAD services against jail and prison.

Costs are measures, not counts of people, so they are never suppressed.
"""

import datetime

from publicdata.demo_data.common import (
    CONTACT_EMAIL,
    CONTACT_NAME,
    PILOT_AREA,
    PUBLISHER,
    SAMPLE_NOTICE,
    DemoDataset,
    column,
    csv_text,
)

SERVICES = "LEAD services"
CUSTODY = "Incarceration"
# (category, kind, US dollars per person per year, what the figure covers), made up.
COSTS = (
    (
        "Case management",
        SERVICES,
        6900,
        "A LEAD case manager's time, outreach and legal coordination for one participant.",
    ),
    (
        "Drug treatment",
        SERVICES,
        5800,
        "Outpatient treatment, including medication, not covered by insurance.",
    ),
    ("Supportive housing", SERVICES, 13200, "A subsidized room or apartment with support."),
    ("Jail", CUSTODY, 47500, "A year in pretrial detention in Baltimore."),
    ("State prison", CUSTODY, 44300, "A year in a Maryland state prison."),
)

FIELDS = (
    column(
        "category",
        "Category",
        "string",
        "dimension",
        description="What the money pays for.",
        allowed=tuple(row[0] for row in COSTS),
        primary_key=True,
    ),
    column(
        "kind",
        "Kind",
        "string",
        "dimension",
        description="Whether the category is a LEAD service or a form of incarceration.",
        allowed=(SERVICES, CUSTODY),
    ),
    column(
        "cost_per_person_per_year",
        "Cost per person per year",
        "number",
        "measure",
        unit="US dollars per person per year",
        unit_kind="usd",
        description="The average cost of the category for one person for one year.",
        minimum=0,
    ),
    column(
        "covers",
        "What the cost covers",
        "string",
        "measure",
        description="What the figure includes.",
    ),
)

DATASET = DemoDataset(
    slug="cost-per-person",
    metadata={
        "title": "Cost per person: services against jail and prison (sample data)",
        "summary": (
            "Sample data, made up for demonstration: what a year of LEAD services costs per "
            "person, set against a year in jail or prison."
        ),
        "description": SAMPLE_NOTICE
        + (
            "<p>One row per category of cost. Seattle's evaluation set LEAD's costs against "
            "the jail and legal-system use of people processed as usual; this table shows "
            "how the Baltimore pilot could report its own costs.</p>"
        ),
        "methodology": (
            "<p>Service costs are the pilot's spending in the fiscal year July 2018 to June "
            "2019 divided by the average number of participants using each service. Jail "
            "and prison costs are the published average annual cost per person held. All "
            "figures are rounded to the nearest hundred dollars and are not adjusted for "
            "inflation. A participant does not use every service, so the service rows are "
            "not added up.</p>"
            "<p>Costs are not counts of people, so no cell is suppressed.</p>"
        ),
        "source": (
            "LEAD Baltimore budget and public corrections budgets "
            "(sample data made up for the demo)"
        ),
        "publisher": PUBLISHER,
        "contact_name": CONTACT_NAME,
        "contact_email": CONTACT_EMAIL,
        "licence": "CC-BY-4.0",
        "temporal_start": datetime.date(2018, 7, 1),
        "temporal_end": datetime.date(2019, 6, 30),
        "spatial_coverage": PILOT_AREA,
        "update_frequency": "R/P1Y",
        "issued": datetime.date(2019, 10, 1),
    },
    keywords=("costs", "jail", "prison", "sample data"),
    fields=FIELDS,
    releases=(
        (
            "First release: fiscal year 2019 (July 2018 to June 2019).",
            csv_text(["category", "kind", "cost_per_person_per_year", "covers"], COSTS),
        ),
    ),
)

"""Dataset (e): the published results of Seattle's LEAD evaluation, each with its source.

Not sample data. Every figure is as the University of Washington evaluation team
published it (see shared/DOMAIN.md); findings the reports state without a figure we have
checked are given in words, with no number.
"""

import datetime

from publicdata.demo_data.common import CONTACT_EMAIL, CONTACT_NAME, DemoDataset, column, csv_text

RECIDIVISM = (
    "Collins, S. E., Lonczak, H. S., & Clifasefi, S. L. (2017). Seattle's Law Enforcement "
    "Assisted Diversion (LEAD): Program effects on recidivism outcomes. Evaluation and "
    "Program Planning, 64, 49-56. doi:10.1016/j.evalprogplan.2017.05.008 (first released "
    "2015)."
)
RECIDIVISM_LINK = "https://doi.org/10.1016/j.evalprogplan.2017.05.008"
COSTS = (
    "Collins, S. E., Lonczak, H. S., & Clifasefi, S. L. (2015, June 24). LEAD Program "
    "Evaluation: Criminal Justice and Legal System Utilization and Associated Costs. "
    "University of Washington LEAD Evaluation Team."
)
HOUSING = (
    "Clifasefi, S. L., Lonczak, H. S., & Collins, S. E. (2016, March 31). The Impact of LEAD "
    "on Housing, Employment and Income/Benefits. University of Washington LEAD Evaluation "
    "Team."
)
# The op-ed that announced Baltimore's pilot, by its title and where it was published.
OP_ED = (
    "“New Baltimore approach to addiction”, an op-ed by Tara Huffman and Scott Nolen of "
    "OSI-Baltimore in The Baltimore Sun (December 2015)"
)

TOPICS = ("Recidivism", "Costs and jail use", "Housing, employment and income")
LOWER_ODDS = "percent lower odds for LEAD participants than for controls"

# (topic, outcome, value, unit, finding, source, link)
FINDINGS = (
    (
        TOPICS[0],
        "People in the recidivism evaluation: LEAD participants",
        "203",
        "people",
        "203 LEAD participants were compared with 115 people processed as usual.",
        RECIDIVISM,
        RECIDIVISM_LINK,
    ),
    (
        TOPICS[0],
        "People in the recidivism evaluation: system-as-usual controls",
        "115",
        "people",
        "115 people processed as usual (“system as usual” controls).",
        RECIDIVISM,
        RECIDIVISM_LINK,
    ),
    (
        TOPICS[0],
        "People in the recidivism evaluation: in all",
        "318",
        "people",
        "318 people took part in the recidivism evaluation.",
        RECIDIVISM,
        RECIDIVISM_LINK,
    ),
    (
        TOPICS[0],
        "Odds of arrest in the six months after entry",
        "60",
        LOWER_ODDS,
        "LEAD participants had 60% lower odds of arrest in the six months after entry.",
        RECIDIVISM,
        RECIDIVISM_LINK,
    ),
    (
        TOPICS[0],
        "Odds of arrest over the longer term",
        "58",
        LOWER_ODDS,
        "Over the longer term, LEAD participants had 58% lower odds of arrest.",
        RECIDIVISM,
        RECIDIVISM_LINK,
    ),
    (
        TOPICS[0],
        "Odds of a felony charge over the longer term",
        "39",
        LOWER_ODDS,
        "Over the longer term, LEAD participants had 39% lower odds of a felony charge.",
        RECIDIVISM,
        RECIDIVISM_LINK,
    ),
    (
        TOPICS[1],
        "LEAD cost per person per month, including start-up",
        "899",
        "US dollars per person per month (average)",
        "LEAD averaged $899 per person per month, including start-up costs.",
        COSTS,
        "",
    ),
    (
        TOPICS[1],
        "LEAD cost per person per month by the end of the evaluation",
        "532",
        "US dollars per person per month (average)",
        "By the end of the evaluation the cost had fallen to $532 per person per month.",
        COSTS,
        "",
    ),
    (
        TOPICS[1],
        "Jail bookings per year compared with controls",
        "1.4",
        "fewer jail bookings per person per year",
        "Compared with controls, participants had 1.4 fewer jail bookings per year.",
        COSTS,
        "",
    ),
    (
        TOPICS[1],
        "Jail days per year compared with controls",
        "39",
        "fewer jail days per person per year",
        "Compared with controls, participants spent 39 fewer days in jail per year.",
        COSTS,
        "",
    ),
    (
        TOPICS[2],
        "Being sheltered in any month after referral",
        "",
        "",
        "In any month after referral, participants were over twice as likely to be "
        "sheltered as in the month before.",
        HOUSING,
        "",
    ),
    (
        TOPICS[2],
        "Employment and legitimate income after referral",
        "",
        "",
        "Participants were significantly more likely to have employment and legitimate "
        "income after referral. (See the report for the exact figures.)",
        HOUSING,
        "",
    ),
)

FIELDS = (
    column(
        "topic",
        "Topic",
        "string",
        "dimension",
        description="Which part of the evaluation the finding comes from.",
        allowed=TOPICS,
    ),
    column(
        "outcome",
        "Outcome",
        "string",
        "dimension",
        description="What was measured.",
        primary_key=True,
    ),
    column(
        "value",
        "Value",
        "number",
        "measure",
        unit="see the unit column",
        description=(
            "The figure as published. Empty where the finding is given in words only; "
            "read the finding column."
        ),
        required=False,
    ),
    column(
        "unit",
        "Unit",
        "string",
        "measure",
        description="What the value counts or measures; empty where there is no value.",
        required=False,
    ),
    column(
        "finding",
        "Finding",
        "string",
        "measure",
        description="The finding in a plain sentence.",
    ),
    column(
        "source",
        "Source",
        "string",
        "measure",
        description="The publication the figure comes from, as a full citation.",
    ),
    column(
        "link",
        "Link",
        "string",
        "measure",
        description="Where to read the publication (a DOI link), where there is one.",
        required=False,
    ),
)

DATASET = DemoDataset(
    slug="seattle-lead-evaluation",
    is_sample=False,
    metadata={
        "title": "Seattle LEAD evaluation: published results",
        "summary": (
            "The published results of the University of Washington evaluation of Seattle's "
            "LEAD program: re-arrest, costs and jail use, housing and income, each with its "
            "source."
        ),
        "description": (
            "<p>These are real, published figures, not sample data. LEAD began in Seattle's "
            "Belltown neighbourhood in October 2011, and the University of Washington "
            "evaluated it against people processed as usual (“system as usual” controls). "
            "Baltimore's pilot follows the Seattle model.</p>"
            f"<p>{OP_ED} says LEAD reduced re-arrests “by almost 60 percent”, without saying "
            "which result it means. The evaluation published two: 60% lower odds of arrest in "
            "the six months after entry, and 58% lower odds over the longer term. Both are "
            "lower odds of arrest, not a drop of that size in re-arrests.</p>"
            "<p>Every row cites the publication it comes from. Quote a figure with its "
            "source.</p>"
        ),
        "methodology": (
            "<p>Figures are copied from the evaluation reports as published, without "
            "recalculation. Odds results are given as percent lower odds for LEAD "
            "participants than for controls. Where a report states a finding that we have "
            "not checked to the exact figure, the finding is given in words and the value "
            "is empty. For the methods, confidence intervals and limitations, read the "
            "publications themselves.</p>"
        ),
        "source": (
            "University of Washington LEAD Evaluation Team (Collins, Lonczak and Clifasefi), "
            "2015-2017"
        ),
        "publisher": "LEAD Baltimore",
        "contact_name": CONTACT_NAME,
        "contact_email": CONTACT_EMAIL,
        "licence": "CC-BY-4.0",
        "temporal_start": datetime.date(2011, 10, 1),
        "temporal_end": None,
        "spatial_coverage": "Seattle, Washington (LEAD began in the Belltown neighbourhood)",
        "update_frequency": "never",
        # No "issued": the results were published from 2015 to 2017, and this compilation
        # was first published when its first release was (publicdata.demo).
    },
    keywords=("Seattle", "evaluation", "recidivism", "costs", "research"),
    fields=FIELDS,
    releases=(
        (
            "First release: results of the three evaluation reports, 2015 to 2017.",
            csv_text(["topic", "outcome", "value", "unit", "finding", "source", "link"], FINDINGS),
        ),
    ),
)

"""Demo charts drawn from the demo datasets, for the outcomes page, the home page and the
"What other cities found" explainer. Pages refer to a chart by its title
(``chart_block``); ``resolve_chart_refs`` turns the titles into ids when pages are built.
"""

from publicdata import demo_spanish
from publicdata.models import Chart, ChartKind, Dataset

PILOT_START = "2017-02 | Pilot starts"
REFERRAL_TYPES = "referral_type=Arrest diversion\nreferral_type=Social contact referral"
SERVICES = "\n".join(
    f"service={name}" for name in ["Assessment", "Treatment", "Housing", "Job training"]
)
COHORTS = "\n".join(f"cohort={name}" for name in ["2017-H1", "2017-H2", "2018-H1", "2018-H2"])

# title -> fields
CHARTS = {
    "People referred and enrolled each month": {
        "dataset": "referrals-and-enrolments",
        "kind": ChartKind.LINE,
        "summary": "Referrals rose in the pilot's first year and most people referred enrolled.",
        "x_field": "month",
        "y_fields": "referrals, enrolled",
        "filters": "referral_type=Total",
        "y_label": "People",
        "annotations": PILOT_START,
    },
    "Referrals by type": {
        "dataset": "referrals-and-enrolments",
        "kind": ChartKind.STACKED_BAR,
        "summary": "Most referrals were arrest diversions; social contacts were fewer, and "
        "months with very few are hidden to protect privacy.",
        "x_field": "month",
        "y_fields": "referrals",
        "series_field": "referral_type",
        "filters": REFERRAL_TYPES,
        "y_label": "People referred",
    },
    "Services received each quarter": {
        "dataset": "services-received",
        "kind": ChartKind.GROUPED_BAR,
        "summary": "Every participant had an assessment; treatment and housing followed for "
        "many, job training for fewer.",
        "x_field": "quarter",
        "y_fields": "participants",
        "series_field": "service",
        "filters": SERVICES,
        "y_label": "Participants",
    },
    "Re-arrest within 12 months": {
        "dataset": "re-arrest-within-12-months",
        "kind": ChartKind.GROUPED_BAR,
        "summary": "In every cohort, fewer LEAD participants than people in the comparison "
        "group were arrested again within a year.",
        "x_field": "cohort",
        "y_fields": "re_arrest_rate",
        "series_field": "group",
        "filters": COHORTS,
        "y_label": "Share re-arrested",
    },
    "Cost per person per year": {
        "dataset": "cost-per-person",
        "kind": ChartKind.BAR,
        "summary": "A year of LEAD services costs far less per person than a year in jail "
        "or prison.",
        "x_field": "category",
        "y_fields": "cost_per_person_per_year",
        "y_label": "Cost per person per year",
        "unit": "US dollars",
    },
    "Re-arrest within 12 months, all cohorts": {
        "dataset": "re-arrest-within-12-months",
        "kind": ChartKind.KEY_FIGURE,
        "summary": "Share of LEAD participants arrested again within a year, against the "
        "comparison group.",
        "y_fields": "re_arrest_rate",
        "filters": "group=LEAD participants\ncohort=All",
        "comparison_filters": "group=Comparison group\ncohort=All",
        "comparison_label": "Comparison group",
        "period": "people who entered in 2017–2018",
    },
    "Seattle: lower odds of arrest": {
        "dataset": "seattle-lead-evaluation",
        "kind": ChartKind.KEY_FIGURE,
        "summary": "In Seattle's evaluation, LEAD participants had 60% lower odds of arrest "
        "in the six months after entry than people processed as usual.",
        "y_fields": "value",
        "filters": "outcome=Odds of arrest in the six months after entry",
        "unit": "percent lower odds",
        "period": "six months after entry",
    },
}


def chart_block(title, heading_level="2"):
    """A chart block for a demo page; the title is resolved to the chart's id on build."""
    return {
        "type": "chart",
        "value": {"chart": f"chart-ref:{title}", "heading_level": heading_level},
    }


def resolve_chart_refs(value):
    """The same structure, with every ``chart-ref:<title>`` reference replaced by the id."""
    if isinstance(value, dict):
        return {key: resolve_chart_refs(item) for key, item in value.items()}
    if isinstance(value, list):
        return [resolve_chart_refs(item) for item in value]
    if isinstance(value, str) and value.startswith("chart-ref:"):
        return Chart.objects.get(title=value.removeprefix("chart-ref:")).pk
    return value


def build_charts(site):
    """The demo step: create or update each chart. Returns what changed."""
    changed = []
    for title, spec in CHARTS.items():
        spanish = demo_spanish.CHARTS.get(title, {})
        wanted = {
            **spec,
            "dataset": Dataset.objects.get(slug=spec["dataset"]),
            **{f"{name}_es": spanish.get(name, "") for name in Chart.TRANSLATED_FIELDS},
        }
        chart = Chart.objects.filter(title=title).first() or Chart(title=title)
        if chart.pk and all(getattr(chart, key) == value for key, value in wanted.items()):
            continue
        for key, value in wanted.items():
            setattr(chart, key, value)
        chart.full_clean()
        chart.save()
        changed.append(f"chart {title}")
    return changed

"""The demo "Pilot outcomes" page: charts drawn from the demo datasets."""

from home.demo.content import h2, p
from publicdata.demo_charts import chart_block

PAGE = {
    "title": "Pilot outcomes",
    "show_in_menus": True,
    "summary": (
        "How many people LEAD reached, what help they received, how often they were "
        "arrested again and what it cost: the pilot's numbers in charts."
    ),
    "intro": (
        "<p>Every chart here is drawn from a published dataset. Open “Table” under a chart "
        "for its exact numbers, or download them. Until the pilot's own figures are "
        "published, the Baltimore charts show sample data, marked as such.</p>"
    ),
    "body": [
        h2("Who LEAD reached"),
        chart_block("People referred and enrolled each month", heading_level="3"),
        chart_block("Referrals by type", heading_level="3"),
        h2("The help people received"),
        chart_block("Services received each quarter", heading_level="3"),
        h2("Arrests"),
        chart_block("Re-arrest within 12 months, all cohorts", heading_level="3"),
        chart_block("Re-arrest within 12 months", heading_level="3"),
        p(
            "In Seattle, where LEAD began, the University of Washington found that "
            "participants had 60% lower odds of arrest in the six months after entry."
        ),
        chart_block("Seattle: lower odds of arrest", heading_level="3"),
        h2("Costs"),
        chart_block("Cost per person per year", heading_level="3"),
    ],
}

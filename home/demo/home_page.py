"""The demo home page."""

import datetime

from home.demo.content import figure, key_figures, pilot_status
from publicdata.demo_charts import chart_block

FIELDS = {
    "title": "LEAD Baltimore",
    "seo_title": "LEAD Baltimore: help instead of arrest",
    "search_description": (
        "Baltimore's Law Enforcement Assisted Diversion pilot: what it is, who it is for, "
        "your rights, and where to get help now."
    ),
    "hero_heading": "Help instead of handcuffs",
    "hero_text": (
        "Baltimore’s LEAD pilot was set up so that, in one part of downtown, police officers "
        "can offer people caught with small amounts of drugs a case manager, real help and a "
        "chance to avoid a night in jail and a criminal record."
    ),
    "intro": (
        "<p>This is the public site of Baltimore's Law Enforcement Assisted Diversion (LEAD) "
        "pilot. Read how the program works and what your rights are, tell us how police "
        "treated you, and follow what the pilot achieves.</p>"
    ),
    "body": [
        key_figures(
            figure(
                "60%",
                "lower odds of being arrested again within six months, for people in "
                "Seattle's LEAD program",
                "Collins, Lonczak & Clifasefi (2017), Evaluation and Program Planning 64",
                "https://doi.org/10.1016/j.evalprogplan.2017.05.008",
            ),
            figure(
                "120+",
                "Baltimore police officers trained for the pilot",
                "Baltimore LEAD pilot launch, 6 February 2017",
            ),
            figure(
                "½ sq mi",
                "pilot area on the western side of downtown",
                "Baltimore LEAD pilot launch, 6 February 2017",
            ),
            title="LEAD in numbers",
        ),
        pilot_status(),
    ],
}

CALLS_TO_ACTION = [
    ("Tell us about a police interaction", "You don’t have to give your name.", "feedback"),
    ("See the results", "The pilot's outcomes in charts, and the numbers behind them.", "outcomes"),
    ("Get help now", "Crisis lines, treatment, housing and food.", "get-help"),
]

# Fixed so that rebuilding the demo never changes anything.
LAST_REVIEWED = datetime.date(2026, 11, 1)


def fields_with_links(pages, fields=FIELDS, calls_to_action=CALLS_TO_ACTION):
    """The home page fields (English unless other ``fields`` and ``calls_to_action`` are
    given), with calls to action pointing at the pages built (or at a path outside the page
    tree, such as the open-data catalogue)."""
    return {
        **fields,
        # The pilot's own key figure, drawn from its dataset once the charts exist; the
        # reference is the chart's own title, the same in every language.
        "body": [*fields["body"], chart_block("Re-arrest within 12 months, all cohorts")],
        "calls_to_action": [
            {
                "type": "call_to_action",
                "value": {
                    "label": label,
                    "description": description,
                    "page": None if target.startswith("/") else pages[target].pk,
                    "url": target if target.startswith("/") else "",
                },
            }
            for label, description, target in calls_to_action
        ],
    }

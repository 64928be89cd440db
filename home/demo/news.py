"""Demo news stories about the pilot's history.

A story whose sources give only the month has ``date_precision`` "month": its page shows
the month and year, and the first of the month only orders the news.
"""

import datetime

from home.demo.content import h2, link, p

INDEX = {
    "title": "News",
    "show_in_menus": True,
    "search_description": "News about Baltimore's LEAD pilot.",
    "intro": "<p>News about the LEAD pilot and the people who make it work.</p>",
}

COALITION = {
    "title": "Police leaders call for alternatives to arrest",
    # The op-ed says "in October"; it gives no day.
    "date": datetime.date(2015, 10, 1),
    "date_precision": "month",
    "summary": (
        "Baltimore’s police commissioner joined dozens of police chiefs and prosecutors in a "
        "national call to reduce the number of people in prison."
    ),
    "body": [
        p(
            "In October 2015, dozens of the country’s top police chiefs and prosecutors met "
            "in Washington, D.C. to launch a new coalition, Law Enforcement Leaders to Reduce "
            "Crime and Incarceration. Baltimore Police Commissioner Kevin Davis was among "
            "them.",
            "The coalition named four priorities. One of them is “increasing alternatives to "
            "arrest and prosecution, especially mental health and drug treatment”.",
        ),
        h2("What it means for Baltimore"),
        p(
            "Groups working on drug addiction treatment in Baltimore, including "
            "OSI-Baltimore, had been calling for this for years. The next step is to decide "
            "which alternatives to use and how, with state and local officials, health "
            "experts and continued input from the community.",
        ),
    ],
}

ANNOUNCEMENT = {
    "title": "Baltimore to bring LEAD to the city",
    # Announced at the end of 2015: the op-ed that announced it appeared in December.
    "date": datetime.date(2015, 12, 1),
    "date_precision": "month",
    "summary": (
        "OSI-Baltimore, the Baltimore Police Department and Behavioral Health System "
        "Baltimore announced plans for a LEAD pilot."
    ),
    "body": [
        p(
            "At the end of 2015, Baltimore announced that it would pilot Law Enforcement "
            "Assisted Diversion. OSI-Baltimore is the main funder. The Baltimore Police "
            "Department, the State’s Attorney’s Office and Behavioral Health System Baltimore "
            "lead the work, and the Office of the Public Defender is also taking part.",
            "LEAD started in Seattle in 2011. In the words of the op-ed that announced the "
            "pilot, “New Baltimore approach to addiction” (Tara Huffman and Scott Nolen of "
            "OSI-Baltimore, The Baltimore Sun, December 2015), it lets officers direct people "
            "who would otherwise be charged with low-level drug offences to community-based "
            "services, so they can begin recovery without time in jail or a criminal record.",
        ),
        h2("Starting small"),
        p(
            "The pilot will run in one area of the city with a lot of drug activity, and "
            "could expand to other neighbourhoods if it works as well as expected. "
            + link("/lead/what-is-lead/", "Read what LEAD is"),
        ),
    ],
}

LAUNCH = {
    "title": "LEAD pilot launches on the west side of downtown",
    "date": datetime.date(2017, 2, 6),
    "summary": (
        "The three-year pilot began with more than 120 trained officers and case managers "
        "placed with the police district."
    ),
    "body": [
        p(
            "Baltimore’s LEAD pilot launched at a news conference on 6 February 2017. The "
            "three-year pilot covers about half a square mile on the western side of "
            "downtown.",
            "More than 120 officers have been trained. Case managers from Baltimore Crisis "
            "Response Inc., overseen by Behavioral Health System Baltimore, are placed with "
            "the police district. The partners expect the pilot to serve about 60 people at a "
            "time.",
        ),
        h2("Who can take part"),
        p(
            "People whom police could arrest in the pilot area for misdemeanour drug "
            "possession or prostitution can be offered LEAD. "
            + link("/lead/eligibility-and-referral/", "How a referral works"),
        ),
    ],
}

STORIES = [
    ("police-leaders-call-for-alternatives-to-arrest", COALITION),
    ("baltimore-to-bring-lead-to-the-city", ANNOUNCEMENT),
    ("lead-pilot-launches", LAUNCH),
]

TAGS = {
    "police-leaders-call-for-alternatives-to-arrest": ["policing", "national"],
    "baltimore-to-bring-lead-to-the-city": ["announcement", "partners"],
    "lead-pilot-launches": ["launch", "pilot area"],
}

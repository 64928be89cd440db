"""Help, contact and privacy pages, and the site-wide settings of the demo site.

Program contact details here are samples (555 numbers and example.org addresses) for staff
to replace, as is the text saying who moderates; the crisis lines (911, 988, 211) and the
official complaint routes are real (docs/content-sources.md says where they come from).
"""

from django.conf import settings

from home.demo import privacy_outreach
from home.demo.content import (
    bullets,
    callout,
    complaint_routes,
    contact_card,
    h2,
    link,
    p,
    who_moderates,
)
from home.demo.home_page import LAST_REVIEWED

SAMPLE_PHONE = "410-555-0100"
SAMPLE_EMAIL = "lead-baltimore@example.org"
# A postal address, written the same in every language (the footer says it is a sample).
SAMPLE_ADDRESS = "LEAD Baltimore\n100 Sample Street\nBaltimore, MD 21201"

GET_HELP = {
    "title": "Get help now",
    # A page to act on, not to discuss: no comment section.
    "comments_open": False,
    "summary": "Crisis lines, treatment, housing and food: who to call, day or night.",
    "show_in_menus": True,
    "last_reviewed": LAST_REVIEWED,
    "body": [
        callout(
            "In an emergency, call 911",
            "If someone is in danger or has overdosed, call 911 straight away.",
            tone="warning",
        ),
        h2("Crisis and support lines"),
        contact_card(
            "988 Suicide & Crisis Lifeline",
            "Free, confidential support for a mental health or substance use crisis, for "
            "you or someone you are worried about.",
            phone="988",
            text_message="988",
            website="https://988lifeline.org",
            hours="24 hours a day, 7 days a week",
        ),
        contact_card(
            "Maryland 211",
            "Connects you to local help with drug treatment, housing, food, bills and more.",
            phone="211",
            website="https://211md.org",
            hours="24 hours a day, 7 days a week",
        ),
        h2("The LEAD program"),
        contact_card(
            "LEAD Baltimore",
            "Questions about LEAD or about a referral. These contact details are samples "
            "for the demo site.",
            phone=SAMPLE_PHONE,
            email=SAMPLE_EMAIL,
            hours="Monday to Friday, 9am to 5pm",
        ),
        h2("Legal help"),
        p(
            "The Maryland Office of the Public Defender represents people who cannot afford "
            "a lawyer. " + link("/lead/your-rights/", "Read about your rights"),
        ),
    ],
}

CONTACT = {
    "title": "Contact the program",
    # A page to act on, not to discuss: no comment section.
    "comments_open": False,
    "summary": (
        "Tell the LEAD program about a police interaction or ask a question. You don’t have "
        "to give your name."
    ),
    "show_in_menus": False,
    "last_reviewed": LAST_REVIEWED,
    "body": [
        h2("Tell us about a police interaction"),
        p(
            "The program wants to hear how police treated you in the pilot area, good or "
            "bad. Staff read every message. You don’t have to give your name: if you want a "
            "reply, leave a phone number or email address and say how you would like to be "
            "contacted.",
        ),
        complaint_routes(),
        contact_card(
            "LEAD Baltimore",
            "These contact details are samples for the demo site.",
            phone=SAMPLE_PHONE,
            email=SAMPLE_EMAIL,
            address=SAMPLE_ADDRESS,
            hours="Monday to Friday, 9am to 5pm",
        ),
        callout(
            "What happens to what you tell us",
            "Nothing you tell us is published without your agreement and a moderator’s "
            "review. Your contact details are never published. "
            + link("/privacy/", "Read the privacy notice"),
        ),
        p("If you need help now, " + link("/get-help/", "see who to call") + "."),
    ],
}


def stated_periods(day, days, hour, hours):
    """The periods the privacy notice states, in words of its language, read from the
    settings the retention jobs, the staff lockout and the session use, so the notice and
    the code cannot disagree."""

    def count(number, one, many):
        return f"{number} {one if number == 1 else many}"

    return (
        count(settings.FEEDBACK_CONTACT_RETENTION_DAYS, day, days),
        count(settings.FEEDBACK_REJECTED_TEXT_RETENTION_DAYS, day, days),
        count(settings.AXES_COOLOFF_TIME, hour, hours),
        count(settings.SESSION_COOKIE_AGE // 3600, hour, hours),
    )


def privacy():
    """The privacy notice, with every period read from the settings the code uses."""
    contact_days, rejected_days, lockout_hours, session_hours = stated_periods(
        "day", "days", "hour", "hours"
    )
    return {
        "title": "Privacy notice",
        # A page to act on, not to discuss: no comment section.
        "comments_open": False,
        "summary": "What this site keeps about you, for how long, and who can see it.",
        "show_in_menus": False,
        "last_reviewed": LAST_REVIEWED,
        "body": [
            p(
                "This site is run by the LEAD Baltimore program partners, and the Baltimore "
                "Police Department is one of them. We collect as little as we can, and we "
                "never sell or share what you tell us for marketing.",
            ),
            h2("When you read the site"),
            bullets(
                "The site uses no advertising, analytics or tracking services, and loads no "
                "scripts, fonts or images from other companies. The one exception: if the "
                "program turns on Google’s reCAPTCHA spam check, it loads on the feedback "
                "form and the “Report this” form only, and Google sees your visit to those "
                "two forms.",
                "We do not store the internet (IP) address of people who use the public "
                "site, in our database or in our logs. To stop floods of messages we count "
                "how often a form is sent using a scrambled code made from your address; "
                "the code changes every day and cannot be turned back into the address.",
                "Reading the site sets no cookies. Pages with a form set one cookie, "
                "named csrftoken, which holds a random security code that protects "
                "the form from forgery and nothing about you.",
            ),
            h2("When you tell us about a police interaction"),
            bullets(
                "What we keep: your answers (the date, the area and nearest cross streets, "
                "what kind of interaction it was, your answers about how you were treated), "
                "what you wrote, the language you wrote in, whether you agreed to "
                "publication, and the receipt code we gave you.",
                "Who can see it before anything is published: the program’s moderators and "
                "the site’s administrators. You don’t have to give your name or any contact "
                "details.",
                "Leaving out your name does not always keep you anonymous. The date, the "
                "place, the cross streets and your words can be enough for the officer "
                "involved, or someone else who was there, to work out who wrote a report. "
                "Leave out anything you don’t want linked to you.",
                "Nothing you write is public until a moderator has reviewed it. If you agree "
                "to publication, we publish a version with anything that could identify you "
                "or someone else removed, never your original words. With your receipt code "
                "you can check what happened to your report.",
                f"If your report is not published, its words are deleted {rejected_days} "
                "after the moderator’s decision. We keep only that a report came in, its "
                "date, area and answers, and why it was not published, for the totals.",
            ),
            who_moderates(),
            h2("When the law requires us to hand information over"),
            p(
                "The program must hand over what it keeps when the law requires it, for "
                "example under a court order or a subpoena. That can include the words of a "
                "report and any contact details not yet deleted. What has been deleted, "
                "after the periods on this page, can no longer be handed over.",
            ),
            h2("Your contact details"),
            bullets(
                "Contact details you give (name, email, phone) are stored encrypted, never "
                "shown publicly and never included in any data we publish or in our logs.",
                "Only staff given the permission to see residents’ contact details (the "
                "program’s moderators and the site’s administrators) can read them, to "
                "answer you.",
                f"They are deleted {contact_days} after you send them.",
            ),
            *privacy_outreach.english(contact_days),
            h2("Comments and “Report this”"),
            bullets(
                "A comment keeps the name you give (or “Resident”) and what you wrote. "
                "Comments are published only after a moderator reviews them, as the "
                f"moderator’s version. The words of a comment that is not published are "
                f"deleted {rejected_days} after the decision.",
                "When you report a comment or a published report, we keep your reason and "
                "note, and a scrambled code made from the item and your address that lets "
                "us count one report per person. It cannot be turned back into your address "
                "and cannot link your reports on two different items.",
            ),
            h2("The numbers we publish"),
            p(
                "We publish only totals, never information about individual people. People "
                "in LEAD receive substance use services, and records that identify them are "
                "protected by federal law (42 CFR Part 2 and HIPAA).",
                "No published number shows a count between 1 and 10. Such small counts are "
                "marked as suppressed, and so is any other number that would let someone "
                "work them out.",
            ),
            h2("Staff accounts"),
            bullets(
                "When a staff sign-in fails, the account name and the address it came from "
                f"are kept for {lockout_hours}, to stop password guessing, and then deleted.",
                f"A staff session ends after {session_hours}. What staff publish, approve "
                "or reject is recorded in the site’s audit log.",
            ),
            h2("Questions"),
            p(
                "To ask about your information, contact the program at "
                f'<a href="mailto:{SAMPLE_EMAIL}">{SAMPLE_EMAIL}</a> (sample address for '
                "the demo site).",
            ),
        ],
    }


def pages():
    return [("get-help", GET_HELP), ("contact", CONTACT), ("privacy", privacy())]


SITE_SETTINGS = {
    "organisation_name": "LEAD Baltimore",
    "tagline": "Law Enforcement Assisted Diversion",
    "contact_email": SAMPLE_EMAIL,
    "contact_phone": SAMPLE_PHONE,
    "contact_address": SAMPLE_ADDRESS,
    "help_line_name": "988 Suicide & Crisis Lifeline",
    "help_line_phone": "988",
    "help_line_hours": "24 hours a day, 7 days a week",
    "emergency_text": "In an emergency, call 911.",
    "partners": [
        {"type": "partner", "value": {"name": name, "role": role, "url": ""}}
        for name, role in [
            ("Open Society Institute-Baltimore", "Primary funder"),
            ("Baltimore Police Department", "Referring officers"),
            ("Baltimore City State’s Attorney’s Office", "Prosecution partner"),
            ("Behavioral Health System Baltimore", "Oversees case management"),
            ("Baltimore Crisis Response Inc.", "Case managers"),
            ("Maryland Office of the Public Defender", "Legal partner"),
        ]
    ],
    "footer_text": (
        "<p>A public information site of the LEAD Baltimore pilot partners. The program "
        "contact details shown on this demo site are samples.</p>"
    ),
    # Sources give the launch of a three-year pilot, not what happened after: a setting
    # the program keeps up to date, shown by the "Pilot status" block.
    "pilot_status": "running",
    "pilot_status_note": "",
    "moderators": (
        "trained community staff of the LEAD program (sample text: the program says here who "
        "moderates)"
    ),
    "no_police_moderators": True,
    "complaint_routes": [
        {
            "type": "route",
            "value": {
                "name": "Civilian Review Board of Baltimore City",
                "name_es": "",
                "description": (
                    "An independent city agency. It investigates complaints of excessive "
                    "force, abusive language, harassment, false arrest and false imprisonment "
                    "by Baltimore police officers. File online, by phone, at its office at 7 E. "
                    "Redwood Street (9th floor) or at any police district station. There are "
                    "time limits (90 days for excessive force), so do not wait."
                ),
                "description_es": "",
                "phone": "410-396-3151",
                "website": "https://civilrights.baltimorecity.gov/civilian-review-board",
            },
        },
        {
            "type": "route",
            "value": {
                "name": "Baltimore Police Department, Public Integrity Bureau",
                "name_es": "",
                "description": (
                    "The police department’s internal affairs. It investigates complaints "
                    "about Baltimore police officers. You can make a complaint at any police "
                    "station."
                ),
                "description_es": "",
                "phone": "",
                "website": "https://www.baltimorepolice.org",
            },
        },
    ],
}

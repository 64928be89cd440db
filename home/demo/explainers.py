"""The "About LEAD" explainers, written from the program's public record.

Sources: the OSI-Baltimore op-ed that announced the pilot, the Baltimore pilot's launch,
and the University of Washington evaluations of Seattle's LEAD program (cited on the pages
that quote them; docs/content-sources.md lists every claim with its source). Facts that
could not be checked are left out or phrased cautiously, and what the sources give as an
expectation is said to be one. Facts about the pilot are told as of its launch, and the
"Pilot status" block says where it stands now (a site setting), so the pages stay true
whether it runs, was extended or has ended.
"""

from home.demo.content import (
    bullets,
    callout,
    complaint_routes,
    faq,
    figure,
    h2,
    h3,
    key_figures,
    link,
    p,
    pilot_status,
    table,
)
from home.demo.home_page import LAST_REVIEWED
from publicdata.demo_charts import chart_block

RECIDIVISM_STUDY = "Collins, Lonczak & Clifasefi (2017), Evaluation and Program Planning 64"
RECIDIVISM_URL = "https://doi.org/10.1016/j.evalprogplan.2017.05.008"
COST_STUDY = "University of Washington LEAD evaluation of legal system costs (June 2015)"
HOUSING_AUTHORS = "Clifasefi, Lonczak and Collins"
LAUNCH = "Baltimore LEAD pilot launch, 6 February 2017"
# The op-ed that announced the pilot, by its title and where it was published.
OP_ED = "Huffman & Nolen, “New Baltimore approach to addiction”, The Baltimore Sun, December 2015"
# Said once, plainly, on each page that speaks of "the usual way".
USUAL_WAY = "that can mean arrest, booking at the jail and criminal charges"

INDEX = {
    "title": "About LEAD",
    "show_in_menus": True,
    "search_description": "How Law Enforcement Assisted Diversion works in Baltimore.",
    "intro": (
        "<p>Plain answers about the Law Enforcement Assisted Diversion pilot: what it is, who "
        "it is for, what happens after a referral and what your rights are.</p>"
    ),
}


def explainer(title, summary, body):
    return {
        "title": title,
        "summary": summary,
        "body": body,
        "show_in_menus": True,
        "last_reviewed": LAST_REVIEWED,
    }


WHAT_IS_LEAD = explainer(
    "What is LEAD?",
    "LEAD lets police officers send people to a case manager and community services instead "
    "of arresting them for some low-level drug offences. Baltimore piloted it in one part of "
    "downtown.",
    [
        h2("LEAD in one minute"),
        p(
            "Law Enforcement Assisted Diversion (LEAD) changes what can happen when police find "
            "someone with a small amount of drugs. Instead of arresting and charging the "
            "person, an officer can refer them to a case manager.",
            "The case manager starts with a health assessment and then helps the person get "
            "what they need: drug treatment, mental health care, a place to live, job "
            "training, benefits and legal help.",
            "The idea behind LEAD is that addiction is a health problem. Jail does not treat "
            "it, and a criminal record makes it harder to find a home or a job.",
        ),
        callout(
            "Taking part is voluntary",
            f"Nobody has to join LEAD. If you say no, your case is handled the usual way: "
            f"{USUAL_WAY}.",
            tone="important",
        ),
        h2("Where LEAD comes from"),
        p(
            "LEAD began in Seattle’s Belltown neighbourhood in October 2011 as a four-year "
            "pilot. It was developed by The Defender Association’s Racial Disparity Project "
            "(now Seattle’s Public Defender Association) and the ACLU of Washington, with "
            "police, prosecutors and community partners.",
            "Researchers at the University of Washington compared people in Seattle’s program "
            "with similar people who went through the usual system. Those in LEAD had lower "
            "odds of being arrested again. "
            + link("/lead/other-cities/", "Read what other cities found"),
        ),
        h2("LEAD in Baltimore"),
        p(
            "Baltimore’s pilot was announced at the end of 2015 and launched on 6 February 2017 "
            "as a three-year pilot. It was set up in about half a square mile on the western "
            "side of downtown, an area with a lot of drug activity. "
            + link("/lead/pilot-area/", "See the pilot area"),
            "At launch the partners were the Baltimore Police Department, the State’s "
            "Attorney’s Office, Behavioral Health System Baltimore (BHSB) and the Office of the "
            "Public Defender, with the Open Society Institute-Baltimore (OSI-Baltimore) as the "
            "main funder. Case managers from Baltimore Crisis Response Inc., overseen by BHSB, "
            "were placed with the police district.",
        ),
        pilot_status(),
        h2("Why this matters for trust"),
        p(
            "Relations between police and residents in Baltimore have been badly strained. "
            "LEAD asks officers to act as public servants who help people in trouble find "
            "support. This site is part of that: it publishes the pilot’s results and lets "
            "residents say how police treated them.",
        ),
        key_figures(
            figure("2011", "LEAD began in Seattle", OP_ED),
            figure("6 Feb 2017", "Baltimore’s pilot launched", LAUNCH),
            figure(
                "About 60",
                "people the pilot was expected to serve at any one time",
                LAUNCH,
                detail="An expectation at launch, not a count of people served.",
            ),
        ),
    ],
)

ELIGIBILITY = explainer(
    "Who is eligible and how a referral works",
    "In Baltimore’s pilot, LEAD is for people whom police could arrest in the pilot area for "
    "misdemeanour drug possession or prostitution. Officers can refer someone in two ways.",
    [
        h2("Who can be referred"),
        p(
            "In Baltimore’s pilot, LEAD is for people whom police could arrest in the "
            + link("/lead/pilot-area/", "pilot area")
            + " for misdemeanour drug possession or prostitution.",
            "Every LEAD program sets its own limits. In Seattle, for example, some cases "
            "were excluded, such as those involving more than a small amount of drugs or the "
            "exploitation of children. Baltimore’s partners decide the rules for Baltimore, "
            "and the officer will tell you if LEAD is an option for you.",
        ),
        h2("Two ways in"),
        h3("Instead of an arrest"),
        p(
            "While the pilot runs, an officer who could arrest you for an eligible offence can "
            "offer LEAD instead of taking you to be booked. If you accept, you meet a case "
            "manager instead of being booked for that offence.",
            "It is a chance to avoid jail and a criminal record, not a promise. Whether you "
            "can still be charged later depends on taking part and on decisions by the State’s "
            "Attorney’s Office (the prosecutors). Ask the officer, your case manager or a "
            "lawyer what you need to do.",
        ),
        h3("Without any arrest"),
        p(
            "Officers can also refer someone they know is struggling with drugs, even when "
            "there are no grounds to arrest them. This is called a social contact referral.",
        ),
        h2("What happens at the moment of referral"),
        bullets(
            "The officer explains that LEAD is an option and what it involves.",
            "If you agree, the officer contacts a LEAD case manager.",
            "The case manager meets you, explains the next steps and sets up your first "
            "assessment.",
            f"If you say no, you are processed the usual way: {USUAL_WAY}. Saying no is your "
            "right.",
            intro="This is what usually happens:",
        ),
        callout(
            "You decide",
            "Taking part is your choice. You are not required to stop using drugs to stay "
            "in the program. " + link("/lead/your-rights/", "Read about your rights"),
        ),
    ],
)

AFTER_REFERRAL = explainer(
    "What happens after a referral",
    "A case manager helps you work out what you need, then connects you to treatment, "
    "housing, job training, benefits and legal help. You set the goals.",
    [
        h2("Your first assessment"),
        p(
            "Soon after a referral, you meet a case manager for an initial assessment. It is "
            "a conversation about your health, your housing, your money and what you want to "
            "change. It helps the case manager understand what would help you most.",
        ),
        h2("Case management"),
        p(
            "Your case manager stays with you over time. Together you make a plan, and they "
            "help you carry it out: making calls, going with you to appointments and "
            "helping with forms.",
        ),
        bullets(
            "drug treatment and recovery support",
            "mental health care",
            "a safe place to stay and help finding housing",
            "job training and help finding work",
            "benefits such as health insurance and food assistance",
            "legal help with other cases",
            intro="Services people can be connected to include:",
        ),
        h2("Harm reduction"),
        p(
            "LEAD follows a harm reduction approach. That means you do not have to stop "
            "using drugs to stay in the program. The aim is to make life safer and more "
            "stable, one step at a time, at a pace you choose.",
        ),
        callout(
            "How many people the pilot can serve",
            "At launch, Baltimore’s pilot was expected to serve about 60 people at any one "
            "time. That was a plan, not a count of the people it has served.",
        ),
        h2("If things go wrong"),
        p(
            "If you are unhappy with how a case manager treated you, you can "
            + link("/contact/", "tell the program")
            + ". You don’t have to give your name.",
        ),
        complaint_routes(),
    ],
)

YOUR_RIGHTS = explainer(
    "Your rights",
    "LEAD is voluntary: you can say no and be processed as usual. You keep all your usual "
    "rights when police stop you.",
    [
        callout(
            "This is general information, not legal advice",
            "For advice about your own situation, talk to a lawyer. The Maryland Office of "
            "the Public Defender can help people who cannot afford one.",
            tone="warning",
        ),
        h2("Your rights in LEAD"),
        bullets(
            f"You can say no to LEAD. If you do, your case is handled the usual way: {USUAL_WAY}.",
            "You can ask the officer to explain what LEAD is before you decide.",
            "You do not have to stop using drugs to take part.",
            "You can tell the program about how you were treated, without giving your name.",
        ),
        h2("What is shared about you, and with whom"),
        p(
            "LEAD works by the people around your case talking to each other. With your "
            "written consent, your case manager shares information with the police officers "
            "and prosecutors involved, such as whether you are taking part and how you are "
            "doing, so that your legal cases can be coordinated.",
            "The consent form says what is shared and with whom. Ask about anything you do "
            "not understand before you sign it.",
            "Records of drug and alcohol treatment are protected by a federal privacy law "
            "(42 CFR Part 2): in general they can be shared only with your written consent.",
        ),
        h2("Your rights whenever police stop you"),
        p(
            "These rights apply in any police stop, whether or not LEAD comes up:",
        ),
        bullets(
            "You have the right to remain silent. You can say “I want to remain silent.”",
            "You can ask “Am I free to leave?” If the officer says yes, you can calmly walk away.",
            "You can refuse to consent to a search of yourself, your car or your home. "
            "Police may search anyway in some situations; do not physically resist.",
            "If you are arrested, you have the right to a lawyer. Ask for one and do not "
            "answer questions until you have one.",
            "Stay calm and keep your hands where the officer can see them.",
        ),
        h2("Getting legal help"),
        p(
            "The Maryland Office of the Public Defender represents people who cannot afford "
            "a lawyer, and it took part in planning Baltimore’s pilot. "
            + link("/get-help/", "Find help and services"),
        ),
        h2("Complaints, and telling us how it went"),
        p(
            "If an officer treated you well or badly, the program wants to know. "
            + link("/contact/", "Tell us about a police interaction")
            + ". You don’t have to give your name, and nothing you write is made public "
            "without your agreement and a moderator’s review.",
        ),
        complaint_routes(),
    ],
)

PILOT_AREA = explainer(
    "The pilot area",
    "Baltimore’s LEAD pilot was set up in about half a square mile on the western side of "
    "downtown, an area with a lot of drug activity.",
    [
        h2("Where the pilot was set up"),
        p(
            "The pilot was set up in about half a square mile on the western side of downtown "
            "Baltimore. The area was chosen because of its high level of drug activity.",
            "A presentation by Behavioral Health System Baltimore describes the area as "
            "running roughly from Franklin Street south to Pratt Street, and from St. Paul "
            "Street west to Martin Luther King Jr. Boulevard. Ask the program for the exact "
            "boundary.",
            "While the pilot runs, referrals are made by officers working in this area. When "
            "the pilot was announced, the partners planned to expand it to other "
            "neighbourhoods if it showed the results they expected.",
        ),
        pilot_status(),
        h2("Neighbourhoods"),
        bullets(
            "Market Center",
            "Downtown West",
            "Downtown",
            intro="Neighbourhoods in the pilot area include:",
        ),
        callout(
            "Sample list",
            "This list of neighbourhoods is sample data for the demo site, taken from the area "
            "described above. Program staff keep the official list of the pilot area up to "
            "date.",
        ),
        h2("Who works here"),
        p(
            "More than 120 officers were trained for the pilot. At launch, case managers from "
            "Baltimore Crisis Response Inc. were placed with the police district so that they "
            "could meet people soon after a referral.",
        ),
    ],
)

OFFICER_TRAINING = explainer(
    "How officers are trained",
    "More than 120 officers were trained to recognise addiction, use their discretion and "
    "connect people to help.",
    [
        h2("What the training covered"),
        bullets(
            "how to recognise the signs and symptoms of drug addiction;",
            "how to tell whether someone is eligible for LEAD;",
            "how to use their discretion, and the resources LEAD gives them, to help people "
            "find the support they need;",
            "how to work with LEAD case managers.",
            intro="Officers in the pilot area were trained in:",
        ),
        h2("A different way of seeing people"),
        p(
            "The training asked officers to see people who struggle with substance use as "
            "human beings who need support, not as criminals who need punishment.",
            "It also gave officers a chance to show their role as public servants, which "
            "matters in a city where trust between police and residents has been badly "
            "damaged.",
        ),
        key_figures(figure("120+", "officers trained for the pilot", LAUNCH)),
        h2("Tell us how officers are doing"),
        p(
            "Residents’ experiences are the best test of whether the training works. "
            + link("/contact/", "Tell us about a police interaction")
            + ".",
        ),
    ],
)

OTHER_CITIES = explainer(
    "What other cities found",
    "In Seattle, where LEAD began, participants had lower odds of being arrested again, and "
    "spent less time in jail, than similar people who went through the usual system.",
    [
        h2("Seattle’s results"),
        p(
            "Researchers at the University of Washington compared 203 people in Seattle’s "
            "LEAD program with 115 similar people who went through the usual system "
            "(Collins, Lonczak and Clifasefi, 2017). In the six months after they entered the "
            "program, LEAD participants had 60% lower odds of being arrested than the "
            "comparison group. Over the longer term they had 58% lower odds of arrest and 39% "
            "lower odds of a felony charge.",
            "Lower odds are not the same as that many fewer arrests. The op-ed that announced "
            "Baltimore’s pilot, “New Baltimore approach to addiction” (Tara Huffman and Scott "
            "Nolen, The Baltimore Sun, December 2015), says LEAD reduced re-arrests “by almost "
            "60 percent”. It does not say which of these two results it meant.",
        ),
        key_figures(
            figure(
                "60%",
                "lower odds of arrest in the six months after entering LEAD",
                RECIDIVISM_STUDY,
                RECIDIVISM_URL,
            ),
            figure(
                "58%",
                "lower odds of arrest over the longer term",
                RECIDIVISM_STUDY,
                RECIDIVISM_URL,
            ),
            figure(
                "39%",
                "lower odds of a felony charge over the longer term",
                RECIDIVISM_STUDY,
                RECIDIVISM_URL,
            ),
            title="Re-arrest in Seattle",
        ),
        chart_block("Seattle: lower odds of arrest", heading_level="3"),
        h2("Jail, courts and costs"),
        p(
            "A separate University of Washington evaluation (June 2015) measured how much "
            "participants used jail, the courts and prosecution, and what that cost. Each "
            "year, participants had 1.4 fewer jail bookings and 39 fewer days in jail than "
            "people in the usual system, and their jail and legal-system costs were lower.",
            "The evaluation gave the program’s own costs separately: LEAD cost an average of "
            "$899 per person per month including start-up, falling to $532 per month by the "
            "end of the evaluation.",
        ),
        table(
            "Seattle’s LEAD compared with the usual system",
            ["Measure", "What the evaluations found"],
            [
                ("Odds of arrest, first six months", "60% lower for LEAD participants"),
                ("Odds of arrest, longer term", "58% lower"),
                ("Odds of a felony charge, longer term", "39% lower"),
                ("Jail bookings per year", "1.4 fewer"),
                ("Days in jail per year", "39 fewer"),
                ("Program cost per person per month", "$899 on average, $532 by the end"),
            ],
            source=f"{RECIDIVISM_STUDY}; {COST_STUDY}",
        ),
        p(
            "A third evaluation, The Impact of LEAD on Housing, Employment and "
            f"Income/Benefits ({HOUSING_AUTHORS}, March 2016), found that in any month after "
            "referral participants were more than twice as likely to be sheltered as in the "
            "month before, and more likely to have a job and a legitimate income.",
        ),
        h2("Other cities"),
        p(
            "When Baltimore’s pilot was announced, several other cities were at various "
            "stages of developing their own LEAD programs:",
        ),
        bullets(
            "Santa Fe, New Mexico",
            "Atlanta, Georgia",
            "Bangor, Maine",
            "Camden, New Jersey",
            "Fayetteville, North Carolina",
            "Los Angeles, California",
            "Milwaukee, Wisconsin",
            "Philadelphia, Pennsylvania",
        ),
        p(
            "Baltimore can share ideas and lessons with these cities. Results from "
            "Baltimore’s own pilot are published on this site as open data as they become "
            "available.",
        ),
    ],
)

FAQ = explainer(
    "Frequently asked questions",
    "Short answers to the questions residents ask most about LEAD.",
    [
        faq(
            [
                (
                    "What does LEAD stand for?",
                    "Law Enforcement Assisted Diversion. “Diversion” means steering someone "
                    "away from jail and the courts and towards help.",
                ),
                (
                    "Is LEAD the same as being let off?",
                    "No. LEAD connects you with a case manager and services. It is a "
                    "different response to a health problem, not no response.",
                ),
                (
                    "Do I have to join?",
                    "No. Taking part is voluntary. If you say no, your case is handled the "
                    f"usual way: {USUAL_WAY}.",
                ),
                (
                    "Do I have to stop using drugs?",
                    "No. LEAD uses a harm reduction approach: you can stay in the program "
                    "while you work towards your own goals.",
                ),
                (
                    "Will I get a criminal record?",
                    "LEAD gives you a chance to avoid one; it is not a promise. If an officer "
                    "offers LEAD instead of an arrest and you accept, you are not booked for "
                    "that offence. Whether you are charged later depends on taking part and on "
                    "decisions by the State’s Attorney’s Office. Ask your case manager or a "
                    "lawyer about your own situation.",
                ),
                (
                    "Who can be referred?",
                    "People whom police could arrest in the pilot area for misdemeanour drug "
                    "possession or prostitution. Officers can also refer people they know are "
                    "struggling, without any arrest.",
                ),
                (
                    "Where is the pilot area?",
                    "About half a square mile on the western side of downtown Baltimore. "
                    + link("/lead/pilot-area/", "See the pilot area"),
                ),
                (
                    "What help can I get?",
                    "An assessment, then help with drug treatment, mental health care, "
                    "housing, job training, benefits and legal problems.",
                ),
                (
                    "Who runs LEAD in Baltimore?",
                    "The pilot was set up by the Baltimore Police Department, the State’s "
                    "Attorney’s Office, Behavioral Health System Baltimore and the Office of "
                    "the Public Defender, with case managers from Baltimore Crisis Response "
                    "Inc. and OSI-Baltimore as the main funder.",
                ),
                (
                    "Does LEAD work?",
                    "In Seattle, people in LEAD had 60% lower odds of being arrested in the "
                    "first six months than similar people in the usual system. "
                    + link("/lead/other-cities/", "Read what other cities found"),
                ),
                (
                    "How do I complain about a police officer?",
                    "This site does not take complaints, and a report here is not one. Make a "
                    "formal complaint to the Baltimore Police Department’s Public Integrity "
                    "Bureau or to the Civilian Review Board of Baltimore City: how to reach "
                    "them is below. You can also "
                    + link("/contact/", "tell the program how you were treated")
                    + ", but that does not replace a complaint.",
                ),
                (
                    "I need help right now. Who do I call?",
                    "In an emergency, call 911. For a mental health or substance use crisis, "
                    "call or text 988. " + link("/get-help/", "More places to get help"),
                ),
            ]
        ),
        h2("Making a complaint about an officer"),
        complaint_routes(),
    ],
)

EXPLAINERS = [
    ("what-is-lead", WHAT_IS_LEAD),
    ("eligibility-and-referral", ELIGIBILITY),
    ("after-a-referral", AFTER_REFERRAL),
    ("your-rights", YOUR_RIGHTS),
    ("pilot-area", PILOT_AREA),
    ("officer-training", OFFICER_TRAINING),
    ("other-cities", OTHER_CITIES),
    ("faq", FAQ),
]

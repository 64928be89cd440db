"""Noticing a resident who may need help now.

A report is a "possible crisis" when the resident answers "yes" to "Do you need help now?"
or when its words read as a crisis: an overdose, suicide, "I am not safe", in English or
Spanish, or a phrase of a staff word rule set to "Mark as possible crisis". The phrases
match as word rules do (``feedback.moderation.screening``: case, accents, look-alike
letters and spacing do not count; whole words only).

A sign never holds, rejects or delays anything: the report is stored and moderated as
usual. The resident sees the crisis lines first on the thank-you page, and moderators see
the report first in the queue with the program's crisis guidance. What is stored
(``Report.crisis_signs``, shaped like ``held_reasons``) is for moderators only; nothing
public says that a report is one, and no statistic counts them.
"""

from functools import cache

from feedback.models import OutreachSettings, WordRuleAction
from feedback.moderation.screening import find_phrases, rule, word_rules

ASKED_FOR_HELP = "asked_for_help"
CRISIS_WORDS = "crisis_words"

# Words of crisis that a report about the police may hold, as residents write them. Kept
# to phrases that rarely mean anything else: "no estoy seguro" is also "I am not sure", so
# the Spanish for "I am not safe" is "no estoy a salvo" and "no me siento seguro".
PHRASES = {
    "en": [
        "overdose",
        "overdosed",
        "overdosing",
        "overdoses",
        "suicide",
        "suicidal",
        "kill myself",
        "killing myself",
        "end my life",
        "take my own life",
        "want to die",
        "hurt myself",
        "I am not safe",
        "I'm not safe",
        "I don't feel safe",
        "I do not feel safe",
        "not safe at home",
        "I am in danger",
        "I'm in danger",
        "fear for my life",
        "afraid for my life",
    ],
    "es": [
        "sobredosis",
        "suicidio",
        "suicidarme",
        "suicida",
        "matarme",
        "quitarme la vida",
        "quiero morir",
        "quiero morirme",
        "hacerme daño",
        "no estoy a salvo",
        "no me siento seguro",
        "no me siento segura",
        "no me siento a salvo",
        "estoy en peligro",
        "mi vida corre peligro",
        "temo por mi vida",
    ],
}


@cache
def _built_in_rules():
    phrases = [phrase for language in PHRASES.values() for phrase in language]
    return [found for found in (rule(phrase, WordRuleAction.CRISIS) for phrase in phrases) if found]


def signs(text, *, asked_for_help=False):
    """What makes a report a possible crisis, as stored in ``Report.crisis_signs``: a list
    of ``{"code", "message", "matches"}``, empty when nothing does. Messages are for
    moderators, in English, as the screening's are."""
    found = []
    if asked_for_help:
        found.append(
            {"code": ASKED_FOR_HELP, "message": "The resident asked for help now", "matches": []}
        )
    matched = find_phrases(text, [*_built_in_rules(), *word_rules(WordRuleAction.CRISIS)])
    spans = sorted({span for rule_spans in matched.values() for span in rule_spans})
    if spans:
        phrases = ", ".join(dict.fromkeys(f"“{matched_rule.phrase}”" for matched_rule in matched))
        found.append(
            {
                "code": CRISIS_WORDS,
                "message": f"Words that may mean a crisis: {phrases}",
                "matches": [[start, end] for start, end in spans],
            }
        )
    return found


def crisis_guidance(request):
    """The program's guidance for moderators on a possible crisis (rich text), as staff
    wrote it in the outreach settings of the request's site."""
    return OutreachSettings.for_request(request).crisis_guidance

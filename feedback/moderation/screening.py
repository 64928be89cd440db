"""Screening what residents write, before a moderator reads it: word rules, links and
repeated posts.

This module owns those rules. ``screen`` is the one entry point, used for reports (by
``feedback.reports.submission``) and for comments; ``highlight`` shows its findings on the review
screen; ``normalise`` is how both sides of a word rule are read.

How a word rule matches. The text and the rule's phrase are read the same way: case and
accents do not count (NFKD, combining marks dropped, casefolded); look-alike digits and
symbols read as the letters they stand for ("1d10t" is "idiot", and "1", "!", "|" and "l"
all read as "i"); letters spaced or dotted apart are joined ("i d i o t", "i.d.i.o.t");
a letter repeated three times or more matches however many times the rule has it
("idiooooot"). A phrase matches whole words only, so the rule "ass" never fires inside
"class" or "assessment", and a phrase of several words matches those words in a row.
Every word keeps the offsets of the characters it was read from, so matches can be
highlighted in the original text.

Messages are plain English: they are stored with the item, for moderators.
"""

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

from feedback.models import WordRule, WordRuleAction
from portal.caching import scopes

REJECT, HOLD, PUBLISH = WordRuleAction.REJECT.value, WordRuleAction.HOLD.value, "publish"
WORD_REJECT, WORD_HOLD, LINK, DUPLICATE = "word_reject", "word_hold", "link", "duplicate"

# Look-alikes and the letter each stands for. "l" is read as "i" too, so "1", "!", "|",
# "l" and "i" are one symbol and "1d10t", "!d!ot" and "ldiot" all read as "idiot".
LOOK_ALIKES = {
    "0": "o",
    "1": "i",
    "!": "i",
    "|": "i",
    "l": "i",
    "3": "e",
    "4": "a",
    "@": "a",
    "5": "s",
    "$": "s",
    "7": "t",
    "+": "t",
    "8": "b",
    "9": "g",
}
# Symbols that may stand for a letter inside a word; at the edge of a word they may just
# as well be punctuation ("idiot!"), so a word is read both ways.
SYMBOLS = frozenset("!|@$+")
# A letter typed this many times or more stretches to match the rule's one or two.
STRETCHED = 3
# Single characters at most this far apart (and on one line) are read as one word.
MAX_SPACING = 3

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# Reading words ------------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """One way to read a word: its canonical letters and the span of the original text
    they were read from."""

    letters: str
    start: int
    end: int

    @property
    def runs(self):
        """The letters as (letter, times) with times capped at STRETCHED: "idiooot" is
        (i 1)(d 1)(i 1)(o 3)(t 1)."""
        return tuple(
            (run.group(1), min(len(run.group()), STRETCHED))
            for run in re.finditer(r"(.)\1*", self.letters, re.DOTALL)
        )


@dataclass(frozen=True)
class Token:
    """A word of the text. ``readings[0]`` reads symbols at its edges as punctuation; a
    second reading, when the word has such symbols, reads them as letters."""

    readings: tuple[Reading, ...]

    @property
    def text(self):
        return self.readings[0].letters

    @property
    def start(self):
        return self.readings[0].start

    @property
    def end(self):
        return self.readings[0].end

    @property
    def spelled(self):
        """Every character read as a letter: how a word rule's own phrase is read."""
        return self.readings[-1]


def _canonical_characters(text):
    """Yield ``(character, offset)``: each character of ``text`` without case or accents,
    with the offset of the original character it came from."""
    for offset, character in enumerate(text):
        if unicodedata.category(character) == "Cf":
            continue  # invisible (zero-width space, soft hyphen): splits no word
        decomposed = unicodedata.normalize("NFKD", character).casefold()
        for canonical in decomposed:
            if not unicodedata.combining(canonical):
                yield canonical, offset


def _is_word_character(character):
    return character.isalnum() or character in SYMBOLS


def _raw_words(text):
    """Runs of word characters, each a list of ``(character, offset)``."""
    words, current = [], []
    for character, offset in _canonical_characters(text):
        if _is_word_character(character):
            current.append((character, offset))
        elif current:
            words.append(current)
            current = []
    if current:
        words.append(current)
    # A run of symbols alone ("!!!", "@") is punctuation, not a word.
    return [word for word in words if any(c not in SYMBOLS for c, _ in word)]


def _join_spaced_letters(text, words):
    """Join runs of two or more single characters a short gap apart: "i d i o t"."""
    joined, run = [], []

    def close_run():
        if len(run) > 1:
            joined.append([unit for word in run for unit in word])
        else:
            joined.extend(run)
        run.clear()

    for word in words:
        if len(word) == 1:
            if run:
                gap = text[run[-1][-1][1] + 1 : word[0][1]]
                if len(gap) > MAX_SPACING or "\n" in gap:
                    close_run()
            run.append(word)
        else:
            close_run()
            joined.append(word)
    close_run()
    return joined


def _reading(units):
    letters = [character for character, _ in units]
    if any(character.isalpha() for character in letters):
        letters = [LOOK_ALIKES.get(character, character) for character in letters]
    else:
        # Digits alone are a number ("455", "$20"), never a disguised word.
        letters = [character for character in letters if character not in SYMBOLS]
    return Reading("".join(letters), units[0][1], units[-1][1] + 1)


def tokenise(text):
    """The words of ``text`` as Tokens, in order, each with its offsets in ``text``."""
    text = str(text or "")
    tokens = []
    for units in _join_spaced_letters(text, _raw_words(text)):
        first = next(i for i, (c, _) in enumerate(units) if c not in SYMBOLS)
        last = max(i for i, (c, _) in enumerate(units) if c not in SYMBOLS)
        readings = [_reading(units[first : last + 1])]
        if first > 0 or last < len(units) - 1:
            readings.append(_reading(units))
        tokens.append(Token(tuple(readings)))
    return tokens


def normalise(text):
    """The words of ``text`` in canonical form, repeated letters collapsed, separated by
    single spaces: "Idiooot, I.D.I.O.T!" and "idiot idiot" read the same. Empty when
    there is nothing to match (no letter or digit)."""
    return " ".join(re.sub(r"(.)\1+", r"\1", token.text) for token in tokenise(text))


def fingerprint(text):
    """A sha256 of the normalised words: the same post typed with different case,
    spacing or punctuation has the same fingerprint. Empty for text with no words."""
    normalised = normalise(text)
    if not normalised:
        return ""
    return hashlib.sha256(normalised.encode()).hexdigest()


# Word rules ---------------------------------------------------------------------------


def phrase_runs(phrase):
    """How a rule's phrase is matched: the runs of each of its words, every character
    read as a letter (a rule "a$$" is "ass"). Empty when it has nothing to match."""
    return tuple(token.spelled.runs for token in tokenise(phrase))


def _runs_match(text_runs, rule_runs):
    return len(text_runs) == len(rule_runs) and all(
        letter == rule_letter and (times == rule_times or times >= STRETCHED)
        for (letter, times), (rule_letter, rule_times) in zip(text_runs, rule_runs, strict=True)
    )


def _key(runs):
    return "".join(letter for letter, _ in runs)


@dataclass(frozen=True)
class _Rule:
    phrase: str
    action: str
    runs: tuple


# The word rules change when staff edit them, which gives this scope a new version
# (feedback/apps.py): each process keeps the rules it read under the version.
RULES_SCOPE = "word-rules"
RULES_KEY = "feedback:word-rules:{version}"
RULES_SECONDS = 24 * 3600


def _load_rules():
    key = RULES_KEY.format(version=scopes.version(RULES_SCOPE))
    rules = caches["versioned"].get(key)
    if rules is None:
        rules = _read_rules()
        caches["versioned"].set(key, rules, RULES_SECONDS)
    return rules


def _read_rules():
    rules = []
    for phrase, action in WordRule.objects.values_list("phrase", "action"):
        runs = phrase_runs(phrase)
        if runs:
            rules.append(_Rule(phrase, action, runs))
    return rules


def _match_rules(tokens, rules):
    """{rule: [(start, end), ...]} for every rule that matches a run of whole words."""
    by_first_word = {}
    for rule in rules:
        by_first_word.setdefault(_key(rule.runs[0]), []).append(rule)
    readings = [[(reading, reading.runs) for reading in token.readings] for token in tokens]
    matches = {}
    for index, token_readings in enumerate(readings):
        for first, first_runs in token_readings:
            for rule in by_first_word.get(_key(first_runs), ()):
                if not _runs_match(first_runs, rule.runs[0]):
                    continue
                end = first.end
                for offset, rule_runs in enumerate(rule.runs[1:], start=1):
                    if index + offset >= len(readings):
                        end = None
                        break
                    found = next(
                        (r for r, runs in readings[index + offset] if _runs_match(runs, rule_runs)),
                        None,
                    )
                    if found is None:
                        end = None
                        break
                    end = found.end
                if end is not None:
                    spans = matches.setdefault(rule, [])
                    if (first.start, end) not in spans:
                        spans.append((first.start, end))
    return matches


def rule(phrase, action):
    """A rule matched as the word rules are, for phrases that are not staff's word rules
    (feedback/moderation/crisis.py); None when the phrase has nothing to match."""
    runs = phrase_runs(phrase)
    return _Rule(phrase, action, runs) if runs else None


def word_rules(action):
    """The staff's word rules with ``action``, as read for the screening."""
    return [rule for rule in _load_rules() if rule.action == action]


def find_phrases(text, rules):
    """``{rule: [(start, end), ...]}`` for each of ``rules`` that matches in ``text``."""
    return _match_rules(tokenise(str(text or "")), rules)


# Links --------------------------------------------------------------------------------

# Common top-level domains. Two-letter ones that are also English words ("in", "me",
# "us", "to", "is", "it") are left out, so "told.me" typed without a space is no link.
TLDS = (
    "com|org|net|edu|gov|mil|info|biz|xyz|app|dev|site|online|shop|store|top|club|live|"
    "link|click|onion|io|co|ly|gl|uk|ca|de|fr|ru|cn|tv|ai|gg|ws|cc|tk|ml|ga|cf"
)
LINK_PATTERN = re.compile(
    r"(?:https?://|www\.)[^\s<>\"]+"
    r"|(?<![\w@.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
    rf"(?:{TLDS})(?![\w-])(?:/[^\s<>\"]*)?",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?'\"»”’"


def _trim(url):
    """Leave out the sentence's punctuation after a link: "see example.com)." ."""
    unbalanced = url.count(")") - url.count("(")
    while url and (url[-1] in _TRAILING or (url[-1] == ")" and unbalanced > 0)):
        unbalanced -= url[-1] == ")"
        url = url[:-1]
    return url


def find_links(text):
    """``[(start, end), ...]`` of each web address in ``text``: http(s)://…, www.…, and
    bare domains with a common ending (example.com, bit.ly/x). "e.g." and "3.5" are not
    links."""
    spans = []
    for match in LINK_PATTERN.finditer(str(text or "")):
        url = _trim(match.group())
        if "." in url or "://" in url:
            spans.append((match.start(), match.start() + len(url)))
    return spans


# Screening ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    matches: tuple[tuple[int, int], ...] = ()
    phrase: str = ""  # the word rule, for word findings

    def as_dict(self):
        return {
            "code": self.code,
            "message": self.message,
            "matches": [[start, end] for start, end in self.matches],
        }


@dataclass(frozen=True)
class Screening:
    findings: tuple[Finding, ...]
    fingerprint: str

    @property
    def action(self):
        """ "reject" when a rejecting word rule matched, "hold" for any other finding,
        else "publish"."""
        if any(finding.code == WORD_REJECT for finding in self.findings):
            return REJECT
        return HOLD if self.findings else PUBLISH

    @property
    def held_reasons(self):
        """The findings as stored in ``held_reasons``."""
        return [finding.as_dict() for finding in self.findings]

    @property
    def rejecting_phrases(self):
        return [finding.phrase for finding in self.findings if finding.code == WORD_REJECT]


def _word_finding(rule, spans):
    kind = "phrase" if len(rule.runs) > 1 else "word"
    if rule.action == REJECT:
        return Finding(
            WORD_REJECT,
            f"Contains “{rule.phrase}”, a {kind} that rejects posts as abusive",
            tuple(spans),
            rule.phrase,
        )
    return Finding(
        WORD_HOLD,
        f"Contains “{rule.phrase}”, a {kind} that holds posts for review",
        tuple(spans),
        rule.phrase,
    )


def _earlier_copy(model, text_fingerprint):
    """When the latest item of ``model`` with this fingerprint arrived, within the
    duplicate window; None if there is none."""
    if not text_fingerprint:
        return None
    since = timezone.now() - timedelta(days=settings.FEEDBACK_DUPLICATE_WINDOW_DAYS)
    return (
        model._default_manager.filter(fingerprint=text_fingerprint, created_at__gte=since)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )


def _day(moment):
    day = timezone.localtime(moment).date()
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def screen(text, *, model):
    """Screen ``text`` written by a resident for ``model`` (``Report`` or ``Comment``).

    Reads the word rules once and looks for an earlier copy among ``model``'s items
    received within ``FEEDBACK_DUPLICATE_WINDOW_DAYS``.
    """
    text = str(text or "")
    tokens = tokenise(text)
    findings = []
    matched = _match_rules(tokens, _load_rules())
    for action in (REJECT, HOLD):
        for rule, spans in matched.items():
            if rule.action == action:
                findings.append(_word_finding(rule, spans))
    links = find_links(text)
    if links:
        message = "Contains a link" if len(links) == 1 else f"Contains {len(links)} links"
        findings.append(Finding(LINK, message, tuple(links)))
    text_fingerprint = fingerprint(text)
    earlier = _earlier_copy(model, text_fingerprint)
    if earlier is not None:
        noun = model._meta.verbose_name
        findings.append(Finding(DUPLICATE, f"Repeats a {noun} received on {_day(earlier)}"))
    return Screening(tuple(findings), text_fingerprint)


# Highlighting -------------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """A highlighted span: ``label`` for a tooltip, ``description`` for screen readers."""

    start: int
    end: int
    label: str
    description: str = ""


def _marks_from_held_reasons(text, held_reasons):
    marks = []
    for reason in held_reasons if isinstance(held_reasons, list | tuple) else ():
        if not isinstance(reason, dict):
            continue
        message = str(reason.get("message", ""))
        for span in reason.get("matches") or ():
            if (
                isinstance(span, list | tuple)
                and len(span) == 2
                and all(isinstance(n, int) and not isinstance(n, bool) for n in span)
                and 0 <= span[0] < span[1] <= len(text)
            ):
                marks.append(Mark(span[0], span[1], message, message))
    return marks


def _merge(group):
    def joined(values):
        return "; ".join(dict.fromkeys(value for value in values if value))

    return Mark(
        group[0].start,
        max(mark.end for mark in group),
        joined(mark.label for mark in group),
        joined(mark.description or mark.label for mark in group),
    )


def highlight(text, held_reasons, *, also=()):
    """``text`` split into plain and highlighted pieces, ``[{"text", "finding"}]``, with
    ``finding`` None or a Mark. Marks come from the matches in ``held_reasons`` and from
    ``also`` (more Marks, such as personal information); overlapping marks become one,
    so no character is shown twice. Joined, the pieces are ``text``."""
    text = str(text or "")
    marks = sorted(
        [*_marks_from_held_reasons(text, held_reasons), *also],
        key=lambda mark: (mark.start, -mark.end),
    )
    groups = []
    for mark in marks:
        if not 0 <= mark.start < mark.end <= len(text):
            continue
        if groups and mark.start < max(m.end for m in groups[-1]):
            groups[-1].append(mark)
        else:
            groups.append([mark])
    pieces, position = [], 0
    for group in groups:
        merged = _merge(group)
        pieces.append({"text": text[position : merged.start], "finding": None})
        pieces.append({"text": text[merged.start : merged.end], "finding": merged})
        position = merged.end
    pieces.append({"text": text[position:], "finding": None})
    return [piece for piece in pieces if piece["text"]]


def held_messages(held_reasons):
    """The messages of stored ``held_reasons``, for a moderator to read."""
    if not isinstance(held_reasons, list | tuple):
        return []
    return [
        str(reason["message"])
        for reason in held_reasons
        if isinstance(reason, dict) and reason.get("message")
    ]

"""Spotting personal information a moderator should remove before publishing.

One function, ``find_personal_information``, used by the review screen (to highlight)
and by ``decisions.approve`` (to refuse publishing while a warning stands).
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

STREET_SUFFIXES = (
    r"street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|place|pl|"
    r"way|terrace|ter|alley|parkway|pkwy|square|sq"
)

PATTERNS = [
    ("email", _("email address"), re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)),
    (
        "phone",
        _("phone number"),
        re.compile(r"(?<!\d)(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?!\d)"),
    ),
    (
        "address",
        _("street address"),
        re.compile(
            rf"\b\d{{1,5}}\s+(?:[NSEW]\.?\s+)?(?:[A-Z][\w'-]*\s+){{1,3}}(?:{STREET_SUFFIXES})\b",
            re.IGNORECASE,
        ),
    ),
    (
        "badge",
        _("badge, case or report number"),
        re.compile(
            r"\b(?:badge|unit|case|report|incident|complaint|cc)\s*(?:number|no\.?|num|#)?\s*"
            r"[:#]?\s*[A-Z]{0,3}-?\d[\d-]{2,}\b",
            re.IGNORECASE,
        ),
    ),
    (
        "officer_name",
        _("officer's name"),
        re.compile(
            # The rank in any case, the name capitalised: "officer Smith", "Sgt. Okafor".
            r"\b(?i:officer|ofc\.?|sergeant|sgt\.?|detective|det\.?|lieutenant|lt\.?|"
            r"captain|capt\.?|deputy|trooper)\s+(?:[A-Z][a-z'-]+)(?:\s+[A-Z][a-z'-]+)?"
        ),
    ),
]


@dataclass(frozen=True)
class Finding:
    kind: str
    label: str
    start: int
    end: int
    text: str


def find_personal_information(text):
    """Every likely piece of personal information in ``text``, in order, without overlaps."""
    findings = []
    for kind, label, pattern in PATTERNS:
        for match in pattern.finditer(text or ""):
            findings.append(Finding(kind, str(label), match.start(), match.end(), match.group()))
    findings.sort(key=lambda finding: (finding.start, -(finding.end - finding.start)))
    kept = []
    for finding in findings:
        if not kept or finding.start >= kept[-1].end:
            kept.append(finding)
    return kept

"""Whether a report is genuine: an account of a police interaction, not spam, abuse, off
topic or a duplicate.

Moderation decides two things apart: whether a report is genuine, and whether its words
can be published. Every statistic about feedback counts every genuine report, published
or not (privacy rule 6: moderation cannot shape them), so a resident who did not agree to
publish their words, or whose words could not be redacted, is still counted.

Publishing a report makes it genuine. Turning it down says by its reason whether it is:
spam, abuse, off topic and duplicates are not; a report that could not be redacted or
whose writer did not agree to publication is. For "Other" the moderator says which.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from feedback.models import RejectionReason, Report

NOT_GENUINE_REASONS = frozenset(
    {
        RejectionReason.SPAM,
        RejectionReason.ABUSIVE,
        RejectionReason.OFF_TOPIC,
        RejectionReason.DUPLICATE,
    }
)
WORDS_ONLY_REASONS = frozenset({RejectionReason.CANNOT_REDACT, RejectionReason.NO_CONSENT})

YES, NO = "yes", "no"
CHOICES = [
    ("", _("As the reason says")),
    (YES, _("Yes: a genuine report, its answers are counted in the statistics")),
    (NO, _("No: spam, abuse, off topic or a duplicate, not counted")),
]


class GenuineError(ValueError):
    """The moderator's answer does not fit the reason; the message says why."""


def said(value):
    """The moderator's answer from the form ("yes", "no" or "") as True, False or None."""
    return {YES: True, NO: False}.get(value)


def genuine_when_turned_down(reason, answer=None):
    """Whether a report turned down for ``reason`` is genuine. ``answer`` is what the
    moderator said (True, False or None to follow the reason); it is needed for "Other"
    and must agree with any other reason."""
    if reason in NOT_GENUINE_REASONS:
        expected = False
    elif reason in WORDS_ONLY_REASONS:
        expected = True
    elif answer is None:
        raise GenuineError(
            gettext(
                "Say whether it is a genuine report: with the reason “Other”, its answers are "
                "counted in the statistics only if it is."
            )
        )
    else:
        return answer
    if answer is not None and answer != expected:
        label = RejectionReason(reason).label
        raise GenuineError(
            gettext("A report turned down as “%(reason)s” is genuine.") % {"reason": label}
            if expected
            else gettext("A report turned down as “%(reason)s” is not a genuine report.")
            % {"reason": label}
        )
    return expected


def genuine_reports():
    """The reports every statistic about feedback counts."""
    return Report.objects.filter(genuine=True)

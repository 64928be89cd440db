"""Resident reports, their contact details (kept apart), neighbourhoods, and the page that
hosts the form, the status lookup and the published reports; requests to ask again, and
what the program does in response to feedback."""

from .actions import ActionStatus, ActionStatusChange, ProgramAction, ProgramActionTheme
from .asking_again import AskAgainOutcome, AskAgainRequest
from .community import (
    AbuseFlag,
    Comment,
    CommentStatus,
    FlagReason,
    WordRule,
    WordRuleAction,
)
from .outreach import Channel, OutreachSettings, UpdateRequest
from .pages import FeedbackPage
from .reports import (
    RATING_ITEMS,
    ContactDetails,
    InteractionType,
    LeadMentioned,
    Neighbourhood,
    RejectionReason,
    Report,
    ReportStatus,
    ReportTag,
)

__all__ = [
    "ActionStatus",
    "ActionStatusChange",
    "ProgramAction",
    "ProgramActionTheme",
    "AskAgainOutcome",
    "AskAgainRequest",
    "AbuseFlag",
    "Comment",
    "CommentStatus",
    "FlagReason",
    "WordRule",
    "WordRuleAction",
    "Channel",
    "OutreachSettings",
    "UpdateRequest",
    "RATING_ITEMS",
    "ContactDetails",
    "FeedbackPage",
    "InteractionType",
    "LeadMentioned",
    "Neighbourhood",
    "RejectionReason",
    "Report",
    "ReportStatus",
    "ReportTag",
]

"""Demo comments and word rules: a few moderated threads on explainer and news pages, a
reply from the program, and comments waiting in the moderation queue.

The comments are sample data, written for the demo; no resident wrote them.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Page

from feedback.models import Comment, CommentStatus, WordRule, WordRuleAction
from feedback.moderation.screening import screen

WORD_RULES = [
    ("kill yourself", WordRuleAction.REJECT, "Threats are never published."),
    ("go die", WordRuleAction.REJECT, "Threats are never published."),
    ("snitch", WordRuleAction.HOLD, "Can put a resident at risk; read it in context."),
    ("pigs", WordRuleAction.HOLD, "Often abusive; sometimes quoted. Read it in context."),
]

# (page slug, name shown, text, status, days ago, staff reply or None)
COMMENTS = [
    (
        "what-is-lead",
        "Denise",
        "My son was arrested twice for possession and both times he came out worse. If "
        "this had been around then, maybe he would have got treatment instead.",
        CommentStatus.PUBLISHED,
        12,
        "Thank you for sharing this, Denise. If your son wants help now, the Get help page "
        "lists treatment services he can call directly, with or without a LEAD referral.",
    ),
    (
        "what-is-lead",
        "",
        "Does it cost anything to take part? Nobody I know has money for programs.",
        CommentStatus.PUBLISHED,
        9,
        "No. Taking part is free; the case manager connects people to services at no cost.",
    ),
    (
        "what-is-lead",
        "Corner of Pratt",
        "Good idea on paper. We will see if officers actually use it on our block.",
        CommentStatus.PUBLISHED,
        5,
        None,
    ),
    (
        "what-is-lead",
        "",
        "Is there a way to refer someone yourself? See www.example.org/refer for how "
        "Seattle does it.",
        CommentStatus.NEW,
        1,
        None,
    ),
    (
        "your-rights",
        "",
        "Thank you for writing this plainly. I did not know I could ask if I was free to go.",
        CommentStatus.PUBLISHED,
        7,
        None,
    ),
    (
        "lead-pilot-launches",
        "Market Center neighbour",
        "Glad to see this finally start. Please publish the numbers every few months.",
        CommentStatus.PUBLISHED,
        20,
        "We will: the outcome datasets are updated each quarter on the Open data pages.",
    ),
    (
        "lead-pilot-launches",
        "",
        "Which corners are in the pilot area? The map is hard to read on a phone.",
        CommentStatus.NEW,
        0,
        None,
    ),
]


def build_word_rules(site):
    changed = []
    for phrase, action, note in WORD_RULES:
        _rule, created = WordRule.objects.get_or_create(
            phrase=phrase, defaults={"action": action, "note": note}
        )
        if created:
            changed.append(f"word rule {phrase}")
    return changed


def program_team_author():
    """The author of the demo's staff replies: an account nobody can sign in to."""
    user, created = get_user_model().objects.get_or_create(
        username="lead-team-demo",
        defaults={"first_name": "LEAD Baltimore", "last_name": "team", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save()
    return user


def _page(slug):
    """The English page that takes comments (an explainer or a news story: the pages'
    app gives them ``comments_open``): the demo threads are in English."""
    pages = Page.objects.filter(slug=slug, locale__language_code="en").specific()
    return next((page for page in pages if hasattr(page, "comments_open")), None)


def build_comments(site):
    """Create the demo threads once; a second run changes nothing."""
    changed = []
    staff_user = None
    now = timezone.now()
    for slug, name, text, status, days_ago, reply in COMMENTS:
        page = _page(slug)
        if page is None or Comment.objects.filter(page=page, body=text).exists():
            continue
        screening = screen(text, model=Comment)
        published = status == CommentStatus.PUBLISHED
        comment = Comment.objects.create(
            page=page,
            display_name=name,
            body=text,
            public_text=text if published else "",
            status=status,
            held_reasons=screening.held_reasons,
            fingerprint=screening.fingerprint,
        )
        received = now - datetime.timedelta(days=days_ago, hours=3)
        Comment.objects.filter(pk=comment.pk).update(
            created_at=received, moderated_at=received if published else None
        )
        changed.append(f"comment on {slug}")
        if reply:
            staff_user = staff_user or program_team_author()
            staff_reply = Comment.objects.create(
                page=page,
                parent=comment,
                display_name="LEAD Baltimore team",
                body=reply,
                public_text=reply,
                status=CommentStatus.PUBLISHED,
                staff_author=staff_user,
                moderated_by=staff_user,
            )
            Comment.objects.filter(pk=staff_reply.pk).update(
                created_at=received + datetime.timedelta(hours=20)
            )
    return changed

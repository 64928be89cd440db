"""Comments on explainer and news pages: posting, what a page shows, and telling the
moderators. Their decisions and the program's replies are moderation's
(``feedback.moderation.decisions``).

Every comment waits for a moderator (privacy rule 3: nothing a resident writes is public
before a moderator approves it, and what is published is the moderator's text). The word
rules screen each comment as it arrives: a rejecting rule refuses it at once, anything
else the screening finds is shown to the moderator with the reason. Every decision is in
Wagtail's audit log. Moderators are emailed by the background worker, once the comment
is saved.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.log_actions import log

from feedback.background import enqueue_on_commit
from feedback.models import Comment, CommentStatus, RejectionReason
from feedback.moderation.screening import screen
from feedback.public_ids import parse_public_id
from feedback.reports.submission import moderator_language, moderators, review_it_at, store_once

logger = logging.getLogger(__name__)


class CommentError(ValueError):
    """The comment cannot be posted as sent; the message says why, for the resident."""


def visible_comments(page):
    """The page's published top-level comments, each with ``visible_replies``, in two
    queries however many there are."""
    replies = Comment.objects.filter(
        status=CommentStatus.PUBLISHED, hidden_by_flags=False
    ).order_by("created_at", "pk")
    return list(
        Comment.objects.filter(
            page=page, parent=None, status=CommentStatus.PUBLISHED, hidden_by_flags=False
        )
        .order_by("created_at", "pk")
        .prefetch_related(Prefetch("replies", queryset=replies, to_attr="visible_replies"))
    )


def reply_target(page, public_id):
    """The visible top-level comment on ``page`` that a reply to the comment ``public_id``
    belongs under (replies go one level deep), or None."""
    public_id = parse_public_id(public_id)
    if public_id is None:
        return None
    comment = (
        Comment.objects.filter(
            page=page, public_id=public_id, status=CommentStatus.PUBLISHED, hidden_by_flags=False
        )
        .select_related("parent")
        .first()
    )
    if comment is None:
        return None
    parent = comment.parent or comment
    return parent if parent.is_visible else None


def submit_comment(page, cleaned_data, submission_id, language="en"):
    """Store a resident's comment and return ``(comment, created)``.

    A second submission of the same form returns the comment the first one stored.
    Raises CommentError when the page is closed or the comment replied to is gone.
    """
    comment, created = store_once(
        Comment,
        submission_id,
        lambda: _store_comment(page, cleaned_data, submission_id, language),
    )
    if created:
        if comment.status != CommentStatus.REJECTED:
            enqueue_on_commit(email_moderators_about_comment, comment.pk)
        logger.info("Comment stored (id=%s, status=%s)", comment.pk, comment.status)
    return comment, created


def _store_comment(page, cleaned_data, submission_id, language):
    if not page.specific.comments_open:
        raise CommentError("closed")
    parent = None
    if cleaned_data.get("parent"):
        parent = reply_target(page, cleaned_data["parent"])
        if parent is None:
            raise CommentError("no-parent")
    screening = screen(cleaned_data["body"], model=Comment)
    comment = Comment(
        page=page,
        parent=parent,
        submission_id=submission_id,
        language=language,
        display_name=cleaned_data.get("display_name", ""),
        body=cleaned_data["body"],
        held_reasons=screening.held_reasons,
        fingerprint=screening.fingerprint,
    )
    rejected = screening.action == "reject"
    if rejected:
        comment.status = CommentStatus.REJECTED
        comment.rejection_reason = RejectionReason.ABUSIVE
        comment.moderated_at = timezone.now()
    comment.save()
    if rejected:
        log(
            instance=comment,
            action="feedback.auto_reject",
            user=None,
            data={"reasons": [reason["code"] for reason in screening.held_reasons]},
        )
    return comment


def notify_moderators(subject, message):
    """Email every moderator; the message must hold none of what residents wrote.

    Callers write the email inside ``moderator_language()``: staff read it in the site's
    default language, whatever language the resident used. Run it in a background task: a
    mail server that fails raises, so that the worker records the task as failed."""
    recipients = [user.email for user in moderators() if user.email]
    if recipients:
        send_mail(subject, message, None, recipients)


def admin_link(url_name, *args):
    return settings.WAGTAILADMIN_BASE_URL + reverse(url_name, args=args)


@task()
def email_moderators_about_comment(comment_id):
    """Tell the moderators about a new comment. The task is queued with the comment's id
    alone: the queue table never holds what the resident wrote."""
    comment = Comment.objects.select_related("page").filter(pk=comment_id).first()
    if comment is not None:
        notify_moderators_of_comment(comment)


def notify_moderators_of_comment(comment):
    with moderator_language():
        posted = (
            _("A resident posted a comment that the word rules held for review.")
            if comment.held_reasons
            else _("A resident posted a comment.")
        )
        link = admin_link("wagtailsnippets_feedback_comment:edit", comment.pk)
        notify_moderators(
            _("New comment waiting for review on “%(title)s”") % {"title": comment.page.title},
            f"{posted}\n\n{review_it_at(link)}\n\n"
            + _("This email holds none of the resident's words."),
        )

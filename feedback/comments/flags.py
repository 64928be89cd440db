"""Residents' reports that a published comment or report breaks the rules.

Each flag is counted once per person and item: the reporter is known only by a keyed hash
of the item and their address (the address itself is never stored, privacy rule 2, and
the hash cannot link one person's flags on different items). Once enough people have
flagged an item, it is hidden until a moderator either keeps it published (the flags are
then resolved and counting starts again) or rejects it.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.log_actions import log

from feedback.background import enqueue
from feedback.comments.posting import admin_link, notify_moderators
from feedback.models import (
    AbuseFlag,
    Comment,
    CommentStatus,
    FeedbackPage,
    Report,
    ReportStatus,
)
from feedback.public_ids import parse_public_id
from feedback.reports.submission import moderator_language, review_it_at
from feedback.sanitising import clean_resident_text
from portal.abuse import visitor_item_key
from portal.caching.invalidation import invalidate
from portal.caching.page_tree import open_to

KINDS = {"comment": Comment, "report": Report}
_PUBLISHED = {Comment: CommentStatus.PUBLISHED, Report: ReportStatus.PUBLISHED}


def kind_of(item):
    return "comment" if isinstance(item, Comment) else "report"


def flaggable(kind, public_id, request=None):
    """The comment or report the visitor of ``request`` may flag, or None: one they can
    read on the site. A comment is read on its page, under its first comment when it is a
    reply; reports on the feedback page. A page that is not live, or that a view
    restriction (a login, a password) keeps from the visitor, shows none of them, so its
    comments cannot be read through "Report this" either. Without a request: what anyone
    may flag."""
    model = KINDS.get(kind)
    public_id = parse_public_id(public_id)
    if model is None or public_id is None:
        return None
    item = (
        model.objects.filter(public_id=public_id, status=_PUBLISHED[model], hidden_by_flags=False)
        .select_related(*(["page", "parent"] if model is Comment else []))
        .first()
    )
    if item is None:
        return None
    if model is Comment:
        shown = (item.parent is None or item.parent.is_visible) and open_to(request, item.page)
    else:
        shown = reports_page(request) is not None
    return item if shown else None


def reports_page(request=None):
    """The feedback page whose published reports the visitor of ``request`` may read, in
    the active language when there is one, or None."""
    pages = FeedbackPage.objects.live().select_related("locale")
    language = translation.get_language()
    for page in sorted(pages, key=lambda page: page.locale.language_code != language):
        if open_to(request, page):
            return page
    return None


def open_flags(item):
    return item.flags.filter(resolved_at=None)


def flag(item, request, reason, note=""):
    """Record a flag on ``item`` and return ``(flag, created)``; hides the item once
    ``FEEDBACK_FLAGS_TO_HIDE`` people have flagged it."""
    key = visitor_item_key(request, f"{kind_of(item)}:{item.pk}")
    target = {kind_of(item): item}
    try:
        with transaction.atomic():
            created_flag = AbuseFlag.objects.create(
                **target, reason=reason, note=clean_resident_text(note), reporter_key=key
            )
    except IntegrityError:
        return AbuseFlag.objects.get(**target, reporter_key=key), False
    if open_flags(item).count() >= settings.FEEDBACK_FLAGS_TO_HIDE:
        hide(item)
    return created_flag, True


def hide(item):
    """Hide ``item`` for review; only the first caller to hide it logs and notifies."""
    with transaction.atomic():
        changed = (
            type(item)
            .objects.filter(pk=item.pk, hidden_by_flags=False)
            .update(hidden_by_flags=True)
        )
        if not changed:
            return False
        item.hidden_by_flags = True
        log(
            instance=item,
            action="feedback.hide",
            user=None,
            data={"flags": open_flags(item).count()},
        )
        _after_visibility_change(item)
    enqueue(email_moderators_about_hidden_item, kind_of(item), item.pk)
    return True


@task()
def email_moderators_about_hidden_item(kind, item_id):
    """Tell the moderators that residents' flags hid the comment or report ``item_id``
    (``kind`` is "comment" or "report"); the email links to its review screen."""
    url_name = f"wagtailsnippets_feedback_{kind}:edit"
    with moderator_language():
        if kind == "comment":
            subject = _("A published comment was hidden after residents reported it")
            what = _(
                "Residents reported a published comment as breaking the rules, so it is hidden "
                "until a moderator looks at it."
            )
        else:
            subject = _("A published report was hidden after residents reported it")
            what = _(
                "Residents reported a published report as breaking the rules, so it is hidden "
                "until a moderator looks at it."
            )
        notify_moderators(
            subject,
            f"{what}\n\n{review_it_at(admin_link(url_name, item_id))}\n\n"
            + _("This email holds none of the residents' words."),
        )


def keep_published(item, user):
    """The moderator has read the flags and keeps the item: resolve them and show it."""
    with transaction.atomic():
        resolved = open_flags(item).update(resolved_at=timezone.now(), resolved_by=user)
        type(item).objects.filter(pk=item.pk).update(hidden_by_flags=False)
        was_hidden = item.hidden_by_flags
        item.hidden_by_flags = False
        log(
            instance=item,
            action="feedback.keep",
            user=user,
            data={"resolved_flags": resolved, "was_hidden": was_hidden},
        )
        _after_visibility_change(item)
    return resolved


def _after_visibility_change(item):
    # Hidden or shown again with a bulk update, which sends no save signal, so the page
    # cache's handlers (portal/caching/invalidation.py) never hear of it. The update stays: in
    # hide() it is the compare-and-set that lets only the first of several residents
    # flagging at once log and notify, and a save would not make this function go away,
    # since the resident dataset needs refreshing either way. The scopes are the handlers'
    # for a published item: comments are shown on the page they were left on.
    invalidate("feedback", *([] if isinstance(item, Report) else ["pages"]))
    if isinstance(item, Report):
        from feedback.resident_dataset import schedule_refresh

        schedule_refresh()

"""The comment section of explainer and news pages, and the "Report this" pages.

Thin: the work is in posting.py and flags.py. Comments post to the page's own URL; a
sent comment redirects back (so a reload cannot post it again), an error shows the page
again with the form as typed.
"""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from feedback.comments import flags
from feedback.comments.forms import CommentForm, FlagForm
from feedback.comments.posting import CommentError, reply_target, submit_comment, visible_comments
from feedback.models import CommentStatus
from feedback.public_ids import parse_public_id
from portal.abuse import (
    new_form_token,
    over_limit,
    renew_form_token,
    request_too_large,
)
from portal.caching.form_pages import visitors_value
from portal.security import allow_captcha, captcha_enabled


class CommentSection:
    """What the page template needs to show the comments and the form. The comments are
    read only when the template shows them: a kept part of the page
    (portal/caching/page_parts.py) may already hold them."""

    def __init__(self, request, page, form, reply_to):
        self.page = page
        self.form = form
        self.reply_to = reply_to
        self.open = page.comments_open
        self.sent = not form.is_bound and request.GET.get("comment") == "sent"

    @property
    def form_as_new(self):
        """The form as every visitor first gets it: not sent back with errors, no reply."""
        return not self.form.is_bound and self.reply_to is None

    @cached_property
    def comments(self):
        # A comment published or taken down moves the page tree on, which every page and
        # part already depends on (portal/caching/invalidation.py); a moderation decision on a
        # report (the feedback scope) leaves the page alone.
        return visible_comments(self.page)

    @cached_property
    def count(self):
        return len(self.comments) + sum(len(comment.visible_replies) for comment in self.comments)


def comment_section(request, page, form=None):
    """The comment section of ``page``, with ``form`` as sent or a new one."""
    if form is None:
        reply_id = parse_public_id(request.GET.get("reply"))
    else:
        reply_id = parse_public_id(form.data.get("parent")) if form.is_bound else None
    reply_to = reply_target(page, reply_id) if reply_id else None
    if form is None:
        initial = {"form_token": visitors_value(request, "form_token")}
        if reply_to is not None:
            initial["parent"] = reply_to.public_id
        form = CommentForm(initial=initial)
    return CommentSection(request, page, form, reply_to)


def _show_page_again(request, page, form, status):
    renew_form_token(form)
    context = page.get_context(request, comment_form=form)
    return TemplateResponse(request, page.get_template(request), context, status=status)


def post_comment(request, page):
    if request_too_large(request):
        return render(request, "feedback/too_large.html", {}, status=413)
    form = CommentForm(request.POST)
    if not page.comments_open:
        form.is_valid()
        form.add_error(None, _("Comments are closed on this page, so your comment was not sent."))
        return _show_page_again(request, page, form, status=403)
    submission_id = form.submission_id()
    if submission_id is None:
        return _show_page_again(request, page, form, status=400)
    if over_limit(request, "comment", settings.FEEDBACK_COMMENTS_PER_HOUR, 3600):
        return render(request, "feedback/rate_limited.html", {}, status=429)
    try:
        comment, _created = submit_comment(
            page, form.cleaned_data, submission_id, language=translation.get_language() or "en"
        )
    except CommentError as error:
        message = (
            _("Comments are closed on this page, so your comment was not sent.")
            if str(error) == "closed"
            else _("The comment you replied to is no longer shown. Your comment was not sent.")
        )
        form.add_error(None, message)
        return _show_page_again(request, page, form, status=400)
    if comment.status == CommentStatus.REJECTED:
        form.add_error(
            "body",
            _(
                "Your comment was not posted because it contains words our comment rules do "
                "not allow. Please change them and send it again."
            ),
        )
        return _show_page_again(request, page, form, status=400)
    return HttpResponseRedirect(f"{page.url}?comment=sent#comments")


def flag_item(request, kind, public_id):
    """ "Report this": why a published comment or report breaks the rules."""
    item = flags.flaggable(kind, public_id, request)
    if item is None:
        raise Http404
    context = {"item": item, "kind": kind, "back_url": _back_url(request, item)}
    if request.method != "POST":
        form = FlagForm(initial={"form_token": new_form_token()}, captcha=captcha_enabled())
        return _render_flag(request, "feedback/flag_form.html", {**context, "form": form})
    if request_too_large(request):
        return render(request, "feedback/too_large.html", {}, status=413)
    form = FlagForm(request.POST, captcha=captcha_enabled())
    if form.submission_id() is None:
        renew_form_token(form)
        return _render_flag(
            request, "feedback/flag_form.html", {**context, "form": form}, status=400
        )
    if over_limit(request, "flag", settings.FEEDBACK_FLAGS_PER_HOUR, 3600):
        return render(request, "feedback/rate_limited.html", {}, status=429)
    _flag, created = flags.flag(
        item, request, form.cleaned_data["reason"], form.cleaned_data["note"]
    )
    return _render_flag(request, "feedback/flag_thanks.html", {**context, "created": created})


def _render_flag(request, template, context, status=200):
    response = render(request, template, context, status=status)
    response["Cache-Control"] = "no-store"
    return allow_captcha(response)


def _back_url(request, item):
    if flags.kind_of(item) == "comment":
        return f"{item.page.url}#comment-{item.public_id}"
    page = flags.reports_page(request)
    return f"{page.url}published/#report-{item.public_id}" if page else "/"

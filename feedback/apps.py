from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from feedback.moderation.personal_info import PATTERNS
from portal.security import captcha_enabled


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Resident feedback")
    # Who holds these signs in with a second factor (portal.staff.two_factor): they read
    # residents' contact details, or decide what residents' words become public.
    sensitive_permissions = (
        "feedback.view_contact_details",
        "feedback.moderate_report",
        "feedback.moderate_comment",
        # Staff entering a report see its receipt code and the resident's words.
        "feedback.enter_report",
    )
    # What residents may write about themselves or others never reaches a log line
    # (portal.log_filters).
    redacted_patterns = PATTERNS

    def ready(self):
        """What feedback plugs into the core: the scopes of the page cache its changes move
        on and the addresses the CDN forgets with them, each visitor's form token on a
        page kept whole, what else decides a stored page, and its staff groups."""
        from feedback import (
            checks,  # noqa: F401  (registers the system checks)
            printables,
        )
        from feedback.actions import public as actions
        from feedback.actions import signals
        from feedback.models import (
            Comment,
            CommentStatus,
            FeedbackPage,
            Neighbourhood,
            OutreachSettings,
            Report,
            ReportStatus,
            WordRule,
        )
        from feedback.moderation.screening import RULES_SCOPE
        from feedback.permissions import ensure_groups
        from feedback.reports import asking_again_views, published_exports, views
        from feedback.statistics import views as statistics
        from portal.abuse import new_form_token
        from portal.caching import cdn, form_pages, page_cache
        from portal.caching.invalidation import on_change
        from portal.staff import groups

        # Reports and comments reach the public only once published.
        on_change(Report, lambda report: ("feedback",), public={"status": ReportStatus.PUBLISHED})
        # Comments are shown on the page they were left on.
        on_change(
            Comment,
            lambda comment: ("feedback", "pages"),
            public={"status": CommentStatus.PUBLISHED},
        )
        # Listed on the report form, named on published reports.
        on_change(Neighbourhood, lambda neighbourhood: ("neighbourhoods", "feedback"))
        # Not a page scope: what residents send next is screened by the new rules.
        on_change(WordRule, lambda rule: (RULES_SCOPE,))
        cdn.addresses_of(
            "feedback", lambda batch, key: batch.add_urls(FeedbackPage.published_urls())
        )
        # A program action changed: its pages and dataset follow (feedback/actions/).
        signals.connect()
        # Each visitor of a page with a form kept whole gets their own signed form token.
        form_pages.register("form_token", lambda request: new_form_token())
        # The report form shows the captcha when its keys are set.
        page_cache.varies_with(_captcha)
        groups.ensure_after_migrate(self, ensure_groups)
        # The feedback page's routes: the form, the status lookup and asking again, the
        # published reports, the statistics and the program's actions.
        FeedbackPage.route_views.update(
            form=views.report_form,
            status=views.report_status,
            ask_again=asking_again_views.ask_again_view,
            statistics=statistics.statistics_page,
            actions=actions.action_list,
            actions_feed=actions.actions_feed,
            action=actions.action_detail,
            published=views.published_reports,
            published_csv=published_exports.reports_csv,
            published_feed=published_exports.reports_feed,
            # The printed form, card and poster, and the list of them.
            printables=printables.index,
            printable=printables.printable,
        )
        # The printed card, poster and form show the outreach texts.
        post_save.connect(_outreach_texts_changed, sender=OutreachSettings, dispatch_uid="outreach")
        # Published reports name their topics in the reader's language.
        for signal, name in [(post_save, "saved"), (post_delete, "deleted")]:
            signal.connect(
                _topic_names_changed, sender="publicdata.TagName", dispatch_uid=f"topic-{name}"
            )


def _topic_names_changed(instance, **kwargs):
    from feedback.models import ReportTag
    from portal.caching.invalidation import invalidate

    if ReportTag.objects.filter(tag_id=instance.tag_id).exists():
        invalidate("feedback")


def _outreach_texts_changed(created=False, **kwargs):
    from portal.caching.invalidation import invalidate

    # A printable read for a site without outreach settings creates them with the defaults
    # it shows.
    if not created:
        invalidate("pages")


def _captcha():
    return f"captcha={captcha_enabled()}"

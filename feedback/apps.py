from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Resident feedback")
    # Who holds these signs in with a second factor (home.staff.two_factor): they read
    # residents' contact details, or decide what residents' words become public.
    sensitive_permissions = (
        "feedback.view_contact_details",
        "feedback.moderate_report",
        "feedback.moderate_comment",
        # Staff entering a report see its receipt code and the resident's words.
        "feedback.enter_report",
    )

    def ready(self):
        from feedback import checks  # noqa: F401  (registers the system checks)
        from feedback.abuse import new_form_token
        from home import form_pages, page_cache

        post_migrate.connect(_ensure_groups, sender=self, dispatch_uid="feedback_groups")
        # Each visitor of a page with a form kept whole gets their own signed form token.
        form_pages.register("form_token", lambda request: new_form_token())
        # The report form shows the captcha when its keys are set.
        page_cache.varies_with(_captcha)
        # The printed card, poster and form show the outreach texts (feedback/printables.py).
        from feedback.models import OutreachSettings

        post_save.connect(_outreach_texts_changed, sender=OutreachSettings, dispatch_uid="outreach")


def _outreach_texts_changed(**kwargs):
    from home.page_cache import invalidate

    invalidate("pages")


def _captcha():
    from feedback.views import captcha_enabled

    return f"captcha={captcha_enabled()}"


def _ensure_groups(sender, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    """Give the Moderators group its feedback permissions after a migrate (or a flush);
    the permissions are created first, since this app's signal comes before Django's."""
    from django.contrib.auth.management import create_permissions

    from feedback.permissions import ensure_groups

    for label in ("wagtailadmin", "feedback"):
        create_permissions(global_apps.get_app_config(label), verbosity=0, using=using, apps=apps)
    ensure_groups()

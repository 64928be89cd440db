"""Modules that moved keep their old dotted paths working: where a deployment's settings or
logging name them, and where the task queue holds a task queued by the release before the
move (docs/configuration.md, "Old addresses")."""

import io
import logging
import logging.config

import pytest
from django.utils.module_loading import import_string
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from portal.caching import cdn
from tests.test_background_tasks import queued_in_the_database, wagtail_root, worker  # noqa: F401
from tests.test_settings import ROOT

MOVED = {
    # Settings: middleware, the context processor, django-axes, logging.
    "home.middleware.health_check": "portal.health.health_check",
    "home.middleware.database_unavailable": "portal.health.database_unavailable",
    "home.page_cache.page_cache": "portal.caching.page_cache.page_cache",
    "home.security.security_headers": "portal.security.security_headers",
    "home.page_tree.known_site": "portal.caching.page_tree.known_site",
    "home.staff.middleware.require_two_factor": "portal.staff.middleware.require_two_factor",
    "home.form_pages.csrf_token": "portal.caching.form_pages.csrf_token",
    "home.staff.lockouts.login_client_address": "portal.staff.lockouts.login_client_address",
    "home.log_filters.RedactPersonalData": "portal.log_filters.RedactPersonalData",
    "home.log_format.JSONFormatter": "portal.log_format.JSONFormatter",
    # Tasks the queue may hold.
    "home.cdn.purge_addresses": "portal.caching.cdn.purge_addresses",
    "feedback.submission.take_in_new_reports": ("feedback.reports.submission.take_in_new_reports"),
    "feedback.flags.email_moderators_about_hidden_item": (
        "feedback.comments.flags.email_moderators_about_hidden_item"
    ),
    "feedback.comments.email_moderators_about_comment": (
        "feedback.comments.posting.email_moderators_about_comment"
    ),
}


@pytest.mark.filterwarnings("ignore:.* has moved to:DeprecationWarning")
@pytest.mark.parametrize("old, new", MOVED.items())
def test_an_old_dotted_path_finds_what_moved(old, new):
    assert import_string(old) is import_string(new)


@pytest.mark.filterwarnings("ignore:.* has moved to:DeprecationWarning")
def test_a_logging_configuration_naming_the_old_filter_still_hides_personal_details():
    stream = io.StringIO()
    logging.config.dictConfig(
        {
            "version": 1,
            "disable_existing_loggers": False,
            "formatters": {"json": {"()": "home.log_format.JSONFormatter"}},
            "filters": {"redact": {"()": "home.log_filters.RedactPersonalData"}},
            "handlers": {
                "old": {
                    "class": "logging.StreamHandler",
                    "stream": stream,
                    "formatter": "json",
                    "filters": ["redact"],
                }
            },
            "loggers": {"portal.tests.old": {"handlers": ["old"], "propagate": False}},
        }
    )
    logging.getLogger("portal.tests.old").warning("Mail jane@example.org from 203.0.113.9")
    assert '"message": "Mail [email] from [ip address]"' in stream.getvalue()


@pytest.mark.filterwarnings("ignore:.* has moved to:DeprecationWarning")
@pytest.mark.django_db(transaction=True)
def test_a_purge_queued_by_the_release_before_the_move_still_runs(worker):  # noqa: F811
    result = cdn.purge_addresses.enqueue([], ["http://localhost/lead/"])
    # As the release before queued it: under the module's old address.
    DBTaskResult.objects.filter(pk=result.id).update(task_path="home.cdn.purge_addresses")
    worker()
    ran = DBTaskResult.objects.get(pk=result.id)
    assert (ran.status, ran.return_value) == (TaskResultStatus.SUCCESSFUL, 1)


def test_the_old_addresses_are_listed_where_the_settings_are_documented():
    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    for old in MOVED:
        assert f"`{old.rsplit('.', 1)[0]}`" in text, old

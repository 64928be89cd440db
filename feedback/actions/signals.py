"""What follows a change to a program action, however it is saved: the pages under the
feedback page that show actions (the list, each action, the feed, the published reports
that link to them) leave the page cache and the CDN, and the actions dataset is refreshed
once the change is committed."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from portal.caching.invalidation import invalidate


def _action_changed(**kwargs):
    from feedback.actions import dataset

    invalidate("feedback")
    dataset.schedule_refresh()


def connect():
    from feedback.models import ActionStatusChange, ProgramAction

    for model in (ProgramAction, ActionStatusChange):
        name = model.__name__
        post_save.connect(_action_changed, sender=model, dispatch_uid=f"action-saved-{name}")
        post_delete.connect(_action_changed, sender=model, dispatch_uid=f"action-deleted-{name}")
    m2m_changed.connect(
        _action_changed,
        sender=ProgramAction.example_reports.through,
        dispatch_uid="action-examples",
    )

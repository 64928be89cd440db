"""Handing work to the background worker: the emails to moderators, the refresh of "What
residents told us" and the retention purges run as tasks (``django_tasks``), so a slow
mail server never slows what a resident or a moderator just did.

A task's arguments are stored in the queue table until the worker runs it, so they are
ids, never what a resident wrote or how to reach them: each task reads what it needs from
the database. Development and the tests run each task at once, in the process that queues
it (docs/deploy.md, "Background tasks").
"""

import logging
from functools import partial

from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue(task, *args):
    """Queue ``task`` with ``args``. A failure to queue it is logged, never raised into
    the request that asked for it: what the request stored is stored already."""
    try:
        return task.enqueue(*args)
    except Exception:
        logger.exception("Could not queue the background task %s", task.name)
        return None


def enqueue_on_commit(task, *args):
    """Queue ``task`` once the current transaction commits (at once outside one), so the
    worker finds what the transaction stored, and nothing when it rolls back."""
    transaction.on_commit(partial(enqueue, task, *args))

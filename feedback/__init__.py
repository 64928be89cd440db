"""What residents tell the program about police interactions, and moderating it.

In rooms: ``reports/`` (the form, storing a report, receipt codes, the status lookup, the
published reports and their exports), ``comments/`` (posting, "Report this"),
``moderation/`` (the queue, review, bulk actions, word rules and screening, personal
information). ``resident_dataset`` publishes "What residents told us"; the modules beside
it are shared by the rooms.
"""

from portal.moved import keep_old_addresses

# Modules that moved into the rooms and that a task queued by an earlier release may name
# (portal/moved.py).
keep_old_addresses(
    __name__,
    {
        "flags": "feedback.comments.flags",
        "submission": "feedback.reports.submission",
    },
)

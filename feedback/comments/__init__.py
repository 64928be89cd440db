"""Comments on explainer and news pages: posting one and what a page shows (``posting``,
``views``), and residents' "Report this" on a published comment or report (``flags``).

The moderators' email about a new comment is a background task; a task queued by a
release before this package existed names it here, and still runs (portal/moved.py).
"""

from feedback.comments.posting import email_moderators_about_comment  # noqa: F401

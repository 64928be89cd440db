""" "You said, we did": what the program changes because of feedback.

Editors write actions in the admin (``admin_views``), Feedback moderators link published
reports to them as examples; the public reads them at ``actions/`` under the feedback page
(``public``), in an Atom feed, beside the published reports that share a theme, and as a
dataset of actions and status changes (``dataset``). Every change is in the audit log.
"""

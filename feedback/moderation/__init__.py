"""Moderating what residents send: the one queue, the review screens and their decisions,
bulk actions, the word rules and the screening of each arrival, and the highlighting of
personal information."""

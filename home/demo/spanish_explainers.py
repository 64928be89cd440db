"""The Spanish "About LEAD" index and the explainers not in ``spanish``, by the English
page's path."""

PAGES = {}

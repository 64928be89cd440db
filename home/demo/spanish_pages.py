"""The Spanish outcomes page, news index and stories, and help pages, by the English page's
path."""

PAGES = {}

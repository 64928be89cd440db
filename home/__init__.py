"""Pages people read: the home page, explainers, news, site-wide settings and blocks."""

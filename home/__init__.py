"""Pages people read: the home page, explainers, news, help, search, outcomes, site-wide
settings, blocks, sitemaps and the demo content."""

from portal.moved import keep_old_addresses

# The site's machinery lived here before it moved to the core; these addresses may still be
# in a deployment's settings or logging, or in queued tasks (portal/moved.py).
keep_old_addresses(
    __name__,
    {
        "cdn": "portal.caching.cdn",
        "form_pages": "portal.caching.form_pages",
        "log_filters": "portal.log_filters",
        "log_format": "portal.log_format",
        "middleware": "portal.health",
        "page_cache": "portal.caching.page_cache",
        "page_tree": "portal.caching.page_tree",
        "security": "portal.security",
        "staff": "portal.staff",
        "staff.lockouts": "portal.staff.lockouts",
        "staff.middleware": "portal.staff.middleware",
    },
)

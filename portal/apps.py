"""The core as a Django app: its template tags (``portal/templatetags/``), the page tree's
signals, and Wagtail's frontend cache without its own page handlers."""

from django.apps import AppConfig
from wagtail.contrib.frontend_cache import apps as frontend_cache


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal core"

    def ready(self):
        from portal.caching import invalidation

        invalidation.connect()


class FrontendCacheConfig(frontend_cache.WagtailFrontendCacheAppConfig):
    """Wagtail's frontend cache without its handlers of ``page_published`` and
    ``page_unpublished``: every change reaches the CDN through ``portal.caching.cdn``
    alone, which purges every page on a publication already (menus and footers are on all
    of them), so Wagtail's handler would purge the page a second time."""

    default = False

    def ready(self):
        pass

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.frontend_cache import apps as frontend_cache


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Pages")

    def ready(self):
        from home import cache_invalidation
        from home.models.site_settings import program_contact
        from publicdata.contacts import provide_program_contact

        cache_invalidation.connect()
        # The site settings hold the program's contact; open data cannot import them.
        provide_program_contact(program_contact)


class FrontendCacheConfig(frontend_cache.WagtailFrontendCacheAppConfig):
    """Wagtail's frontend cache without its handlers of ``page_published`` and
    ``page_unpublished``: every change reaches the CDN through ``home.cdn`` alone, which
    purges every page on a publication already (menus and footers are on all of them), so
    Wagtail's handler would purge the page a second time."""

    default = False

    def ready(self):
        pass

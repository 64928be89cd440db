from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Pages")

    def ready(self):
        """What the pages plug into the core and into open data: the site settings move the
        page tree's scope on, site search is purged with the pages, the program's
        contact is open data's fallback contact, and its name signs the update emails."""
        from django.db.models.signals import post_save

        from feedback.update_emails import provide_organisation_name
        from home.models.site_settings import SiteSettings, organisation_name, program_contact
        from portal.caching import cdn
        from publicdata.contacts import provide_program_contact

        post_save.connect(
            _settings_changed, sender=SiteSettings, dispatch_uid="page-cache-settings"
        )
        # Search shows the menus and footer of every page.
        cdn.addresses_of("pages", _search_pages)
        # The site settings hold the program's contact; open data cannot import them.
        provide_program_contact(program_contact)
        # Nor can feedback, whose update emails sign with the program's name.
        provide_organisation_name(organisation_name)


def _settings_changed(created=False, **kwargs):
    from portal.caching.invalidation import invalidate

    # A page read for a site without settings creates them with the defaults it shows.
    if not created:
        invalidate("pages")


def _search_pages(batch, key=""):
    from portal.caching.cdn import in_every_language

    batch.add_urls(in_every_language("search"))

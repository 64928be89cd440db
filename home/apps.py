from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


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

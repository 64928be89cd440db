"""The pages of /sitemap.xml: every page of the site anyone may read, in every language."""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from portal.caching.page_tree import public_pages


class PageSitemap(Sitemap):
    """Wagtail's page sitemap lists the tree of the default language only; each language
    has its own tree (docs/i18n.md), and search engines want each address listed."""

    def items(self):
        root = self.get_wagtail_site().root_page
        in_a_tree = Q()
        for tree_root in root.get_translations(inclusive=True):
            in_a_tree |= Q(path__startswith=tree_root.path)
        return (
            public_pages(Page.objects.filter(in_a_tree))
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

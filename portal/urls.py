"""URL map. Wagtail serves every page in the tree; the rest is listed here.

Pages people read are in ``i18n_patterns``: English at the addresses of the public
contract, Spanish under ``/es/`` (docs/i18n.md). Machine addresses (the admin, the API,
data.json, sitemap, robots.txt, health check, documents) have one address, in no language.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from home.sitemaps import PageSitemap
from portal import health
from portal.caching.scopes import built_from
from publicdata import views as publicdata_views
from publicdata.api import api as open_data_api
from publicdata.sitemaps import OpenDataSitemap

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "sitemap.xml",
        # It lists the datasets too.
        built_from("catalogue")(sitemap),
        {"sitemaps": {"pages": PageSitemap, "data": OpenDataSitemap}},
        name="sitemap",
    ),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("healthz", health.healthz, name="healthz"),
    path("data.json", publicdata_views.data_json, name="data_json"),
    path("api/v1/", open_data_api.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", home_views.search, name="search"),
    # The catalogue and dataset pages; their downloads answer under /es/ too.
    path("", include("publicdata.urls")),
    path("", include("feedback.urls")),
    # Files under the feedback page (published/reports.csv, feed.atom): dotted names that
    # Wagtail's page pattern does not match, handed to its page serving.
    path("", include("feedback.reports.published_urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

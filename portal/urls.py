"""URL map. Wagtail serves every page in the tree; the rest is listed here."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from publicdata.api import api as open_data_api
from publicdata.sitemaps import OpenDataSitemap

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", home_views.search, name="search"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": PageSitemap, "data": OpenDataSitemap}},
        name="sitemap",
    ),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("healthz", home_views.healthz, name="healthz"),
    path("", include("publicdata.urls")),
    path("", include("feedback.urls")),
    path("api/v1/", open_data_api.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Files under the feedback page (published/reports.csv, feed.atom): dotted names that
# Wagtail's page pattern does not match, handed to its page serving.
urlpatterns += [path("", include("feedback.published_urls"))]
urlpatterns += [path("", include(wagtail_urls))]

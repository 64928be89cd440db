"""The feedback page: the form at its own URL, ``status/`` and ``published/`` beneath it."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page

from home.blocks import SHORT_FEATURES
from home.models.pages import OnePerLanguage
from home.page_cache import depends_on
from home.page_tree import RestrictionsFromTree

TEXT_FEATURES = [*SHORT_FEATURES, "ul"]


class FeedbackPage(OnePerLanguage, RestrictionsFromTree, RoutablePageMixin, Page):
    # What a moderation decision changes: the addresses under the page that a CDN keeps
    # (the form and the status lookup carry a visitor's token, so no CDN keeps them).
    PUBLISHED_PATHS = ("published/", "published/reports.csv", "published/feed.atom")

    intro = RichTextField(
        features=TEXT_FEATURES,
        help_text=_("Shown above the form: who reads reports and what happens to them."),
    )
    thank_you_text = RichTextField(
        features=TEXT_FEATURES, help_text=_("Shown with the receipt code after a report is sent.")
    )
    status_intro = RichTextField(features=TEXT_FEATURES, blank=True)
    published_intro = RichTextField(features=TEXT_FEATURES, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("thank_you_text"),
        FieldPanel("status_intro"),
        FieldPanel("published_intro"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("feedback page")

    @property
    def meta_description(self):
        return self.search_description

    def get_cached_paths(self):
        """Wagtail's frontend cache purges these under the page's address (home/cdn.py)."""
        return ["/", *self.PUBLISHED_PATHS]

    @path("")
    def form_view(self, request):
        from feedback import views

        return views.report_form(request, self)

    @path("status/")
    def status_view(self, request):
        from feedback import views

        return views.report_status(request, self)

    # The printed form, card and poster (feedback/printables.py).
    @path("print/")
    def printables_view(self, request):
        from feedback import printables

        return printables.index(request, self)

    @path("print/<slug:kind>/<slug:paper>/")
    def printable_view(self, request, kind, paper):
        from feedback import printables

        depends_on(request, "neighbourhoods")
        return printables.printable(request, self, kind, paper)

    @path("published/")
    def published_view(self, request):
        from feedback import views

        depends_on(request, "feedback")
        return views.published_reports(request, self)

    # Wagtail's page URLs are words ending in "/", and its router adds one to every path:
    # feedback/published_urls.py sends these dotted file names here.
    @re_path(r"^published/reports\.csv/?$")
    def published_csv_view(self, request):
        from feedback import published_exports

        depends_on(request, "feedback")
        return published_exports.reports_csv(request, self)

    @re_path(r"^published/feed\.atom/?$")
    def published_feed_view(self, request):
        from feedback import published_exports

        depends_on(request, "feedback")
        return published_exports.reports_feed(request, self)

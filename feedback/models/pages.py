"""The feedback page: the form at its own URL, ``status/`` (and ``status/ask-again/``),
``published/``, ``statistics/`` and ``actions/`` beneath it."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page

from portal.caching.page_tree import RestrictionsFromTree
from portal.caching.scopes import depends_on
from portal.pages import SHORT_FEATURES, OnePerLanguage

TEXT_FEATURES = [*SHORT_FEATURES, "ul"]


class _PublishedPaths:
    """The addresses under the feedback page that a CDN keeps, read when a purge needs
    them: the fixed ones, and the page of each program action as it is now (the form and
    the status lookup carry a visitor's token, so no CDN keeps them)."""

    FIXED = (
        "published/",
        "published/reports.csv",
        "published/feed.atom",
        "statistics/",
        "actions/",
        "actions/feed.atom",
    )

    def __get__(self, instance, owner):
        from feedback.models.actions import ProgramAction

        slugs = ProgramAction.objects.values_list("slug", flat=True)
        return (*self.FIXED, *(f"actions/{slug}/" for slug in slugs))


class FeedbackPage(OnePerLanguage, RestrictionsFromTree, RoutablePageMixin, Page):
    # What a moderation decision or a program action changes (portal/caching/cdn.py).
    PUBLISHED_PATHS = _PublishedPaths()
    # The view that answers each route, ``view(request, page)``, given by feedback/apps.py:
    # the views read this model, so it names none of them (docs/architecture.md).
    route_views = {}

    # Served beneath the page by its routes; the footer lists them under it.
    MENU_ROUTES = (
        ("statistics/", _("What happened to every report")),
        ("actions/", _("You said, we did")),
    )

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
        """Wagtail's frontend cache purges these under the page's address
        (portal/caching/cdn.py)."""
        return ["/", *self.PUBLISHED_PATHS]

    @classmethod
    def published_urls(cls):
        """The addresses a moderation decision changes for a CDN: every live feedback
        page's published reports, their CSV and their feed."""
        urls = set()
        for page in cls.objects.live():
            url = page.get_full_url()
            if url:
                urls.update(url + path for path in cls.PUBLISHED_PATHS)
        return urls

    @path("")
    def form_view(self, request):
        return self.route_views["form"](request, self)

    @path("status/")
    def status_view(self, request):
        return self.route_views["status"](request, self)

    @path("status/ask-again/")
    def ask_again_view(self, request):
        return self.route_views["ask_again"](request, self)

    @path("statistics/")
    def statistics_view(self, request):
        return self.route_views["statistics"](request, self)

    @path("actions/")
    def actions_view(self, request):
        return self.route_views["actions"](request, self)

    @re_path(r"^actions/feed\.atom/?$")
    def actions_feed_view(self, request):
        return self.route_views["actions_feed"](request, self)

    @path("actions/<slug:slug>/")
    def action_view(self, request, slug):
        return self.route_views["action"](request, self, slug)

    # The printed form, card and poster (feedback/printables.py).
    @path("print/")
    def printables_view(self, request):
        return self.route_views["printables"](request, self)

    @path("print/<slug:kind>/<slug:paper>/")
    def printable_view(self, request, kind, paper):
        depends_on(request, "neighbourhoods")
        return self.route_views["printable"](request, self, kind, paper)

    @path("published/")
    def published_view(self, request):
        depends_on(request, "feedback")
        return self.route_views["published"](request, self)

    # Wagtail's page URLs are words ending in "/", and its router adds one to every path:
    # feedback/reports/published_urls.py sends these dotted file names here.
    @re_path(r"^published/reports\.csv/?$")
    def published_csv_view(self, request):
        depends_on(request, "feedback")
        return self.route_views["published_csv"](request, self)

    @re_path(r"^published/feed\.atom/?$")
    def published_feed_view(self, request):
        depends_on(request, "feedback")
        return self.route_views["published_feed"](request, self)

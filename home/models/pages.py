"""Page types: the home page, explainers and their index, news and its index."""

import hashlib
from urllib.parse import urlencode

from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from home.blocks import SHORT_FEATURES, BodyStreamBlock, CallToActionBlock
from portal.caching import page_tree
from portal.pages import OnePerLanguage
from portal.pagination import paginate
from portal.query_strings import slug_param

# What routing from the home page found at an address (HomePage.route): a page, none, or
# a page with routes of its own, which routes the rest of the address itself.
ROUTED_PAGE, NO_PAGE, ROUTES_ITSELF = "page", "none", "routes itself"

NEWS_PER_PAGE = 10


class DescribedPage(page_tree.RestrictionsFromTree, Page):
    """A page that can say in a sentence what it is about, for search engines and listings."""

    description_field = "summary"

    class Meta:
        abstract = True

    @property
    def meta_description(self):
        return self.search_description or getattr(self, self.description_field, "")


class HomePage(OnePerLanguage, DescribedPage):
    description_field = "hero_text"

    hero_heading = models.CharField(max_length=120)
    hero_text = models.TextField(max_length=400, help_text=_("One or two plain sentences."))
    intro = RichTextField(features=SHORT_FEATURES + ["ul"], blank=True)
    calls_to_action = StreamField(
        [("call_to_action", CallToActionBlock())],
        blank=True,
        max_num=4,
        help_text=_("The main things a visitor can do, most important first."),
    )
    body = StreamField(BodyStreamBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("hero_heading"), FieldPanel("hero_text")], heading=_("Hero")),
        FieldPanel("intro"),
        FieldPanel("calls_to_action"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("hero_text"),
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def latest_news(self, count=3):
        return (
            page_tree.public_pages(NewsPage.objects.descendant_of(self))
            .order_by("-date", "-pk")
            .only("title", "url_path", "date", "date_precision", "summary")[:count]
        )

    @property
    def localized(self):
        return page_tree.localized(self)

    def route(self, request, path_components):
        """Wagtail's routing from the home page, remembered per version of the page tree
        (portal/caching/page_tree.py): the page at an address is found without a query for each part
        of it. A page with routes of its own (the feedback page) is found the same way, and
        routes the rest of the address itself on every request."""
        if not path_components:
            return super().route(request, path_components)
        address = hashlib.sha256("/".join(path_components).encode()).hexdigest()
        found, page = page_tree.known(
            request, f"route:{self.pk}:{address}", lambda: self._page_at(request, path_components)
        )
        if found == ROUTED_PAGE:
            return RouteResult(page)
        if found == NO_PAGE:
            raise Http404
        return page.route(request, path_components[page.depth - self.depth :])

    def _page_at(self, request, path_components):
        try:
            result = super().route(request, path_components)
        except Http404:
            return NO_PAGE, None
        if isinstance(result, RouteResult) and not result.args and not result.kwargs:
            return ROUTED_PAGE, result.page
        return ROUTES_ITSELF, result.page

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The news list changes only when a page is published or unpublished.
        context["latest_news"] = page_tree.known(
            request, f"latest-news:{self.pk}", lambda: list(self.latest_news())
        )
        return context


class ExplainerIndexPage(DescribedPage):
    description_field = "search_description"

    intro = RichTextField(features=SHORT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    subpage_types = ["home.ExplainerPage"]

    class Meta:
        verbose_name = _("explainer index page")

    def explainers(self):
        return page_tree.public_pages(ExplainerPage.objects.child_of(self)).only(
            "title", "url_path", "summary"
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["explainers"] = self.explainers()
        return context


class CommentablePage(DescribedPage):
    """Pages residents can comment on. Editors can close a page's comments; what was
    published stays readable."""

    comments_open = models.BooleanField(
        _("comments open"),
        default=True,
        help_text=_("Residents can post comments. Untick to close comments on this page."),
    )

    class Meta:
        abstract = True

    def get_context(self, request, *args, comment_form=None, **kwargs):
        from feedback.comments.views import comment_section

        context = super().get_context(request, *args, **kwargs)
        context["comment_section"] = comment_section(request, self, comment_form)
        return context

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            from feedback.comments.views import post_comment

            return post_comment(request, self)
        return super().serve(request, *args, **kwargs)


class ExplainerPage(CommentablePage):
    summary = models.TextField(
        max_length=300, help_text=_("One or two sentences, shown in listings and search results.")
    )
    body = StreamField(BodyStreamBlock())
    last_reviewed = models.DateField(
        null=True, blank=True, help_text=_("When the facts on this page were last checked.")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("comments_open")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    subpage_types = ["home.ExplainerPage"]

    class Meta:
        verbose_name = _("explainer page")


class NewsIndexPage(OnePerLanguage, DescribedPage):
    description_field = "search_description"

    intro = RichTextField(features=SHORT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    subpage_types = ["home.NewsPage"]

    class Meta:
        verbose_name = _("news index page")

    def news(self, tag=None):
        pages = page_tree.public_pages(NewsPage.objects.child_of(self)).order_by("-date", "-pk")
        if tag:
            pages = pages.filter(tags__slug=tag)
        return pages.only("title", "url_path", "date", "date_precision", "summary")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        tag = slug_param(request.GET, "tag") or None
        items = paginate(request, self.news(tag), NEWS_PER_PAGE)
        context.update(
            news_items=items,
            tag=tag,
            pagination_query=urlencode({"tag": tag}) + "&" if tag else "",
        )
        return context


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "home.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class DatePrecision(models.TextChoices):
    DAY = "day", _("The day")
    MONTH = "month", _("The month only")


class NewsPage(CommentablePage):
    date = models.DateField(_("news date"), default=timezone.localdate)
    date_precision = models.CharField(
        _("date known to"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_(
            "Choose “The month only” when the sources give no exact day: the page then shows "
            "the month and year, and the day above only orders the news."
        ),
    )
    summary = models.TextField(max_length=300)
    body = StreamField(BodyStreamBlock())
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("date_precision"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("comments_open")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news page")


class OutcomesPage(DescribedPage):
    """The pilot's results: an introduction and charts drawn from the published datasets."""

    summary = models.TextField(
        max_length=300, help_text=_("One or two sentences, shown in listings and search results.")
    )
    intro = RichTextField(features=SHORT_FEATURES, blank=True)
    body = StreamField(
        BodyStreamBlock(),
        help_text=_("Charts from the datasets, with headings and text between them."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    subpage_types = []

    class Meta:
        verbose_name = _("outcomes page")

"""The public side of "You said, we did" under the feedback page: the list of actions
(``actions/``, filtered by status and theme), a page per action with its history, an Atom
feed of status changes (``actions/feed.atom``), and the actions that share a theme with a
published report, for the published reports page."""

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from feedback.models import ActionStatus, ActionStatusChange, ProgramAction
from feedback.reports.published import public_reports, tags_in_language
from feedback.reports.published_exports import ContentAtom1Feed
from portal.caching.scopes import depends_on
from portal.query_strings import slug_param
from portal.translated_fields import InLanguage, in_language

FEED_ENTRIES = 30


def _actions():
    return ProgramAction.objects.prefetch_related(
        "themes", Prefetch("status_changes", queryset=ActionStatusChange.objects.order_by("date"))
    )


def used_themes():
    """The themes some action has, by name."""
    return (
        Tag.objects.filter(feedback_programactiontheme_items__isnull=False)
        .distinct()
        .order_by("name")
    )


class ActionFilter:
    """The list's filters from the query string; a value that names no status or theme
    gets an error saying what can be chosen, and the list is shown without it."""

    def __init__(self, params):
        self.errors = {}
        self.status = params.get("status", "")
        if self.status and self.status not in ActionStatus.values:
            self.errors["status"] = gettext("Choose a status from the list: %(statuses)s.") % {
                "statuses": ", ".join(str(label) for label in ActionStatus.labels)
            }
            self.status = ""
        self.theme = slug_param(params, "theme")
        if params.get("theme") and not used_themes().filter(slug=self.theme).exists():
            self.errors["theme"] = gettext("No action has this theme; choose one from the list.")
            self.theme = ""

    def queryset(self):
        actions = _actions()
        if self.status:
            actions = actions.filter(status=self.status)
        if self.theme:
            actions = actions.filter(themes__slug=self.theme).distinct()
        return actions

    def fields(self):
        """(name, label, [(value, text)], selected, error) for each filter of the form."""
        return [
            ("status", _("Status"), ActionStatus.choices, self.status, self.errors.get("status")),
            (
                "theme",
                _("Theme"),
                tags_in_language(used_themes()),
                self.theme,
                self.errors.get("theme"),
            ),
        ]


def _render(request, page, template, context, status=200):
    depends_on(request, "feedback")
    return TemplateResponse(
        request, template, {"page": page, "self": page, **context}, status=status
    )


def action_list(request, page):
    filters = ActionFilter(request.GET)
    actions = in_language(filters.queryset())
    return _render(
        request,
        page,
        "feedback/program_actions.html",
        {"filters": filters, "actions": actions},
        status=400 if filters.errors else 200,
    )


def action_detail(request, page, slug):
    action = _actions().filter(slug=slug).first()
    if action is None:
        raise Http404("No action has this address.")
    examples = (
        public_reports()
        .filter(program_actions=action)
        .select_related("neighbourhood")
        .order_by("-interaction_date", "-pk")
    )
    return _render(
        request,
        page,
        "feedback/program_action.html",
        {
            "action": InLanguage(action),
            "history": in_language(action.history()),
            "examples": examples,
        },
    )


def by_theme():
    """{tag id: [actions]} for every action with themes, read in the active language."""
    found = {}
    for action in _actions():
        for theme in action.themes.all():
            found.setdefault(theme.pk, []).append(InLanguage(action))
    return found


class ActionsFeed(Feed):
    """``actions/feed.atom``: the latest status changes of the program's actions."""

    feed_type = ContentAtom1Feed

    def get_object(self, request, page):
        self.request = request
        self.actions_url = page.get_url(request) + page.reverse_subpage("actions_view")
        return page

    def title(self, page):
        return gettext("You said, we did")

    def subtitle(self, page):
        return gettext("What the LEAD Baltimore program changed because of residents' feedback.")

    def link(self, page):
        return self.actions_url

    def items(self, page):
        return (
            ActionStatusChange.objects.select_related("action")
            .prefetch_related("action__themes")
            .order_by("-date", "-pk")[:FEED_ENTRIES]
        )

    def _url(self, change):
        return f"{self.actions_url}{change.action.slug}/"

    def item_title(self, change):
        return f"{InLanguage(change.action).title}: {change.get_status_display()}"

    def item_description(self, change):
        return None

    def item_link(self, change):
        return self._url(change) + f"#change-{change.pk}"

    def item_guid(self, change):
        return self.request.build_absolute_uri(self._url(change) + f"#change-{change.pk}")

    def _moment(self, change):
        # A change has a date, not a time: noon in Baltimore.
        return timezone.make_aware(datetime.datetime.combine(change.date, datetime.time(12)))

    def item_pubdate(self, change):
        return self._moment(change)

    def item_updateddate(self, change):
        return self._moment(change)

    def item_categories(self, change):
        return sorted(theme.name for theme in change.action.themes.all())

    def item_extra_kwargs(self, change):
        note = InLanguage(change).note
        return {"content": linebreaks(note, autoescape=True) if note else escape("")}


def actions_feed(request, page):
    depends_on(request, "feedback")
    return ActionsFeed()(request, page=page)

"""The snippet choosers of the feedback models, opened only by staff who hold a permission
on the model, as its listing is.

Wagtail's choosers list every object of a model to anyone who can sign in to the admin,
on purpose: a page editor may link to a snippet they cannot edit. No form or block here
chooses a report, comment, neighbourhood or word rule, so nobody needs that; without the
check, any staff member could read what residents sent and the word rules through them.
"""

from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.snippets.views import chooser

# The listing's rule (wagtail.admin.views.generic.models.IndexView).
ANY_PERMISSION = ["add", "change", "delete", "view"]


class ChooseView(PermissionCheckedMixin, chooser.ChooseView):
    any_permission_required = ANY_PERMISSION


class ChooseResultsView(PermissionCheckedMixin, chooser.ChooseResultsView):
    any_permission_required = ANY_PERMISSION


class ChosenView(PermissionCheckedMixin, chooser.SnippetChosenView):
    any_permission_required = ANY_PERMISSION


class ChosenMultipleView(PermissionCheckedMixin, chooser.SnippetChosenMultipleView):
    any_permission_required = ANY_PERMISSION


class CreateView(PermissionCheckedMixin, chooser.SnippetCreateView):
    permission_required = "add"


class PermissionCheckedChooserViewSet(chooser.SnippetChooserViewSet):
    """For ``SnippetViewSet.chooser_viewset_class``."""

    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView
    create_view_class = CreateView

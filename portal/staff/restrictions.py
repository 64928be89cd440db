"""Pages and documents restricted to signed-in visitors (Wagtail's view restrictions "login"
and "groups") and staff who gave their password but not yet their second factor.

Wagtail counts a visitor as signed in once the password is right. A staff member who must
use a second factor, or has set one up, counts as signed in here only once the code is
verified too: before, a restricted page or document sends them to the code page (or its
set-up page), which brings them back. Password restrictions ask for their own password and
are left to Wagtail.
"""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from wagtail.models import BaseViewRestriction

from portal.staff.two_factor import second_factor_step

SIGNED_IN_RESTRICTIONS = frozenset({BaseViewRestriction.LOGIN, BaseViewRestriction.GROUPS})


def second_factor_first(request, restrictions):
    """The redirect to the second-factor step when one of ``restrictions`` is for signed-in
    visitors and ``request``'s user has not passed that step; None otherwise."""
    # The restrictions first: most pages have none, and asking them costs no query.
    if not any(r.restriction_type in SIGNED_IN_RESTRICTIONS for r in restrictions):
        return None
    step = second_factor_step(request.user)
    if step is None:
        return None
    response = redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
    add_never_cache_headers(response)
    return response

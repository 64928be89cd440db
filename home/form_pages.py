"""A published page that is the same for every visitor but for a few values that belong
to one of them (the report form: their CSRF token and the form's signed token; the page
that answers it: their receipt code), kept whole, with those values filled in for each
(docs/deploy.md, "Caching and CDN").

The page cache (``home.page_cache``) never stores such a page: those values are one
visitor's. Here the page is built once with a stand-in for each of them, kept like a page
part (``home.templatetags.page_parts``: with the scopes it was built from, per page,
language, host and release), and each visitor gets it with their own values in place of
the stand-ins. It is built as usual, and not kept, when:

- the page is a preview or not live, or the visitor is signed in (the admin's user bar);
- something in it used a CSRF token or the CSP nonce of the request other than through a
  stand-in, or a stand-in is not in it exactly once.
"""

from django.http import HttpResponse
from django.utils.crypto import get_random_string
from django.utils.html import escape

from home.templatetags.page_parts import kept_or_built, may_keep, part_key

KEY = "form-page:{release}:{address}"


def with_visitors_values(request, page, variant, build, values):
    """The response ``build(filled)`` gives, with ``filled`` a value for each name in
    ``values`` (name: function of the request giving this visitor's value): kept and
    served from the kept copy when it may be, built otherwise. ``variant`` names what else
    decides the page (the view, and a setting such as the captcha)."""
    if not may_keep(request, page) or request.user.is_authenticated:
        return build({name: make(request) for name, make in values.items()})

    def build_with_stand_ins():
        # New at each build, kept with the page: nobody can put one in what a page shows.
        stand_ins = {name: f"standin{get_random_string(32)}" for name in values}
        response = build(stand_ins)
        response.render()
        content = response.content.decode(response.charset)
        return {
            "content": content,
            "status": response.status_code,
            "headers": dict(response.items()),
            "stand_ins": stand_ins,
            "keep": response.status_code == 200
            and all(content.count(stand_in) == 1 for stand_in in stand_ins.values()),
        }

    entry = kept_or_built(request, part_key(KEY, request, page, variant), build_with_stand_ins)
    response = HttpResponse(status=entry["status"])
    for name, value in entry["headers"].items():
        response[name] = value
    content = entry["content"]
    for name, make in values.items():
        content = content.replace(entry["stand_ins"][name], escape(make(request)))
    response.content = content
    return response

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

import hashlib

from django.http import HttpResponse
from django.utils import translation
from django.utils.crypto import get_random_string
from django.utils.html import escape

from home import page_cache
from home.page_tree import tree_version
from home.templatetags.page_parts import CSRF_USED, may_keep

KEY = "form-page:{release}:{address}"


def with_visitors_values(request, page, variant, build, values):
    """The response ``build(filled)`` gives, with ``filled`` a value for each name in
    ``values`` (name: function of the request giving this visitor's value): kept and
    served from the kept copy when it may be, built otherwise. ``variant`` names what else
    decides the page (the view, and a setting such as the captcha)."""
    if not may_keep(request, page) or request.user.is_authenticated:
        return build({name: make(request) for name, make in values.items()})
    site = f"{request.scheme}://{request.get_host()}"
    address = f"{variant}|{page.pk}|{translation.get_language()}|{site}"
    key = KEY.format(
        release=page_cache.release(), address=hashlib.sha256(address.encode()).hexdigest()
    )
    stored = page_cache.stored_entry(key)
    if stored is not None:
        page_cache.depends_on(request, *stored["versions"])
        response = HttpResponse()
        for name, value in stored["headers"].items():
            response[name] = value
        response.content = _filled(request, stored["content"], stored["stand_ins"], values)
        return response

    # New at each build, kept with the page: nobody can put one in what a page shows.
    stand_ins = {name: f"standin{get_random_string(32)}" for name in values}
    pages_version = tree_version(request)
    csrf_used_before = request.META.pop(CSRF_USED, None)
    with page_cache.recording_scopes(request) as scopes:
        response = build(stand_ins)
        response.render()
    content = response.content.decode(response.charset)
    keep = (
        response.status_code == 200
        and not request.META.get(CSRF_USED)
        and not page_cache.holds_its_nonce(request, content)
        and all(content.count(marker) == 1 for marker in stand_ins.values())
    )
    if csrf_used_before:
        request.META[CSRF_USED] = csrf_used_before
    if keep:
        versions = {**page_cache.current_versions(scopes - {"pages"}), "pages": pages_version}
        page_cache.store_entry(
            key, versions, content=content, headers=dict(response.items()), stand_ins=stand_ins
        )
    response.content = _filled(request, content, stand_ins, values)
    return response


def _filled(request, content, stand_ins, values):
    for name, make in values.items():
        content = content.replace(stand_ins[name], escape(make(request)))
    return content

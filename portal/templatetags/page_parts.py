"""``{% page_part page %}…{% end_page_part %}`` around the part of a page that is the same
for every visitor, kept until something it shows changes (``portal.caching.page_parts``);
``{% built_from "scope" %}`` for what a template shows from data that does not say so
itself."""

from django import template
from django.utils.safestring import mark_safe

from portal.caching import scopes
from portal.caching.form_pages import holds_stand_ins
from portal.caching.page_parts import PART_KEY, kept_or_built, may_keep, part_key

register = template.Library()


@register.tag("page_part")
def page_part(parser, token):
    """``{% page_part page %}`` or ``{% page_part page when condition %}`` (kept only when
    ``condition`` holds: a form nobody has filled in yet)."""
    bits = token.split_contents()
    if len(bits) not in (2, 4) or (len(bits) == 4 and bits[2] != "when"):
        raise template.TemplateSyntaxError(
            f"{bits[0]} takes the page, then optionally 'when' and a condition"
        )
    nodelist = parser.parse(("end_page_part",))
    parser.delete_first_token()
    where = f"{parser.origin.template_name}:{token.lineno}"
    condition = parser.compile_filter(bits[3]) if len(bits) == 4 else None
    return PagePartNode(nodelist, parser.compile_filter(bits[1]), where, condition)


class PagePartNode(template.Node):
    def __init__(self, nodelist, page, where, condition=None):
        self.nodelist = nodelist
        self.page = page
        self.where = where
        self.condition = condition

    def render(self, context):
        request = context.get("request")
        page = self.page.resolve(context)
        if not may_keep(request, page) or (
            self.condition is not None and not self.condition.resolve(context)
        ):
            return self.nodelist.render(context)
        key = part_key(PART_KEY, request, page, self.where)

        def build():
            content = self.nodelist.render(context)
            # A stand-in of the page being built for the page cache belongs to that build:
            # the next page built has other stand-ins.
            return {"content": content, "keep": not holds_stand_ins(request, content)}

        entry = kept_or_built(request, key, build)
        return mark_safe(entry["content"])  # noqa: S308 (our own rendering, kept)


@register.simple_tag(takes_context=True)
def built_from(context, *names):
    """``{% built_from "neighbourhoods" %}``: what is around it shows ``scopes``, for data
    read by code that does not say so itself (a form's choices)."""
    scopes.depends_on(context.get("request"), *names)
    return ""

"""``{% tag_name tag %}``: a tag (a dataset keyword, a report's topic) named in the page's
language, marked as English where nobody has named it in Spanish."""

from django import template
from django.utils.html import format_html

from publicdata.languages import tag_in_language

register = template.Library()


@register.simple_tag(takes_context=True)
def tag_name(context, tag):
    name, lang = tag_in_language(tag, context.get("request"))
    return format_html('<span lang="{}">{}</span>', lang, name) if lang else name

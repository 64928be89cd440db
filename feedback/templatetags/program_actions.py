"""The program's actions beside a published report that shares one of their themes."""

from django import template

register = template.Library()


@register.simple_tag
def actions_for(report, actions_by_theme):
    """The actions (from ``feedback.actions.public.by_theme``) with a theme of ``report``,
    each once, in the order the report's tags come."""
    found = {}
    for tag in report.tags.all():
        for action in actions_by_theme.get(tag.pk, []):
            found.setdefault(action.slug, action)
    return list(found.values())

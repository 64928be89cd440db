"""``{{ value|readable_number }}``: a count written for people in the page's language, as
``publicdata.numbers.format_value`` writes every number a page shows (13,200; 13 200)."""

from django import template

from publicdata.numbers import format_value

register = template.Library()


@register.filter
def readable_number(value):
    return format_value(value)

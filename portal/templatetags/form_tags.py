"""Rendering form fields accessibly: hints and errors tied to their inputs, and an error
summary whose links land on the field that needs fixing."""

from django import forms, template

register = template.Library()


def _is_choice_group(field):
    return isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


@register.filter
def is_choice_group(field):
    return _is_choice_group(field)


@register.filter
def error_anchor(field):
    """The id of the element an error-summary link should move focus to."""
    return f"{field.auto_id}_0" if _is_choice_group(field) else field.id_for_label


@register.simple_tag
def described_by(field):
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.simple_tag
def field_widget(field, **attrs):
    """The field's input, with aria-describedby pointing at its hint and error."""
    describedby = described_by(field)
    widget_attrs = {key.replace("_", "-"): value for key, value in attrs.items()}
    if describedby:
        widget_attrs["aria-describedby"] = describedby
    if field.errors:
        widget_attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=widget_attrs)

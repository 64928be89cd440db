"""Datasets, their columns and charts as a reader sees them in the active language.

Each record keeps its Spanish texts beside the English ones (portal/translated_fields.py).
A release's files and the API stay as published, in English; the web pages and chart
drawings under /es/ read the Spanish texts of the live data dictionary, falling back to
the English ones the release was published with.
"""

from portal.translated_fields import language_suffix


def live_columns(dataset, specs=None):
    """``{column name: FieldSpec}`` when a language other than English is active (empty in
    English), from ``specs`` when the caller has read them already. Read once per page or
    chart build and handed to the functions below."""
    if not language_suffix():
        return {}
    return {spec.name: spec for spec in (dataset.fields.all() if specs is None else specs)}


def column_titles(columns, fields):
    """``{column name: title}`` in the active language, for chart tables and legends;
    ``columns`` from ``live_columns``."""
    return {
        field["name"]: getattr(columns.get(field["name"]), "title_es", "") or field["title"]
        for field in fields
    }


def value_names(columns):
    """``{column name: {value: name}}`` in the active language (empty in English): how
    charts and the data dictionary name the values of a dimension; ``columns`` from
    ``live_columns``."""
    names = {}
    for name, spec in columns.items():
        try:
            names[name] = spec.value_names
        except ValueError:  # refused by the form; a row written otherwise names nothing
            names[name] = {}
    return names


def columns_in_language(dataset, fields):
    """The release's column descriptions (``fields`` of its snapshot) for the data
    dictionary: title, description and unit in the active language where staff wrote them
    (``title_lang`` and the like say "en" where the English is shown instead), and
    ``values`` as (value, name in the language or "")."""
    columns = live_columns(dataset)
    names = value_names(columns)
    shown = []
    for field in fields:
        spec = columns.get(field["name"])
        column = dict(field, title_lang="", description_lang="", unit_lang="")
        if columns:
            for text in ("title", "description", "unit"):
                spanish = getattr(spec, f"{text}_es", "")
                if spanish:
                    column[text] = spanish
                elif field[text]:
                    column[f"{text}_lang"] = "en"
        column["values"] = [
            (value, names.get(field["name"], {}).get(value, ""))
            for value in field["allowed_values"]
        ]
        shown.append(column)
    return shown


def spanish_tag_names(request=None):
    """``{tag pk: Spanish name}`` of every tag staff named in Spanish; read once per
    request when one is given."""
    from publicdata.models import TagName

    names = getattr(request, "_spanish_tag_names", None)
    if names is None:
        names = dict(TagName.objects.exclude(name_es="").values_list("tag_id", "name_es"))
        if request is not None:
            request._spanish_tag_names = names
    return names


def tag_in_language(tag, request=None, names=None):
    """``(name, lang)`` of a tag (a dataset keyword, a report's topic) as a reader in the
    active language sees it: its Spanish name under /es/ where staff wrote one; otherwise
    the English name, with ``lang`` "en" when the page is not in English. ``names`` (from
    ``spanish_tag_names``) saves reading them again for each of many tags."""
    if not language_suffix():
        return tag.name, ""
    spanish = (spanish_tag_names(request) if names is None else names).get(tag.pk)
    return (spanish, "") if spanish else (tag.name, "en")

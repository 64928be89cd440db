"""A dataset page's schema.org ``Dataset`` description (JSON-LD), for search engines and
data portals such as Google Dataset Search.

It says what the page and the machine catalogues say (publicdata/metadata.py): name,
description, keywords, licence, creator and publisher, the period and area covered, a
``DataDownload`` for each format of the current release, ``variableMeasured`` from the
data dictionary, the dates and the citation. Texts are in the page's language where staff
wrote them; the data files stay in English. ``tests/test_dataset_jsonld.py`` checks it
against the schema.org vocabulary and Google's required and recommended properties.
"""

import json

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from publicdata import exports, metadata
from publicdata.models import FieldRole, FieldType

# Google Dataset Search reads descriptions of 50 to 5,000 characters.
DESCRIPTION_MIN = 50
DESCRIPTION_MAX = 5000
# As django.utils.html.json_script escapes JSON for a <script> element.
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
NUMERIC = (FieldType.INTEGER, FieldType.NUMBER)


def _description(dataset):
    parts = []
    if dataset.is_sample:
        parts.append(gettext("Sample data: made-up numbers for demonstration."))
    parts.append(dataset.summary)
    described = metadata.plain_text(dataset.description)
    if described:
        parts.append(described)
    text = "\n\n".join(parts)
    if len(text) < DESCRIPTION_MIN:
        text += "\n\n" + metadata.suppression_note_for_readers()
    if len(text) > DESCRIPTION_MAX:
        text = text[: DESCRIPTION_MAX - 1].rstrip() + "…"
    return text


def _variable(spec):
    """A column of the data dictionary as a schema.org PropertyValue."""
    variable = {"@type": "PropertyValue", "propertyID": spec.name, "name": spec.title}
    if spec.description:
        variable["description"] = spec.description
    if spec.unit:
        variable["unitText"] = spec.unit
    if spec.type in NUMERIC:
        if spec.minimum is not None:
            variable["minValue"] = float(spec.minimum)
        if spec.maximum is not None:
            variable["maxValue"] = float(spec.maximum)
    return variable


def _temporal(dataset):
    start = dataset.temporal_start.isoformat() if dataset.temporal_start else ".."
    end = dataset.temporal_end.isoformat() if dataset.temporal_end else ".."
    return None if start == end == ".." else f"{start}/{end}"


def dataset_jsonld(request, release, dataset=None):
    """The JSON-LD (a dict) for the page of ``release``'s dataset; ``dataset`` is the
    dataset with its texts in the page's language (the release's own by default)."""
    dataset = dataset or release.dataset
    snapshot = metadata.dataset_snapshot(release.dataset, request)
    page = request.build_absolute_uri(reverse("publicdata:dataset", args=[release.dataset.slug]))
    organisation = {
        "@type": "Organization",
        "name": snapshot["publisher"],
        "url": request.build_absolute_uri("/"),
    }
    if snapshot["contact_email"]:
        organisation["contactPoint"] = {
            "@type": "ContactPoint",
            "contactType": "data enquiries",
            "email": snapshot["contact_email"],
            **({"name": snapshot["contact_name"]} if snapshot["contact_name"] else {}),
        }
    measured = [
        _variable(spec) for spec in release.dataset.fields.all() if spec.role != FieldRole.DIMENSION
    ]
    data = {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "@id": page,
        "name": dataset.title,
        "description": _description(dataset),
        "url": page,
        "identifier": page,
        "version": str(release.version),
        "inLanguage": get_language() or "en",
        "isAccessibleForFree": True,
        "keywords": snapshot["keywords"],
        "license": snapshot["licence_url"],
        "creator": organisation,
        "publisher": organisation,
        "dateModified": release.published_at.isoformat(),
        "citation": metadata.citation(release),
        "includedInDataCatalog": {
            "@type": "DataCatalog",
            "name": gettext("LEAD Baltimore open data"),
            "url": request.build_absolute_uri(reverse("publicdata:catalogue")),
        },
        "distribution": [
            {
                "@type": "DataDownload",
                "name": metadata.file_name(release, fmt),
                "encodingFormat": metadata.MEDIA_TYPES[fmt],
                "contentUrl": metadata.download_url(request, release, fmt, versioned=False),
            }
            for fmt in exports.FORMATS
        ],
        "variableMeasured": measured,
    }
    if snapshot["issued"]:
        data["datePublished"] = snapshot["issued"]
    if dataset.methodology:
        data["measurementTechnique"] = metadata.plain_text(dataset.methodology)
    temporal = _temporal(release.dataset)
    if temporal:
        data["temporalCoverage"] = temporal
    if dataset.spatial_coverage:
        data["spatialCoverage"] = {"@type": "Place", "name": dataset.spatial_coverage}
    # A Spanish page also gives the English name; the English page shows no Spanish.
    if dataset.title != release.dataset.title:
        data["alternateName"] = release.dataset.title
    return data


def script(data):
    """``data`` as a ``<script type="application/ld+json">`` element, escaped as
    Django's ``json_script`` escapes JSON."""
    text = json.dumps(data, ensure_ascii=False, indent=1).translate(SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308

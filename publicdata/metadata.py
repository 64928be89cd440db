"""How a dataset describes itself to people and machines: the snapshot frozen into each
release, its citation, its Frictionless Data Package and its DCAT-US 1.1 entry.

A release's files are built from its snapshot, not from the live dataset, so editing a
dataset's description later never changes a file that has already been published (or
its checksum).
"""

import html
import re

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext, gettext_noop

from publicdata.contacts import dataset_contact
from publicdata.models import FieldRole, FieldType, Licence

SUPPRESSED = "suppressed"
LICENCE_URLS = {
    Licence.CC_BY_4: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
    Licence.ODC_BY: "https://opendatacommons.org/licenses/by/1-0/",
}
# Frictionless Table Schema types for our field types.
FRICTIONLESS_TYPES = {
    FieldType.INTEGER: "integer",
    FieldType.NUMBER: "number",
    FieldType.STRING: "string",
    FieldType.DATE: "date",
    FieldType.YEAR_MONTH: "yearmonth",
    FieldType.BOOLEAN: "boolean",
}
MEDIA_TYPES = {
    "csv": "text/csv",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def plain_text(rich_text):
    """Rich text as plain paragraphs, for machine-readable metadata."""
    text = re.sub(r"</(p|li|h[1-6])>", "\n\n", rich_text or "")
    text = html.unescape(strip_tags(text))
    return "\n\n".join(part.strip() for part in re.split(r"\n\s*\n", text) if part.strip())


def _decimal_text(value):
    return None if value is None else format(value.normalize(), "f")


def field_snapshot(spec):
    return {
        "name": spec.name,
        "title": spec.title,
        "type": spec.type,
        "role": spec.role,
        "unit": spec.unit,
        "description": spec.description,
        "allowed_values": spec.allowed,
        "minimum": _decimal_text(spec.minimum),
        "maximum": _decimal_text(spec.maximum),
        "numerator": spec.numerator if spec.role == FieldRole.RATE else "",
        "denominator": spec.denominator if spec.role == FieldRole.RATE else "",
        "primary_key": spec.primary_key,
        "required": spec.required,
        # Only on a count that is the sum of others, so other columns read as before.
        **({"sum_of": spec.sum_groups} if spec.role == FieldRole.COUNT and spec.sum_groups else {}),
    }


def dataset_snapshot(dataset, request=None):
    """The dataset's metadata as its files describe it; the contact is the one it gives
    (its own, or the program's for the request's site, or the default site's)."""
    contact = dataset_contact(dataset, request)
    return {
        "title": dataset.title,
        "slug": dataset.slug,
        "summary": dataset.summary,
        "description": plain_text(dataset.description),
        "methodology": plain_text(dataset.methodology),
        "source": dataset.source,
        "publisher": dataset.publisher,
        "contact_name": contact.name,
        "contact_email": contact.email,
        "licence": dataset.licence,
        "licence_url": LICENCE_URLS.get(dataset.licence, ""),
        "keywords": sorted(tag.name for tag in dataset.keywords.all()),
        "temporal_start": dataset.temporal_start.isoformat() if dataset.temporal_start else None,
        "temporal_end": dataset.temporal_end.isoformat() if dataset.temporal_end else None,
        "spatial_coverage": dataset.spatial_coverage,
        "update_frequency": dataset.update_frequency,
        "issued": dataset.issued.isoformat() if dataset.issued else None,
        "is_sample": dataset.is_sample,
        "fields": [field_snapshot(spec) for spec in dataset.fields.all()],
    }


def release_snapshot(release):
    """The snapshot a release's files are made from (the live dataset for a draft)."""
    return release.snapshot or dataset_snapshot(release.dataset)


def file_name(release, fmt):
    return f"{release.dataset.slug}-v{release.version}.{fmt}"


SUPPRESSION_NOTE = gettext_noop(
    "To protect privacy, counts from 1 to %(largest)s are not published: they are marked "
    "“%(marker)s” (never shown as zero). Rates built on a suppressed or small count are "
    "suppressed too, and where a total would let a reader work out a suppressed cell, "
    "another cell is suppressed as well."
)


def largest_suppressed_count():
    """The largest count that is never published (PUBLICDATA_SUPPRESSION_THRESHOLD - 1)."""
    return settings.PUBLICDATA_SUPPRESSION_THRESHOLD - 1


def suppression_note():
    """The suppression rule in words, in English, as the data files carry it."""
    return SUPPRESSION_NOTE % {"largest": largest_suppressed_count(), "marker": SUPPRESSED}


def suppression_note_for_readers():
    """The same in the reader's language, for web pages, with the word the page uses."""
    return gettext(SUPPRESSION_NOTE) % {
        "largest": largest_suppressed_count(),
        "marker": gettext("suppressed"),
    }


def citation(release):
    snapshot = release_snapshot(release)
    published = release.published_at.date().isoformat() if release.published_at else "draft"
    return (
        f"{snapshot['publisher']}. {snapshot['title']}, version {release.version} "
        f"({published}). Licence: {release.dataset.get_licence_display()}."
    )


def download_url(request, release, fmt, versioned=True):
    url = reverse("publicdata:download", args=[release.dataset.slug, fmt])
    if versioned:
        url += f"?version={release.version}"
    return request.build_absolute_uri(url)


def datapackage(release, csv_path):
    """A Frictionless Data Package describing one release, its CSV at ``csv_path``."""
    snapshot = release_snapshot(release)
    fields = []
    for spec in snapshot["fields"]:
        field = {
            "name": spec["name"],
            "title": spec["title"],
            "type": FRICTIONLESS_TYPES[spec["type"]],
            "description": spec["description"],
        }
        constraints = {"required": True} if spec["required"] and not _suppressible(spec) else {}
        if spec["allowed_values"]:
            constraints["enum"] = spec["allowed_values"]
        if spec["minimum"] is not None:
            constraints["minimum"] = _number(spec["minimum"], spec["type"])
        if spec["maximum"] is not None:
            constraints["maximum"] = _number(spec["maximum"], spec["type"])
        if constraints:
            field["constraints"] = constraints
        if spec["unit"]:
            field["unit"] = spec["unit"]
        if spec["type"] == FieldType.BOOLEAN:
            field["trueValues"], field["falseValues"] = ["true"], ["false"]
        fields.append(field)
    schema = {"fields": fields, "missingValues": ["", SUPPRESSED]}
    keys = [spec["name"] for spec in snapshot["fields"] if spec["primary_key"]]
    if keys:
        schema["primaryKey"] = keys
    package = {
        "profile": "tabular-data-package",
        "name": snapshot["slug"],
        "title": snapshot["title"],
        "description": snapshot["summary"],
        "version": str(release.version),
        "keywords": snapshot["keywords"],
        "licenses": [
            {
                "name": snapshot["licence"],
                "path": snapshot["licence_url"],
                "title": release.dataset.get_licence_display(),
            }
        ],
        "sources": [{"title": snapshot["source"]}],
        "contributors": [{"title": snapshot["publisher"], "role": "publisher"}],
        "resources": [
            {
                "name": snapshot["slug"],
                "path": csv_path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        ],
    }
    if release.published_at:
        package["created"] = release.published_at.isoformat()
    if release.sha256.get("csv"):
        package["resources"][0]["hash"] = f"sha256:{release.sha256['csv']}"
    return package


def _suppressible(spec):
    return spec["role"] in (FieldRole.COUNT, FieldRole.RATE)


def _number(text, kind):
    return int(text) if kind == FieldType.INTEGER else float(text)


def dcat_dataset(request, release):
    """One dataset's entry in the DCAT-US 1.1 catalogue."""
    snapshot = dataset_snapshot(release.dataset, request)
    page = request.build_absolute_uri(reverse("publicdata:dataset", args=[release.dataset.slug]))
    entry = {
        "@type": "dcat:Dataset",
        "title": snapshot["title"],
        "description": snapshot["description"] or snapshot["summary"],
        "keyword": snapshot["keywords"] or ["LEAD Baltimore"],
        "modified": release.published_at.date().isoformat(),
        "publisher": {"@type": "org:Organization", "name": snapshot["publisher"]},
        "contactPoint": {
            "@type": "vcard:Contact",
            "fn": snapshot["contact_name"] or snapshot["publisher"],
        },
        "identifier": page,
        "accessLevel": "public",
        "license": snapshot["licence_url"],
        "landingPage": page,
        "describedBy": request.build_absolute_uri(
            reverse("publicdata:datapackage", args=[release.dataset.slug])
        ),
        "describedByType": "application/json",
        "distribution": [
            {
                "@type": "dcat:Distribution",
                "title": f"{snapshot['title']} ({fmt.upper()})",
                "downloadURL": download_url(request, release, fmt, versioned=False),
                "mediaType": MEDIA_TYPES[fmt],
                "format": fmt.upper(),
            }
            for fmt in MEDIA_TYPES
        ],
    }
    if snapshot["contact_email"]:
        entry["contactPoint"]["hasEmail"] = f"mailto:{snapshot['contact_email']}"
    if snapshot["issued"]:
        entry["issued"] = snapshot["issued"]
    if snapshot["spatial_coverage"]:
        entry["spatial"] = snapshot["spatial_coverage"]
    if snapshot["temporal_start"] and snapshot["temporal_end"]:
        entry["temporal"] = f"{snapshot['temporal_start']}/{snapshot['temporal_end']}"
    if snapshot["update_frequency"].startswith("R/"):
        entry["accrualPeriodicity"] = snapshot["update_frequency"]
    elif snapshot["update_frequency"] == "irregular":
        entry["accrualPeriodicity"] = "irregular"
    return entry


def dcat_catalogue(request, releases):
    # Each entry reads its dataset's keywords and columns: two queries for all of them.
    prefetch_related_objects(releases, "dataset__keywords", "dataset__fields")
    return {
        "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
        "@type": "dcat:Catalog",
        "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
        "describedBy": "https://project-open-data.cio.gov/v1.1/schema/catalog.json",
        "dataset": [dcat_dataset(request, release) for release in releases],
    }

"""The JSON API under /api/v1/: datasets, their metadata and dictionary, and their rows.

Built with django-ninja, which serves the OpenAPI schema at /api/v1/openapi.json and
interactive docs at /api/v1/docs (from our own static files, no CDN). Every bad
parameter gets a 400 with a message that says what is wrong. Each parameter's schema
states what the server accepts (bounds, patterns), from the same constants the server
checks against, so that a client generated from the schema and the server agree.
"""

from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.functional import lazy
from ninja import NinjaAPI, P, Path, Query, Schema
from ninja.errors import ValidationError
from pydantic import Field

from portal.caching.scopes import depends_on
from publicdata import metadata
from publicdata.exports import FORMATS
from publicdata.models import Dataset
from publicdata.queries import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    MAX_OFFSET,
    MAX_VALUE_LENGTH,
    NAMES_PATTERN,
    PROBLEMS,
    QueryError,
    parse_row_query,
    select_rows,
)
from publicdata.views import MAX_VERSION, BadVersion, current_releases, requested_release

MAX_AGE = 300


def api_description():
    return (
        "The published datasets of Baltimore's Law Enforcement Assisted Diversion pilot. "
        f"Counts from 1 to {metadata.largest_suppressed_count()} are suppressed to protect "
        "privacy: a suppressed value is null and its field is listed in `_suppressed`. "
        "Data are CC BY 4.0 unless a dataset says otherwise."
    )


api = NinjaAPI(
    title="LEAD Baltimore open data API",
    version="1",
    # Written out when the schema is served, so it states the threshold in force
    # (PUBLICDATA_SUPPRESSION_THRESHOLD).
    description=lazy(api_description, str)(),
    urls_namespace="api-v1",
)

# Django's slug: what Dataset.slug holds.
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
SLUG_LENGTH = Dataset._meta.get_field("slug").max_length
SLUG_PROBLEM = (
    f"slug: a dataset's slug is 1 to {SLUG_LENGTH} letters, digits, hyphens or underscores, "
    "as /api/v1/datasets lists them."
)
DatasetSlug = Path[
    str,
    P(
        pattern=SLUG_PATTERN,
        max_length=SLUG_LENGTH,
        description="The dataset's slug, as /api/v1/datasets lists it.",
    ),
]


class Problem(Schema):
    error: str


class DatasetSummary(Schema):
    slug: str
    title: str
    summary: str
    keywords: list[str]
    is_sample: bool
    current_version: int
    modified: str
    url: str
    rows_url: str


class Download(Schema):
    format: str
    url: str
    sha256: str


class ReleaseInfo(Schema):
    version: int
    published: str
    change_note: str
    row_count: int
    downloads: list[Download]


class DatasetDetail(Schema):
    slug: str
    title: str
    metadata: dict[str, Any]
    fields: list[dict[str, Any]]
    releases: list[ReleaseInfo]
    suppression: str
    citation: str
    datapackage_url: str


class RowPage(Schema):
    dataset: str
    version: int
    count: int
    limit: int
    offset: int
    next: str | None
    previous: str | None
    fields: list[str]
    rows: list[dict[str, Any]]


def _problem(request, message, status=400):
    return api.create_response(request, {"error": message}, status=status)


def _parameter_problem(request, error):
    """What is wrong with a parameter the schema turned away, in the words the server
    uses when it finds the same problem itself."""
    location = [str(part) for part in error.get("loc", [])]
    name = location[1] if len(location) > 1 else ""
    if location[:1] == ["path"] and name == "slug":
        return SLUG_PROBLEM
    if location[:1] == ["query"] and name == "version":
        return str(BadVersion(request.GET.get("version", "")))
    if location[:1] == ["query"] and name in PROBLEMS:
        return PROBLEMS[name]
    return f"{'.'.join(location[1:]) or 'request'}: {error.get('msg', 'is not valid')}."


@api.exception_handler(ValidationError)
def invalid_parameter(request, exc):
    details = dict.fromkeys(_parameter_problem(request, error) for error in exc.errors)
    return _problem(request, " ".join(details) or "A parameter is not valid.")


@api.exception_handler(QueryError)
def invalid_query(request, exc):
    return _problem(request, str(exc))


@api.exception_handler(BadVersion)
def invalid_version(request, exc):
    return _problem(request, str(exc))


@api.exception_handler(Http404)
def not_found(request, exc):
    return _problem(request, "No published dataset or release has that name or number.", 404)


def _cacheable(response):
    patch_cache_control(response, public=True, max_age=MAX_AGE)


def _page_url(request, offset):
    params = request.GET.copy()
    params["offset"] = str(offset)
    return request.build_absolute_uri(f"{request.path}?{urlencode(params, doseq=True)}")


@api.get("/datasets", response=list[DatasetSummary], summary="Every published dataset")
def list_datasets(request: HttpRequest, response: HttpResponse):
    depends_on(request, "catalogue")
    _cacheable(response)
    keywords = {
        dataset.pk: sorted(tag.name for tag in dataset.keywords.all())
        for dataset in Dataset.objects.published().prefetch_related("keywords")
    }
    return [
        {
            "slug": release.dataset.slug,
            "title": release.dataset.title,
            "summary": release.dataset.summary,
            "keywords": keywords[release.dataset_id],
            "is_sample": release.dataset.is_sample,
            "current_version": release.version,
            "modified": release.published_at.isoformat(),
            "url": request.build_absolute_uri(f"/api/v1/datasets/{release.dataset.slug}"),
            "rows_url": request.build_absolute_uri(f"/api/v1/datasets/{release.dataset.slug}/rows"),
        }
        for release in current_releases()
    ]


@api.get(
    "/datasets/{slug}",
    response={200: DatasetDetail, 400: Problem, 404: Problem},
    summary="A dataset's metadata, data dictionary and releases",
)
def dataset_detail(request: HttpRequest, response: HttpResponse, slug: DatasetSlug):
    dataset = get_object_or_404(Dataset, slug=slug)
    depends_on(request, f"dataset:{dataset.pk}")
    releases = list(dataset.published_releases())
    if not releases:
        raise Http404
    _cacheable(response)
    snapshot = metadata.release_snapshot(releases[0])
    return {
        "slug": dataset.slug,
        "title": snapshot["title"],
        "metadata": {key: value for key, value in snapshot.items() if key != "fields"},
        "fields": snapshot["fields"],
        "releases": [
            {
                "version": release.version,
                "published": release.published_at.isoformat(),
                "change_note": release.change_note,
                "row_count": release.row_count,
                "downloads": [
                    {
                        "format": fmt,
                        "url": metadata.download_url(request, release, fmt),
                        "sha256": release.sha256.get(fmt, ""),
                    }
                    for fmt in FORMATS
                ],
            }
            for release in releases
        ],
        "suppression": metadata.suppression_note(),
        "citation": metadata.citation(releases[0]),
        "datapackage_url": request.build_absolute_uri(
            reverse("publicdata:datapackage", args=[dataset.slug])
        ),
    }


ROWS_HELP = (
    "Rows of the current release (or `version`). Filter by any dimension with "
    "`?field=value` (repeat it to match any of several values), and dates or numbers with "
    "`field__gte`, `field__lte`, `field__gt`, `field__lt`; a value is of the field's type "
    f"and at most {MAX_VALUE_LENGTH} characters. Example: "
    "`?referral_type=Arrest diversion&month__gte=2018-01&fields=month,referrals&order=-month`."
)


def _optional(schema):
    """Without it, the parameter is left out: a default of null would contradict its type
    (a query string cannot send null)."""
    schema.pop("default", None)


class RowParameters(Schema):
    version: int = Field(
        None,
        ge=1,
        le=MAX_VERSION,
        description="An earlier published release, by its number; the current one without it.",
        json_schema_extra=_optional,
    )
    fields: str = Field(
        None,
        pattern=NAMES_PATTERN,
        description="Only these fields of the dataset (names from its data dictionary), in "
        "this order, separated by commas. An unknown name gets a 400.",
        json_schema_extra=_optional,
    )
    order: str = Field(
        None,
        pattern=NAMES_PATTERN,
        description="Sort by these fields, separated by commas; - before a name sorts it "
        "descending. Ties keep upload order. An unknown name gets a 400.",
        json_schema_extra=_optional,
    )
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Rows per page.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Rows to skip.")


@api.get(
    "/datasets/{slug}/rows",
    response={200: RowPage, 400: Problem, 404: Problem},
    summary="Rows of a release, filtered, ordered and paged",
    description=ROWS_HELP,
)
def dataset_rows(
    request: HttpRequest,
    response: HttpResponse,
    slug: DatasetSlug,
    parameters: Query[RowParameters],
):
    # The typed parameters state in the schema what is accepted, and turn away what it
    # forbids; the filters are open-ended, so the whole query string is read (and
    # checked again, by the same rules) by parse_row_query.
    release = requested_release(slug, request.GET.get("version"))
    depends_on(request, f"dataset:{release.dataset_id}")
    specs = metadata.release_snapshot(release)["fields"]
    query = parse_row_query(specs, request.GET)
    total, rows = select_rows(release, query)
    _cacheable(response)
    following = query.offset + query.limit
    return {
        "dataset": slug,
        "version": release.version,
        "count": total,
        "limit": query.limit,
        "offset": query.offset,
        "next": _page_url(request, following) if following < total else None,
        "previous": (
            _page_url(request, max(query.offset - query.limit, 0)) if query.offset else None
        ),
        "fields": query.fields,
        "rows": rows,
    }

"""Public open-data pages and files: the catalogue, a dataset's page, its downloads, its
Data Package, the DCAT-US catalogue and the zip of every current release."""

from urllib.parse import quote_plus

from django.db.models import Q
from django.http import (
    FileResponse,
    Http404,
    HttpResponseBadRequest,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_safe
from taggit.models import Tag

from portal.caching.scopes import depends_on
from portal.pagination import paginate
from portal.query_strings import clean_query, slug_param
from portal.translated_fields import InLanguage, in_language, language_suffix
from publicdata import bundle, changes, exports, jsonld, metadata, stored_downloads
from publicdata.contacts import dataset_contact
from publicdata.languages import columns_in_language, tag_in_language
from publicdata.models import Dataset, Release, ReleaseStatus
from publicdata.numbers import format_value, unit_kinds
from publicdata.queries import whole_number

DATASETS_PER_PAGE = 20
PREVIEW_ROWS = 20
CURRENT_MAX_AGE = 300  # the current release may be replaced by a new one
VERSION_MAX_AGE = 86400  # a numbered release never changes


# The API's OpenAPI schema declares the same range for ?version=.
MAX_VERSION = 999_999_999


class BadVersion(ValueError):
    def __init__(self, version_text):
        super().__init__(f"“{version_text[:40]}” is not a version number: use ?version=1, 2, 3…")


def _published(queryset):
    return queryset.filter(status=ReleaseStatus.PUBLISHED)


def requested_release(slug, version_text):
    """The release ``?version=`` asks for (the current one without it).

    Raises BadVersion for a value that is not a version number, Http404 for a dataset or
    version that is not published.
    """
    dataset = get_object_or_404(Dataset, slug=slug)
    releases = _published(Release.objects.filter(dataset=dataset)).select_related("dataset")
    if version_text is None:
        release = releases.order_by("-version").first()
    else:
        version = whole_number(version_text, 1, MAX_VERSION)
        if version is None:
            raise BadVersion(version_text)
        release = releases.filter(version=version).first()
    if release is None:
        raise Http404("No such published release.")
    return release


def _requested(request, slug):
    """requested_release for this request, looked up once: the ETag and Last-Modified
    checks and the download itself all need it."""
    key = (slug, request.GET.get("version"))
    if getattr(request, "_open_data_release", (None,))[0] != key:
        try:
            outcome = requested_release(slug, request.GET.get("version"))
        except (BadVersion, Http404) as error:
            outcome = error
        request._open_data_release = (key, outcome)
    outcome = request._open_data_release[1]
    if isinstance(outcome, Exception):
        raise outcome
    return outcome


def _release_or_none(request, slug):
    try:
        return _requested(request, slug)
    except (BadVersion, Http404):
        return None


def _etag(request, slug, fmt):
    release = _release_or_none(request, slug)
    return release.sha256.get(fmt) if release and fmt in exports.FORMATS else None


def _last_modified(request, slug, fmt):
    release = _release_or_none(request, slug)
    return release.published_at if release else None


@require_safe
def catalogue(request):
    depends_on(request, "catalogue")
    query = clean_query(request.GET.get("q", ""))
    keyword = slug_param(request.GET, "keyword")
    datasets = Dataset.objects.published().prefetch_related("keywords")
    if query:
        datasets = datasets.filter(
            Q(title__icontains=query)
            | Q(summary__icontains=query)
            | Q(source__icontains=query)
            | Q(title_es__icontains=query)
            | Q(summary_es__icontains=query)
            | Q(source_es__icontains=query)
        )
    keywords = Tag.objects.filter(publicdata_datasetkeyword_items__isnull=False)
    keywords = keywords.filter(
        publicdata_datasetkeyword_items__content_object__releases__status="published"
    ).distinct()
    chosen = keywords.filter(slug=keyword).first()
    if chosen:
        datasets = datasets.filter(keywords=chosen)
    datasets_page = paginate(request, datasets.order_by("title"), DATASETS_PER_PAGE)
    datasets_page.object_list = in_language(datasets_page.object_list)
    return TemplateResponse(
        request,
        "publicdata/catalogue.html",
        {
            "datasets": datasets_page,
            "query": query,
            "keywords": sorted(
                keywords, key=lambda tag: tag_in_language(tag, request)[0].casefold()
            ),
            "chosen_keyword": chosen,
            "chosen_keyword_name": tag_in_language(chosen, request)[0] if chosen else "",
            "pagination_query": "".join(
                f"{key}={quote_plus(value)}&"
                for key, value in (("q", query), ("keyword", chosen.slug if chosen else ""))
                if value
            ),
        },
    )


def citation_for_readers(release, dataset):
    """How to cite a release, as its page shows it: in English, the citation the downloads
    carry; in another language, with the dataset's title and publisher as the page names
    them, in that language's words."""
    if not language_suffix():
        return metadata.citation(release)
    published = release.published_at.date().isoformat() if release.published_at else ""
    return _("%(publisher)s. %(title)s, version %(version)s (%(date)s). Licence: %(licence)s.") % {
        "publisher": dataset.publisher,
        "title": dataset.title,
        "version": release.version,
        "date": published,
        "licence": dataset.get_licence_display(),
    }


@require_safe
def dataset_detail(request, slug):
    dataset = get_object_or_404(Dataset.objects.prefetch_related("keywords", "fields"), slug=slug)
    depends_on(request, f"dataset:{dataset.pk}")
    releases = list(dataset.published_releases())
    if not releases:
        raise Http404("This dataset has no published release yet.")
    current = releases[0]
    snapshot = metadata.release_snapshot(current)
    names = [spec["name"] for spec in snapshot["fields"]]
    kinds = unit_kinds(dataset.fields.all())
    # Text from the data stays as published, in English: marked so on the pages of
    # other languages.
    text_lang = "en" if language_suffix() else ""
    preview = [
        [
            {
                "value": format_value(data.get(name), kinds.get(name)),
                "suppressed": name in suppressed,
                "lang": text_lang if kinds.get(name) is None and data.get(name) else "",
            }
            for name in names
        ]
        for data, suppressed in current.rows.order_by("position").values_list("data", "suppressed")[
            :PREVIEW_ROWS
        ]
    ]
    for item in releases:
        item.public_changes = changes.for_readers(changes.recorded_changes(item), names, kinds)
    api_example = request.build_absolute_uri(f"/api/v1/datasets/{dataset.slug}/rows?limit=5")
    return TemplateResponse(
        request,
        "publicdata/dataset.html",
        {
            "dataset": InLanguage(dataset),
            "release": current,
            "releases": in_language(releases),
            "fields": columns_in_language(dataset, snapshot["fields"]),
            "preview": preview,
            "downloads": [
                {
                    "format": fmt,
                    "url": metadata.download_url(request, current, fmt, versioned=False),
                    "file_name": metadata.file_name(current, fmt),
                    "sha256": current.sha256.get(fmt, ""),
                }
                for fmt in exports.FORMATS
            ],
            "api_example": api_example,
            "citation": citation_for_readers(current, InLanguage(dataset)),
            "contact": dataset_contact(dataset, request),
            "suppression_note": metadata.suppression_note_for_readers(),
            "licence_url": metadata.LICENCE_URLS.get(dataset.licence, ""),
            "charts": in_language(dataset.charts.order_by("title")),
            "jsonld": jsonld.script(jsonld.dataset_jsonld(request, current, InLanguage(dataset))),
        },
    )


@require_safe
@condition(etag_func=_etag, last_modified_func=_last_modified)
def download(request, slug, fmt):
    """A release as CSV, JSON or XLSX, streamed, with caching headers."""
    if fmt not in exports.FORMATS:
        raise Http404("No such format.")
    try:
        release = _requested(request, slug)
    except BadVersion as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    name = metadata.file_name(release, fmt)
    content_type = metadata.MEDIA_TYPES[fmt]
    if fmt == "xlsx":
        response = FileResponse(
            stored_downloads.release_xlsx(release),
            as_attachment=True,
            filename=name,
            content_type=content_type,
        )
    else:
        response = StreamingHttpResponse(
            exports.chunks(release, fmt), content_type=f"{content_type}; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    max_age = VERSION_MAX_AGE if "version" in request.GET else CURRENT_MAX_AGE
    patch_cache_control(response, public=True, max_age=max_age)
    response["Last-Modified"] = http_date(release.published_at.timestamp())
    return response


@require_safe
def datapackage(request, slug):
    try:
        release = requested_release(slug, request.GET.get("version"))
    except BadVersion as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    depends_on(request, f"dataset:{release.dataset_id}")
    package = metadata.datapackage(release, metadata.download_url(request, release, "csv"))
    response = JsonResponse(package, json_dumps_params={"indent": 2, "ensure_ascii": False})
    patch_cache_control(response, public=True, max_age=CURRENT_MAX_AGE)
    return response


def current_releases():
    """The newest published release of every published dataset, by dataset title, in one
    query."""
    releases = (
        _published(Release.objects.all())
        .select_related("dataset")
        .order_by("dataset__title", "dataset_id", "-version")
    )
    newest = {}
    for release in releases:
        newest.setdefault(release.dataset_id, release)
    return list(newest.values())


@require_safe
def data_json(request):
    depends_on(request, "catalogue")
    catalogue_data = metadata.dcat_catalogue(request, current_releases())
    response = JsonResponse(catalogue_data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    patch_cache_control(response, public=True, max_age=CURRENT_MAX_AGE)
    return response


def _bundle(request):
    """What the zip holds now, worked out once per request (the ETag and the view)."""
    if not hasattr(request, "_open_data_bundle"):
        request._open_data_bundle = bundle.bundle_of(current_releases())
    return request._open_data_bundle


def _bundle_etag(request):
    # Weak: two builds of the same zip hold the same files, not always the same bytes.
    return f'W/"{_bundle(request).digest}"'


@require_safe
@condition(etag_func=_bundle_etag)
def all_datasets_zip(request):
    """Every current release as CSV, each with a Data Package that points at it: built
    once for each set of current releases and kept (publicdata/stored_downloads.py)."""
    response = FileResponse(
        stored_downloads.bundle_zip(_bundle(request)),
        as_attachment=True,
        filename=bundle.FILE_NAME,
        content_type="application/zip",
    )
    patch_cache_control(response, public=True, max_age=CURRENT_MAX_AGE)
    return response

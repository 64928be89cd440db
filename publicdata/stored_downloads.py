"""The downloads that take real work to build, built once and kept: each release's XLSX
(built when the release is published) and the zip of every current release (built on
its first request). They are kept in Django's default storage (``MEDIA_ROOT``, or the
media bucket in production) under ``open-data/``, and served from there.

A kept file is found by a key that names exactly what it holds: a release's XLSX by the
release and the checksum published for it, the zip by the digest of everything in it
(publicdata/bundle.py). So a kept file is never served for another release, and a new
release anywhere gives a new zip.

A request serves a kept file only once its ``StoredDownload`` row exists, and the row is
written after the file is whole. A request that finds no row builds the file itself,
serves what it built, and keeps it; when two first requests meet, each serves its own
build and only one copy is kept. When the storage cannot be written or read (full, or
the bucket out of reach), the file is built for the request as it was before anything
was kept, and the failure is logged: never a 500.
"""

import logging

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction

from publicdata import bundle, exports, metadata
from publicdata.models import StoredDownload

logger = logging.getLogger(__name__)

FOLDER = "open-data"
ZIP_KEY = "zip:"


def xlsx_key(release):
    return f"xlsx:{release.pk}:{release.sha256.get('xlsx', '')}"


def xlsx_path(release):
    return f"{FOLDER}/releases/{release.pk}/{metadata.file_name(release, 'xlsx')}"


def release_xlsx(release):
    """The release's XLSX as an open file at its start: kept, or built now and kept."""
    return kept_or_built(xlsx_key(release), xlsx_path(release), lambda: exports.xlsx_file(release))


def keep_release_xlsx(release, workbook):
    """Keep the workbook built when the release was published (its bytes are the ones the
    published checksum was taken of)."""
    keep(xlsx_key(release), xlsx_path(release), workbook)


def bundle_zip(current):
    """The zip of a ``bundle.Bundle`` as an open file at its start: kept, or built now and
    kept in place of the zips of earlier releases."""
    return kept_or_built(
        f"{ZIP_KEY}{current.digest}",
        f"{FOLDER}/{bundle.FILE_NAME.removesuffix('.zip')}-{current.digest[:16]}.zip",
        lambda: bundle.zip_file(current),
        replaces=ZIP_KEY,
    )


def kept_or_built(key, path, build, replaces=None):
    """An open binary file at its start: the one kept under ``key``, or else what
    ``build()`` makes now, which is then kept under ``path`` (and, with ``replaces``, the
    other downloads whose keys start with it are removed)."""
    kept = StoredDownload.objects.filter(key=key).first()
    if kept is not None:
        try:
            return default_storage.open(kept.file.name, "rb")
        except Exception:  # a missing file, or storage out of reach: build it as before
            logger.warning("Could not read the kept download %s; building it", kept.file.name)
            # Forgotten, so that what is built now can be kept in its place.
            StoredDownload.objects.filter(pk=kept.pk).delete()
    built = build()
    if keep(key, path, built) and replaces:
        _remove_others(replaces, key)
    return built


def keep(key, path, handle):
    """Store ``handle``'s content under ``path`` and record it under ``key``; True when this
    call kept it. ``handle`` is left at its start either way."""
    try:
        name = default_storage.save(path, File(handle, name=path))
    except Exception:  # a full disk, a bucket out of reach: serve it unkept
        logger.warning("Could not keep the download %s", path, exc_info=True)
        return False
    finally:
        handle.seek(0)
    try:
        with transaction.atomic():
            StoredDownload.objects.create(key=key, file=name)
    except IntegrityError:  # another request kept the same download first
        _delete_file(name)
        return False
    return True


def _remove_others(prefix, key):
    for other in StoredDownload.objects.filter(key__startswith=prefix).exclude(key=key):
        other.delete()
        _delete_file(other.file.name)


def _delete_file(name):
    try:
        default_storage.delete(name)
    except Exception:  # left behind; it has no row, so it is never served
        logger.warning("Could not delete the download %s", name)

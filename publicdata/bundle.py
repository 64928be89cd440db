"""The zip of every current release (``/data/lead-baltimore-open-data.zip``): each release's
CSV in a folder of its own with a Data Package beside it, and a README.

``Bundle`` says what the zip holds before anything is built: its digest changes whenever
any of it would (a dataset publishes a release, a slug or a title changes), which is what
lets the built zip be kept and served again (publicdata/stored_downloads.py).
"""

import datetime
import hashlib
import json
import tempfile
import zipfile
from dataclasses import dataclass

from django.template.loader import render_to_string

from publicdata import exports, metadata

FILE_NAME = "lead-baltimore-open-data.zip"
# Part of the digest: a change to how the zip is laid out gives new zips.
LAYOUT = 1
EARLIEST_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Bundle:
    csvs: tuple  # (path in the zip, release), in the zip's order
    texts: tuple  # (path in the zip, text): the Data Packages and the README
    written: tuple  # the time every member carries, so a rebuild gives the same bytes
    digest: str


def bundle_of(releases):
    """What the zip of these releases holds (no rows are read)."""
    csvs, texts = [], []
    for release in releases:
        folder = release.dataset.slug
        csv_name = metadata.file_name(release, "csv")
        csvs.append((f"{folder}/{csv_name}", release))
        package = metadata.datapackage(release, csv_name)
        texts.append(
            (f"{folder}/datapackage.json", json.dumps(package, indent=2, ensure_ascii=False))
        )
    texts.append(
        ("README.txt", render_to_string("publicdata/zip_readme.txt", {"releases": releases}))
    )
    newest = max((r.published_at for r in releases if r.published_at), default=None)
    written = (
        max(newest.astimezone(datetime.UTC).timetuple()[:6], EARLIEST_ZIP_TIME)
        if newest
        else EARLIEST_ZIP_TIME
    )
    # Each CSV is named by its release and the checksum taken when it was published.
    described = {
        "layout": LAYOUT,
        "csvs": [(path, release.pk, release.sha256.get("csv", "")) for path, release in csvs],
        "texts": texts,
        "written": written,
    }
    digest = hashlib.sha256(json.dumps(described, ensure_ascii=False).encode()).hexdigest()
    return Bundle(tuple(csvs), tuple(texts), written, digest)


def _member(path, written):
    info = zipfile.ZipInfo(path, date_time=written)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def write_zip(bundle, target):
    """Write the zip to ``target``, a binary file; the CSVs stream from the stored rows."""
    packages = dict(bundle.texts)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path, release in bundle.csvs:
            with archive.open(_member(path, bundle.written), "w", force_zip64=True) as member:
                for piece in exports.csv_chunks(release):
                    member.write(piece)
            package_path = path.rsplit("/", 1)[0] + "/datapackage.json"
            archive.writestr(_member(package_path, bundle.written), packages[package_path])
        archive.writestr(_member("README.txt", bundle.written), packages["README.txt"])


def zip_file(bundle):
    """The zip in a temporary file, positioned at its start."""
    target = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the response that sends it)
    write_zip(bundle, target)
    target.seek(0)
    return target

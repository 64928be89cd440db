"""A journalist downloads a release's XLSX or the zip of every dataset as often as they
like: each is built once (the XLSX when the release is published, the zip on its first
request after a release), kept in the media storage and served from there, with the same
headers as before. A kept file is never served for another release, two first requests at
once never get half a file, and when the storage is full or out of reach the file is built
for the request instead."""

import errno
import hashlib
import io
import zipfile
from collections import Counter

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.test import Client

from publicdata import bundle, exports, stored_downloads
from publicdata.models import Dataset, StoredDownload
from publicdata.views import current_releases
from tests.publicdata_helpers import REFERRALS_V1, REFERRALS_V2, make_dataset, publish_csv

ZIP_URL = "/data/lead-baltimore-open-data.zip"
XLSX_URL = "/data/referrals/download.xlsx"


@pytest.fixture(autouse=True)
def media(settings, tmp_path, db):
    """A media folder of this test's own, so what is kept can be counted."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def builds(monkeypatch):
    """How many times each file was built: the real builders run, and are counted."""
    counts = Counter()
    write_xlsx, write_zip = exports.write_xlsx, bundle.write_zip

    def counted_xlsx(release, target):
        counts["xlsx"] += 1
        return write_xlsx(release, target)

    def counted_zip(contents, target):
        counts["zip"] += 1
        return write_zip(contents, target)

    monkeypatch.setattr(exports, "write_xlsx", counted_xlsx)
    monkeypatch.setattr(bundle, "write_zip", counted_zip)
    return counts


def body(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def kept_files(media):
    folder = media / "open-data"
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


def zip_members(data):
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture
def full_disk(monkeypatch):
    """The media storage refuses every write, as a full disk or an unreachable bucket
    does (other storages, such as the private one for uploads, still work)."""

    def refuse(name, content):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storages["default"], "_save", refuse)


def test_the_xlsx_is_built_once_at_publication_and_every_download_is_that_file(
    client, builds, media
):
    dataset = make_dataset()
    release = publish_csv(dataset, REFERRALS_V1)
    assert builds["xlsx"] == 1
    assert kept_files(media) == [f"releases/{release.pk}/referrals-v1.xlsx"]
    first, second = client.get(XLSX_URL), client.get(XLSX_URL)
    assert builds["xlsx"] == 1
    assert sha256(body(first)) == sha256(body(second)) == release.sha256["xlsx"]
    assert first["Content-Disposition"] == 'attachment; filename="referrals-v1.xlsx"'
    assert first["Content-Type"].startswith("application/vnd.openxmlformats")
    assert first["ETag"] == f'"{release.sha256["xlsx"]}"'
    assert first["Cache-Control"] == "public, max-age=300"
    assert first["Last-Modified"]
    assert first["Content-Length"] == str(len(body(client.get(XLSX_URL))))
    cached = client.get(XLSX_URL, headers={"if-none-match": first["ETag"]})
    assert cached.status_code == 304


def test_a_kept_file_is_sent_after_a_few_queries_whatever_the_rows(
    client, builds, media, django_assert_max_num_queries
):
    publish_csv(make_dataset(), REFERRALS_V1)
    body(client.get(ZIP_URL))
    with django_assert_max_num_queries(3):  # the dataset, the release, the kept file
        body(client.get(XLSX_URL))
    with django_assert_max_num_queries(2):  # the current releases, the kept file
        body(client.get(ZIP_URL))
    assert builds == {"xlsx": 1, "zip": 1}


def test_each_version_is_served_from_its_own_file(client, builds, media):
    dataset = make_dataset()
    first = publish_csv(dataset, REFERRALS_V1)
    second = publish_csv(dataset, REFERRALS_V2, note="Corrected February.")
    old = client.get(XLSX_URL, {"version": "1"})
    assert sha256(body(old)) == first.sha256["xlsx"] != second.sha256["xlsx"]
    assert old["Cache-Control"] == "public, max-age=86400"
    assert sha256(body(client.get(XLSX_URL))) == second.sha256["xlsx"]
    assert builds["xlsx"] == 2  # one at each publication, none for the downloads


def test_a_release_published_before_files_were_kept_is_built_on_its_first_download_only(
    client, builds, media
):
    release = publish_csv(make_dataset(), REFERRALS_V1)
    StoredDownload.objects.all().delete()
    builds.clear()
    for _ in range(3):
        assert sha256(body(client.get(XLSX_URL))) == release.sha256["xlsx"]
    assert builds["xlsx"] == 1
    assert StoredDownload.objects.count() == 1


def test_the_zip_is_built_once_and_again_only_when_a_dataset_publishes(client, builds, media):
    referrals = make_dataset()
    publish_csv(referrals, REFERRALS_V1)
    first = body(client.get(ZIP_URL))
    response = client.get(ZIP_URL)
    assert body(response) == first and builds["zip"] == 1
    assert response["Content-Disposition"] == 'attachment; filename="lead-baltimore-open-data.zip"'
    assert response["Cache-Control"] == "public, max-age=300"
    assert client.get(ZIP_URL, headers={"if-none-match": response["ETag"]}).status_code == 304

    arrests = make_dataset(slug="arrests", title="Arrests avoided")
    publish_csv(arrests, REFERRALS_V1)
    publish_csv(referrals, REFERRALS_V2)
    changed = zip_members(body(client.get(ZIP_URL)))
    assert builds["zip"] == 2
    assert {"arrests/arrests-v1.csv", "referrals/referrals-v2.csv"} <= set(changed)
    assert "referrals/referrals-v1.csv" not in changed
    assert client.get(ZIP_URL, headers={"if-none-match": response["ETag"]}).status_code == 200
    # Only the current zip is kept.
    assert [name for name in kept_files(media) if name.endswith(".zip")] == [
        StoredDownload.objects.get(key__startswith="zip:").file.name.removeprefix("open-data/")
    ]


def test_a_kept_file_is_never_served_for_another_release(client, media):
    publish_csv(make_dataset(), REFERRALS_V1)
    old_xlsx, old_zip = body(client.get(XLSX_URL)), body(client.get(ZIP_URL))
    # The dataset is deleted and made again under the same address, with other numbers.
    Dataset.objects.all().delete()
    release = publish_csv(make_dataset(), REFERRALS_V2)
    new_xlsx = body(client.get(XLSX_URL))
    assert new_xlsx != old_xlsx and sha256(new_xlsx) == release.sha256["xlsx"]
    new_zip = zip_members(body(client.get(ZIP_URL)))
    assert new_zip != zip_members(old_zip)
    assert b"2017-02,Social contact,15" in new_zip["referrals/referrals-v1.csv"]


def test_two_first_requests_at_once_each_get_a_whole_zip_and_one_copy_is_kept(
    client, builds, media, monkeypatch
):
    publish_csv(make_dataset(), REFERRALS_V1)
    # A half-written file at the very name the zip is kept under, with no record of it
    # (a build cut short), is never served.
    path = (
        f"open-data/lead-baltimore-open-data-{bundle.bundle_of(current_releases()).digest[:16]}.zip"
    )
    default_storage.save(path, ContentFile(b"PK\x03\x04 half a zip"))
    other = {}
    building = bundle.write_zip

    def second_request_meanwhile(contents, target):
        if "response" not in other:  # while the first request builds, a second arrives
            other["response"] = None
            other["response"] = body(Client().get(ZIP_URL))
        return building(contents, target)

    monkeypatch.setattr(bundle, "write_zip", second_request_meanwhile)
    first = body(client.get(ZIP_URL))
    assert builds["zip"] == 2  # both built; neither waited for or read the other's file
    assert first == other["response"]
    assert "referrals/referrals-v1.csv" in zip_members(first)
    assert StoredDownload.objects.filter(key__startswith="zip:").count() == 1
    zips = [name for name in kept_files(media) if name.endswith(".zip")]
    assert len(zips) == 2  # the half-written file (never served) and the one kept copy
    third = body(client.get(ZIP_URL))
    assert third == first and builds["zip"] == 2


def test_when_the_storage_is_full_publishing_and_downloads_still_work(
    client, builds, full_disk, media, caplog
):
    release = publish_csv(make_dataset(), REFERRALS_V1)
    assert release.status == "published" and not StoredDownload.objects.exists()
    assert "Could not keep the download" in caplog.text
    for _ in range(2):
        assert sha256(body(client.get(XLSX_URL))) == release.sha256["xlsx"]
        assert "referrals/referrals-v1.csv" in zip_members(body(client.get(ZIP_URL)))
    assert builds == {"xlsx": 3, "zip": 2}  # built for each request instead
    assert not StoredDownload.objects.exists()


def test_when_a_kept_file_cannot_be_read_it_is_built_for_the_request(
    client, builds, media, monkeypatch, caplog
):
    release = publish_csv(make_dataset(), REFERRALS_V1)
    body(client.get(ZIP_URL))
    kept = StoredDownload.objects.get(key=stored_downloads.xlsx_key(release))
    default_storage.delete(kept.file.name)  # lost from the bucket

    def out_of_reach(name, mode="rb"):
        raise OSError(errno.EHOSTUNREACH, "No route to host")

    assert sha256(body(client.get(XLSX_URL))) == release.sha256["xlsx"]
    monkeypatch.setattr(storages["default"], "_open", out_of_reach)
    assert "referrals/referrals-v1.csv" in zip_members(body(client.get(ZIP_URL)))
    assert builds == {"xlsx": 2, "zip": 2}
    assert "Could not read the kept download" in caplog.text

"""Production keeps media in S3-compatible object storage when a bucket is named: Wagtail
images and documents public, dataset source files private with no URL. Without a bucket,
the local folders, as in development.

These tests check which storage the settings build and with what options; no test saves
a file to a real bucket, since the test machines have no bucket to reach (docs/deploy.md,
"Object storage", says how to check a new deployment).
"""

import functools
import json

from tests.production_helpers import run_python

DESCRIBE_STORAGES = """
import json
import django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
from publicdata.models import Release

def describe(storage):
    names = ["bucket_name", "location", "endpoint_url", "region_name", "custom_domain",
             "default_acl", "querystring_auth", "file_overwrite", "access_key", "secret_key"]
    described = {"class": type(storage).__module__ + "." + type(storage).__name__}
    described.update({name: getattr(storage, name, None) for name in names})
    try:
        described["url"] = storage.url("images/river.jpg")
    except ValueError as error:
        described["url"] = "refused: " + str(error)
    return described

print(json.dumps({
    "default": describe(storages["default"]),
    "private": describe(storages["private"]),
    "release_source_file": describe(Release._meta.get_field("source_file").storage),
    "settings": {name: repr(getattr(settings, name)) for name in dir(settings)
                 if name.isupper()},
}))
"""

BUCKETS = {
    "PORTAL_S3_BUCKET": "lead-portal-media",
    "PORTAL_S3_ENDPOINT_URL": "https://objects.example.net",
    "PORTAL_S3_REGION": "us-east-1",
    "PORTAL_S3_CUSTOM_DOMAIN": "media.lead.example.org",
}
# Never real: the settings must not read them, boto3 does.
KEYS = {"AWS_ACCESS_KEY_ID": "TESTONLYACCESSKEY", "AWS_SECRET_ACCESS_KEY": "test-only-secret-key"}


@functools.cache  # one start of Django per configuration
def storages_under_production(**env):
    result = run_python(DESCRIBE_STORAGES, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_without_a_bucket_media_stay_in_the_local_folders():
    described = storages_under_production()
    assert described["default"]["class"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert described["private"]["class"] == "publicdata.storage.PrivateStorage"
    assert described["release_source_file"]["class"] == "publicdata.storage.PrivateStorage"
    assert described["private"]["url"] == "refused: Private files have no URL."


def test_with_a_bucket_images_and_documents_go_to_it_at_public_urls_through_the_cdn():
    media = storages_under_production(**BUCKETS, **KEYS)["default"]
    assert media["class"] == "storages.backends.s3.S3Storage"
    assert media["bucket_name"] == "lead-portal-media"
    assert media["location"] == "media"
    assert media["endpoint_url"] == "https://objects.example.net"
    assert media["region_name"] == "us-east-1"
    assert media["custom_domain"] == "media.lead.example.org"
    assert media["querystring_auth"] is False
    assert media["file_overwrite"] is False
    assert media["url"] == "https://media.lead.example.org/media/images/river.jpg"


def test_with_a_bucket_source_files_are_private_with_no_url_at_all():
    described = storages_under_production(**BUCKETS, **KEYS)
    for private in [described["private"], described["release_source_file"]]:
        assert private["class"] == "publicdata.private_bucket.PrivateBucketStorage"
        assert private["bucket_name"] == "lead-portal-media"
        assert private["location"] == "private"
        assert private["default_acl"] == "private"
        assert private["custom_domain"] is None
        assert private["url"] == "refused: Private files have no URL."


def test_source_files_may_have_a_bucket_of_their_own_and_no_acl():
    private = storages_under_production(
        **BUCKETS, PORTAL_S3_PRIVATE_BUCKET="lead-portal-private", PORTAL_S3_PRIVATE_ACL=""
    )["private"]
    assert private["bucket_name"] == "lead-portal-private"
    assert private["location"] == "private"
    assert private["default_acl"] is None
    assert private["endpoint_url"] == "https://objects.example.net"


def test_the_bucket_keys_come_from_the_environment_and_are_never_settings():
    described = storages_under_production(**BUCKETS, **KEYS)
    assert described["default"]["access_key"] == "TESTONLYACCESSKEY"
    assert described["private"]["secret_key"] == "test-only-secret-key"
    for value in described["settings"].values():
        assert "TESTONLYACCESSKEY" not in value
        assert "test-only-secret-key" not in value


def test_a_private_bucket_without_a_media_bucket_stops_start_up():
    result = run_python(DESCRIBE_STORAGES, PORTAL_S3_PRIVATE_BUCKET="lead-portal-private")
    assert result.returncode != 0
    assert "PORTAL_S3_PRIVATE_BUCKET is set without PORTAL_S3_BUCKET" in result.stderr

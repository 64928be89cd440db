"""Uploaded source files in a private S3-compatible bucket, when production keeps media in
object storage (``PORTAL_S3_BUCKET``, docs/configuration.md).

Imported only when settings name it: boto3 takes a second to load.
"""

from storages.backends.s3 import S3Storage


class PrivateBucketStorage(S3Storage):
    """Like ``PrivateStorage``, in a bucket: every app server reads the same files, and
    none of them has a URL, signed or not. Raw, unsuppressed numbers never leave the
    server (privacy rule 4)."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError("Private files have no URL.")

"""Downloads built once and kept in the default storage (publicdata/stored_downloads.py)."""

from django.db import models


class StoredDownload(models.Model):
    """A built file kept for reuse: a release's XLSX, or the zip of every current release.

    The row is written only once the file is whole in the storage, so a file without a row
    (still being written, or left by a request that lost the race) is never served. The key
    names exactly what the file holds (publicdata/stored_downloads.py).
    """

    key = models.CharField(max_length=120, unique=True)
    file = models.FileField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.key

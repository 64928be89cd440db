"""Where uploaded source files live: a folder outside MEDIA_ROOT that no URL serves, or a
private bucket (``STORAGES["private"]``)."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


class PrivateStorage(FileSystemStorage):
    """File storage under PRIVATE_MEDIA_ROOT, read on every use, with no URL."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no URL.")


def private_storage():
    """The storage named "private" in STORAGES: ``PrivateStorage``, or a private bucket
    in production (``publicdata.private_bucket``)."""
    return storages["private"]

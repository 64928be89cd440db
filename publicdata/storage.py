"""Where uploaded source files live: a folder outside MEDIA_ROOT that no URL serves."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage():
    """Callable storage, so settings are read when used (tests move the folder)."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)

"""Failed staff sign-ins (django-axes): the client address axes records, and the purge
that keeps those records, which hold an address, no longer than the cool-off."""

from axes.helpers import get_cool_off
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.utils import timezone

# One reading of the client address for the whole site (see feedback/abuse.py).
from feedback.abuse import _client_address


def login_client_address(request):
    """The address axes keys lockouts on: the same one the public forms' rate limits use,
    read from X-Forwarded-For only as far as ``PORTAL_TRUSTED_PROXY_COUNT`` allows."""
    return _client_address(request) or None


def purge_expired_login_failures():
    """Delete failed sign-in records (and any access logs) whose cool-off has passed;
    returns how many were deleted."""
    threshold = timezone.now() - get_cool_off()
    deleted = 0
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        count, _ = model.objects.filter(attempt_time__lte=threshold).delete()
        deleted += count
    return deleted

"""Failed staff sign-ins (django-axes): the client address axes records, and the purge
that keeps those records, which hold an address (an IPv6 visitor's /64), no longer than
the cool-off."""

from axes.helpers import get_cool_off
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.utils import timezone

from portal.visitors import client_network


def login_client_address(request):
    """The address axes keys lockouts on and stores: the visitor's network, as the public
    forms' rate limits count it (an IPv4 address, an IPv6 /64's first address)."""
    return client_network(request) or None


def purge_expired_login_failures():
    """Delete failed sign-in records (and any access logs) whose cool-off has passed;
    returns how many were deleted."""
    threshold = timezone.now() - get_cool_off()
    deleted = 0
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        count, _ = model.objects.filter(attempt_time__lte=threshold).delete()
        deleted += count
    return deleted

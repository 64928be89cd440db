"""When Redis (the cache) cannot be reached, a page answers with the plain "try again"
page (503), never "something went wrong" (500), even though the page cache reads Redis
before any view runs; other errors keep the 500 page. A real Redis client, pointed at a
port where nothing listens (bench/drill restarts a real Redis under load)."""

import socket

import pytest
from django.test import Client
from django.urls import path

from portal.urls import handler500  # this module is the second test's URL map too
from portal.urls import urlpatterns as portal_urlpatterns


def _boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", _boom), *portal_urlpatterns]


def _closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "portal.redis_cache.PortalRedisCache",
            "LOCATION": f"redis://127.0.0.1:{_closed_port()}/0",
        },
    }


def test_pages_answer_try_again_while_redis_is_down(home, redis_down):
    client = Client(raise_request_exception=False)
    for response in (client.get("/"), client.get("/search/?query=lead")):
        assert response.status_code == 503
        assert "Sorry, the site is busy or being updated" in response.text
        assert response["Retry-After"] == "30"
        assert "Traceback" not in response.text
        # The error may come after a report was stored: the page does not say it was not.
        assert "Nothing you sent was saved" not in response.text
    assert client.get("/readyz").status_code == 503


def test_other_errors_keep_the_500_page(home, settings):
    assert handler500 == "portal.unavailable.server_error"
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Sorry, something went wrong on our side" in response.text

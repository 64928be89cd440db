"""The production cache (Redis, ``portal.redis_cache``) against a real ``redis-server``: the
page cache (pages with a form too), its versions and the rate-limit counters work on it as
on the memory cache the other tests use, and a process keeps one Redis client per
connection pool."""

import os
import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import cache

from portal.caching import invalidation, scopes
from portal.redis_cache import PortalRedisCache
from tests.factories import ExplainerPageFactory

REDIS_SERVER = shutil.which("redis-server")


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    if REDIS_SERVER is None:
        missing = "redis-server is not installed (Debian package redis-server)"
        if os.environ.get("CI"):
            pytest.fail(f"{missing}: CI must run the tests of the production cache")
        pytest.skip(missing)
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 (the Debian redis-server, on loopback)
        [
            REDIS_SERVER,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        cwd=tmp_path_factory.mktemp("redis"),
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.1):
                    break
            except OSError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def redis_cache(settings, redis_url):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "portal.redis_cache.PortalRedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "portal-test",
        },
    }
    settings.PORTAL_PAGE_CACHE_SECONDS = 3600
    cache.clear()
    yield cache
    cache.clear()


def test_one_client_per_connection_pool(redis_url):
    backend = PortalRedisCache(redis_url, {})
    client = backend._cache.get_client()
    assert backend._cache.get_client(write=True) is client
    assert backend._cache.get_client("any key") is client
    backend.set("greeting", "¡hola! 👋", 30)
    assert backend.get_many(["greeting", "missing"]) == {"greeting": "¡hola! 👋"}
    assert backend.add("greeting", "other") is False
    backend.set("count", 0, 30)
    assert backend.incr("count") == 1
    backend.delete_many(["greeting", "count"])


def test_pages_are_stored_served_and_dropped_in_redis(
    client, home, redis_cache, django_assert_num_queries
):
    assert type(redis_cache._cache).__name__ == "SharedClientRedisCacheClient"
    page = ExplainerPageFactory(parent=home, title="Your rights", comments_open=False)
    gzip = {"accept-encoding": "gzip"}
    assert client.get(page.url, headers=gzip)["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        hit = client.get(page.url, headers=gzip)
    assert hit["X-Page-Cache"] == "hit" and hit["Content-Encoding"] == "gzip"
    assert client.get(page.url)["X-Page-Cache"] == "miss"  # stored once per compression
    invalidation.invalidate("pages")
    assert client.get(page.url, headers=gzip)["X-Page-Cache"] == "miss"
    redis_cache.delete(scopes.SCOPE_KEY.format("pages"))  # evicted
    assert client.get(page.url, headers=gzip)["X-Page-Cache"] == "miss"
    assert client.get(page.url, headers=gzip)["X-Page-Cache"] == "hit"


def test_a_page_with_a_form_is_stored_in_redis_and_each_visitor_gets_their_own_tokens(
    home, redis_cache, settings, django_assert_num_queries
):
    import gzip
    import re

    from django.test import Client

    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    page = ExplainerPageFactory(parent=home, title="What is LEAD?", comments_open=True)
    pages = []
    for expected in ("miss", "hit", "hit"):
        visitor = Client(enforce_csrf_checks=True)
        if expected == "hit":
            with django_assert_num_queries(0):
                answer = visitor.get(page.url, headers={"accept-encoding": "gzip"})
        else:
            answer = visitor.get(page.url, headers={"accept-encoding": "gzip"})
        assert answer["X-Page-Cache"] == expected
        html = gzip.decompress(answer.content).decode()
        fields = dict(re.findall(r'name="(csrfmiddlewaretoken|form_token)" value="([^"]+)"', html))
        pages.append(fields)
        sent = visitor.post(
            page.url,
            {**fields, "display_name": "", "body": "Is LEAD in Sandtown?", "website": ""},
        )
        assert sent.status_code == 302
    assert len({token for fields in pages for token in fields.values()}) == 6

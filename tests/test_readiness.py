"""``/readyz`` tells a load balancer whether this server can serve: the database and the
cache both answer. Real backends throughout: a Redis client pointed at a port where nothing
listens, a SQLite file that cannot be opened."""

import socket

import pytest
from django.db import DEFAULT_DB_ALIAS, connections

import portal.readiness


def _closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_ready_when_the_database_and_the_cache_answer(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_a_load_balancer_reaches_readyz_by_address_over_plain_http(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/readyz", HTTP_HOST="10.0.3.17:8000").status_code == 200
    assert client.head("/readyz", HTTP_HOST="10.0.3.17:8000").status_code == 200


def test_not_ready_when_the_cache_cannot_be_reached(client, db, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "portal.redis_cache.PortalRedisCache",
            "LOCATION": f"redis://127.0.0.1:{_closed_port()}/0",
        },
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "cache": "unavailable"}
    # /healthz asks only whether the process reaches the database.
    assert client.get("/healthz").status_code == 200


def test_not_ready_when_the_database_cannot_be_reached(client, db, monkeypatch):
    real = connections[DEFAULT_DB_ALIAS]
    if real.vendor != "sqlite":
        pytest.skip("opens a SQLite file that does not exist")
    broken = type(real)(
        {**real.settings_dict, "NAME": "/nonexistent-directory/portal_missing.sqlite3"},
        alias="unreachable",
    )
    monkeypatch.setattr(portal.readiness, "connection", broken)
    try:
        response = client.get("/readyz")
    finally:
        broken.close()
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable", "cache": "ok"}

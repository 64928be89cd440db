"""The routes every public website has: sitemap, robots.txt, health check, error pages."""

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from django.test import Client, override_settings
from django.urls import path

import portal.health
from portal.urls import urlpatterns as portal_urlpatterns
from tests.factories import ExplainerIndexPageFactory, ExplainerPageFactory


def test_sitemap_lists_live_pages_only(client, home):
    lead = ExplainerIndexPageFactory(parent=home)
    ExplainerPageFactory(parent=lead, slug="what-is-lead")
    draft = ExplainerPageFactory(parent=lead, slug="draft-page")
    draft.unpublish()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    xml = response.content.decode()
    assert "<loc>http://localhost/lead/what-is-lead/</loc>" in xml
    assert "<loc>http://localhost/lead/</loc>" in xml
    assert "draft-page" not in xml


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_admin(client, home):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_healthz_reports_a_working_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_a_load_balancer_reaches_healthz_by_address_over_plain_http(client, db, settings):
    """A load balancer calls each server by its own address, without HTTPS; every other
    address keeps the host check and the redirect to HTTPS."""
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST="10.0.3.17:8000")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert client.head("/healthz", HTTP_HOST="10.0.3.17:8000").status_code == 200
    assert client.get("/", HTTP_HOST="10.0.3.17:8000").status_code == 400
    assert client.get("/robots.txt").status_code == 301


def test_healthz_answers_503_when_the_database_is_unreachable(client, db, monkeypatch):
    # A real connection, of the same backend, to a database that does not exist.
    real = connections[DEFAULT_DB_ALIAS]
    broken = type(real)(
        {**real.settings_dict, "NAME": "/nonexistent-directory/portal_missing.sqlite3"},
        alias="unreachable",
    )
    monkeypatch.setattr(portal.health, "connection", broken)
    try:
        response = client.get("/healthz")
    finally:
        broken.close()
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_unknown_address_gets_the_friendly_404_page(client, home):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We can’t find that page" in html
    assert '<nav class="main-nav"' in html


def _boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", _boom), *portal_urlpatterns]


@override_settings(ROOT_URLCONF=__name__)
def test_server_error_gets_the_friendly_500_page(db):
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, something went wrong on our side" in html
    assert "call or text 988" in html


@pytest.mark.parametrize("url", ["/healthz", "/robots.txt", "/search/"])
def test_read_only_routes_refuse_posts(client, db, url):
    assert client.post(url).status_code == 405

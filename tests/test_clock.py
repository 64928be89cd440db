"""The database lives on the site's day: with the tests' clock moved
(.ci/test-moved-clock), PostgreSQL's clock must have moved with Python's, or a default or a
filter the database computes would see another date than the code that reads it."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone


@pytest.mark.django_db
def test_the_database_reads_the_same_clock_as_the_site(request):
    if connection.vendor == "sqlite" and request.config.getoption("clock_ahead_days"):
        pytest.skip("SQLite reads the machine's clock from inside this process, unmoved")
    with connection.cursor() as cursor:
        cursor.execute("SELECT CURRENT_TIMESTAMP")
        database_now = cursor.fetchone()[0]
    if isinstance(database_now, str):  # SQLite: UTC, as text
        database_now = datetime.datetime.fromisoformat(database_now).replace(tzinfo=datetime.UTC)
    assert abs(database_now - timezone.now()) < datetime.timedelta(minutes=1)

"""The backup-and-restore drill (docs/deploy.md, "Backups and restore"), on PostgreSQL.

The demo site is dumped with ``pg_dump -Fc``, restored into a new database with
``pg_restore``, and the copy must hold the same rows in every table and serve the same
published downloads, byte for byte. bench/backup-drill does the same against any
DATABASE_URL.
"""

import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

from publicdata.exports import FORMATS
from publicdata.views import current_releases

PG_BIN = Path("/usr/lib/postgresql/15/bin")

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the backup drill needs PostgreSQL (pg_dump, pg_restore): run it with .ci/with-postgres",
)


def tool(name):
    path = PG_BIN / name if (PG_BIN / name).exists() else shutil.which(name)
    if path is None:
        pytest.fail(f"{name} not found in {PG_BIN} or on PATH", pytrace=False)
    return str(path)


def client_arguments(settings_dict):
    arguments = []
    if settings_dict.get("HOST"):
        arguments += ["--host", settings_dict["HOST"]]
    if settings_dict.get("PORT"):
        arguments += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        arguments += ["--username", settings_dict["USER"]]
    return arguments


def run(*command):
    environment = {**os.environ, "PGPASSWORD": connection.settings_dict.get("PASSWORD") or ""}
    # The commands are the PostgreSQL tools with the test settings, no outside input.
    subprocess.run(command, check=True, env=environment, capture_output=True, timeout=300)  # noqa: S603


def row_counts():
    with connection.cursor() as cursor:
        counts = {}
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
        return counts


def downloads(client):
    cache.clear()
    files = {}
    for release in current_releases():
        for fmt in FORMATS:
            response = client.get(f"/data/{release.dataset.slug}/download.{fmt}")
            assert response.status_code == 200, (release.dataset.slug, fmt)
            files[release.dataset.slug, fmt] = b"".join(response.streaming_content)
    return files


@contextmanager
def database(name):
    """The default connection points at database ``name`` for the block."""
    original = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_has_every_row_and_the_same_downloads(client, tmp_path):
    call_command("load_demo_site", "--no-admin")
    original_counts = row_counts()
    original_files = downloads(client)
    assert original_files, "the demo site publishes datasets"
    assert sum(original_counts.values()) > 0

    settings_dict = connection.settings_dict
    dump = tmp_path / "portal.dump"
    restored = f"{settings_dict['NAME']}_restored"
    run(
        tool("pg_dump"),
        *client_arguments(settings_dict),
        "--format=custom",
        "--no-owner",
        f"--file={dump}",
        settings_dict["NAME"],
    )
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(restored)}")
        cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(restored)}")
    try:
        run(
            tool("pg_restore"),
            *client_arguments(settings_dict),
            "--no-owner",
            "--exit-on-error",
            f"--dbname={restored}",
            str(dump),
        )
        with database(restored):
            restored_counts = row_counts()
            restored_files = downloads(client)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(restored)}")

    assert restored_counts == original_counts
    assert restored_files.keys() == original_files.keys()
    for key, content in original_files.items():
        assert restored_files[key] == content, f"{key} differs after the restore"

"""The reference set-up's files (``deploy/``): the environment file names every variable
of docs/configuration.md, ``deploy/render`` fills in every site-specific name and gives an
nginx configuration that nginx accepts, ``deploy/upstream`` drains and restores a server,
and the daily unit runs commands that exist. bench/drill runs them for real."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def documented_variables():
    text = (ROOT / "docs" / "configuration.md").read_text()
    table = text.split("## Environment variables", 1)[1].split("\n## ", 1)[0]
    names = set()
    for line in table.splitlines():
        if line.startswith("| `"):
            names.update(re.findall(r"`([A-Z][A-Z0-9_]+)`", line.split("|")[1]))
    return names


def template_variables():
    text = (DEPLOY / "portal.env.example").read_text()
    return set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", text, flags=re.M))


def test_the_environment_template_lists_every_documented_variable():
    documented = documented_variables()
    assert len(documented) > 50
    assert documented - template_variables() == set()
    # And nothing the documentation does not explain, but what deploying itself needs.
    assert template_variables() - documented == {"DJANGO_SETTINGS_MODULE", "UV_NO_DEV"}


def site(tmp_path):
    return {
        "PATH": os.environ["PATH"],
        "PORTAL_DEPLOY_ROOT": "/srv/portal",
        "PORTAL_DEPLOY_ETC": str(tmp_path / "etc"),
        "PORTAL_SERVER_NAME": "lead.example.org",
        "PORTAL_HTTP_PORT": "8080",
        "PORTAL_HTTPS_PORT": "8443",
        "PORTAL_TLS_CERTIFICATE": str(tmp_path / "tls.crt"),
        "PORTAL_TLS_KEY": str(tmp_path / "tls.key"),
        "PORTAL_STATIC_ROOT": "/srv/portal/static",
        "PORTAL_MEDIA_ROOT": "/srv/portal/media",
        "PORTAL_NGINX_LOG_DIR": str(tmp_path),
        "PORTAL_GUNICORN_HOST": "10.0.0.11",
        "PORTAL_PG_LISTEN": "10.0.0.5",
        "PORTAL_PG_PORT": "5432",
        "PORTAL_PG_REPLICA_PORT": "5432",
        "PORTAL_PG_PRIMARY_HOST": "10.0.0.5",
        "PORTAL_PG_REPLICATION_USER": "replicator",
        "PORTAL_PG_REPLICA_NAME": "portal_replica",
        "PORTAL_PG_CLIENT_NETWORK": "10.0.0.0/24",
        "PORTAL_PG_AUTH_METHOD": "scram-sha-256",
        "PORTAL_PG_DATABASE": "portal",
        "PORTAL_PG_USER": "portal",
        "PORTAL_REDIS_BIND": "10.0.0.6",
        "PORTAL_REDIS_PORT": "6379",
        "PORTAL_REDIS_MAXMEMORY": "512mb",
        "PORTAL_REDIS_DIR": "/var/lib/redis",
        "PORTAL_APP_SERVERS": "10.0.0.11:8000 10.0.0.12:8000 10.0.0.13:8000",
    }


def render(tmp_path, **changes):
    return subprocess.run(  # noqa: S603 (our own script)
        [DEPLOY / "render", tmp_path / "etc"],
        env={**site(tmp_path), **changes},
        capture_output=True,
        text=True,
        check=False,
    )


def test_render_fills_in_every_site_specific_name(tmp_path):
    done = render(tmp_path)
    assert done.returncode == 0, done.stderr
    etc = tmp_path / "etc"
    for path in etc.iterdir():
        assert "${PORTAL_" not in path.read_text(), path.name
    assert (etc / "nginx-upstreams.conf").read_text().splitlines() == [
        f"server 10.0.0.1{n}:8000 max_fails=1 fail_timeout=3s;" for n in (1, 2, 3)
    ]
    unit = (etc / "portal-gunicorn@.service").read_text()
    assert "EnvironmentFile=" + str(etc / "portal.env") in unit
    assert "ExecStart=/srv/portal/.venv/bin/gunicorn -c portal/gunicorn.conf.py" in unit
    assert "application_name=portal_replica" in (etc / "postgresql-replica.conf").read_text()
    assert "'FIRST 1 (portal_replica)'" in (etc / "postgresql-primary.conf").read_text()


def test_the_daily_unit_runs_the_purges_and_the_statistics_release():
    from django.core.management import get_commands

    unit = (DEPLOY / "systemd" / "portal-purge.service").read_text()
    commands = re.findall(r"^ExecStart=\S+/python manage\.py (\S+)", unit, flags=re.M)
    assert commands == ["purge_expired", "prune_db_task_results", "refresh_feedback_statistics"]
    assert set(commands) <= set(get_commands())


def test_render_names_what_is_missing(tmp_path):
    done = render(tmp_path, PORTAL_SERVER_NAME="", PORTAL_APP_SERVERS="")
    assert done.returncode == 2
    assert "set PORTAL_SERVER_NAME PORTAL_APP_SERVERS" in done.stderr


def test_nginx_accepts_the_rendered_configuration(tmp_path):
    if NGINX is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is not installed: CI must check the deploy configuration")
        pytest.skip("nginx is not installed (Debian package nginx)")
    assert render(tmp_path).returncode == 0
    subprocess.run(  # noqa: S603 (Debian's openssl, a throwaway certificate)
        [
            shutil.which("openssl"),
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=lead.example.org",
            "-keyout",
            tmp_path / "tls.key",
            "-out",
            tmp_path / "tls.crt",
        ],
        capture_output=True,
        check=True,
    )
    main = tmp_path / "nginx.conf"
    main.write_text(
        f"pid {tmp_path}/nginx.pid;\nevents {{}}\nhttp {{\n"
        + "".join(
            f"    {kind}_temp_path {tmp_path}/{kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        + f"    include {tmp_path}/etc/nginx-portal.conf;\n}}\n"
    )
    tested = subprocess.run(  # noqa: S603 (Debian's nginx, checking a file)
        [NGINX, "-t", "-p", tmp_path, "-c", main, "-e", tmp_path / "error.log"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert tested.returncode == 0, tested.stderr
    assert "syntax is ok" in tested.stderr


def test_upstream_drains_and_restores_one_server(tmp_path):
    assert render(tmp_path).returncode == 0
    environment = {
        "PATH": os.environ["PATH"],
        "PORTAL_DEPLOY_ETC": str(tmp_path / "etc"),
        "NGINX_RELOAD": "true",
    }
    upstreams = tmp_path / "etc" / "nginx-upstreams.conf"

    def upstream(*args):
        return subprocess.run(  # noqa: S603 (our own script)
            [DEPLOY / "upstream", *args], env=environment, capture_output=True, text=True
        )

    assert upstream("drain", "10.0.0.12:8000").returncode == 0
    assert upstreams.read_text().splitlines()[1] == "server 10.0.0.12:8000 down;"
    assert "10.0.0.11:8000 max_fails=1" in upstreams.read_text()
    assert upstream("restore", "10.0.0.12:8000").returncode == 0
    assert upstreams.read_text().splitlines()[1] == (
        "server 10.0.0.12:8000 max_fails=1 fail_timeout=3s;"
    )
    unknown = upstream("drain", "10.0.0.99:8000")
    assert unknown.returncode == 2 and "is not in" in unknown.stderr

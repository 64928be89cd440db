"""The failure drill (run through ``bench/drill``; docs/operations.md): the reference set-up
of ``deploy/`` on loopback, a steady load through nginx, and one fault after another.

Set-up, with the files of ``deploy/`` rendered by ``deploy/render`` and used as they are:
PostgreSQL 15 (a primary and a streaming replica made with pg_basebackup, synchronous as
``deploy/postgresql/primary.conf`` says), Redis, three application servers and the task
worker started from their systemd units (this reads ``ExecStart``, ``WorkingDirectory``,
``EnvironmentFile`` and ``Environment``; it runs them as root, without systemd), nginx with
TLS in front; the demo site loaded on the primary; uploads on a small tmpfs.

Load, for the whole drill: page views, searches, downloads and API calls from a few
readers, and residents who fetch the report form and post it, each from their own
loopback address (127.x.y.z), so rate limits count them apart as they would real people.

Faults, one at a time: ``kill`` (kill -9 of one application server with submissions in
flight, then started again), ``redis`` (restarted empty), ``worker`` (stopped for two
minutes), ``release`` (a rolling release with a migration that adds a column),
``failover`` (the primary stopped hard, the replica promoted, the servers pointed at it),
``disk`` (the uploads' file system filled). Before the failover it measures the cost of
synchronous replication in submissions per second.

For each fault: the requests that failed and what they got, the time until every answer
was good again, and a publication checked on every server. At the end every report a
resident was given a receipt code for is looked up in the database. Exit status 1 when an
acknowledged report is missing (outside the failover, whose loss is stated), a stack
trace was served, or a server showed a publication late.
"""

import argparse
import concurrent.futures
import contextlib
import datetime
import http.client
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from environment import free_port, log
from load import form_fields

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
RESULTS = ROOT / "bench" / "results"
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
PYTHON = Path(sys.executable)
FAULTS = ("kill", "redis", "worker", "release", "failover", "disk")
SERVERS = 3
REPLICA_NAME = "portal_replica"
EXPLAINER = "/lead/what-is-lead/"
READS = [
    # (kind, path, weight)
    ("page", "/", 4),
    ("page", "/es/", 1),
    ("page", EXPLAINER, 3),
    ("page", "/news/", 2),
    ("page", "/data/", 2),
    ("page", "/feedback/published/", 2),
    ("page", "/data/referrals-and-enrolments/", 2),
    ("search", "/search/?query=lead", 1),
    ("search", "/search/?query=treatment", 1),
    ("search", "/search/?query=rights", 1),
    ("download", "/data/referrals-and-enrolments/download.csv", 1),
    ("download", "/data/referrals-and-enrolments/download.json", 1),
    ("download", "/data/referrals-and-enrolments/download.xlsx", 1),
    ("download", "/data/lead-baltimore-open-data.zip", 1),
    ("api", "/api/v1/datasets", 2),
    ("api", "/api/v1/datasets/referrals-and-enrolments", 1),
]
TRY_AGAIN = "Sorry, the site is busy or being updated"
# A kept-alive connection the server closed before answering (nginx closes idle ones when
# it reloads): a browser sends the request again on a new connection (RFC 9110, 9.2.2);
# a report sent again with the same form gets the same receipt code.
CLOSED_BEFORE_ANSWER = (
    http.client.RemoteDisconnected,
    ConnectionResetError,
    BrokenPipeError,
    ssl.SSLEOFError,
    ssl.SSLZeroReturnError,
)
NGINX_TRY_AGAIN = "Lo sentimos, el sitio está ocupado"
RECEIPT = re.compile(r'class="receipt-code">([^<]+)<')


def now():
    return time.monotonic()


def run(command, **options):
    options.setdefault("check", True)
    return subprocess.run(command, **options)  # noqa: S603 (Debian's servers, our own code)


def as_postgres(*command, **options):
    return run(["runuser", "-u", "postgres", "--", *map(str, command)], **options)


def normalised_code(code):
    return re.sub(r"[^0-9A-Z]", "", code.upper())


# --- what an answer was --------------------------------------------------------------------


def what_it_got(status, body, error=None):
    """A short name for an answer that was not the expected one."""
    if error is not None:
        return f"connection error ({error})"
    text = body.decode("utf-8", "replace")
    if "Traceback (most recent call last)" in text:
        return f"{status} with a STACK TRACE"
    if status == 503 and NGINX_TRY_AGAIN in text:
        return "503 try-again page (nginx)"
    if status == 503 and TRY_AGAIN in text:
        return "503 try-again page (application)"
    if "<center>nginx</center>" in text:
        return f"{status} nginx's own error page"
    return f"{status} other"


def clean(what):
    return what.startswith("503 try-again page")


# --- the load --------------------------------------------------------------------------------


class Load:
    """Readers and residents through nginx, each answer recorded with the phase it started
    in; ``pause()`` holds them (for the submission-rate measurement)."""

    def __init__(self, drill, reader_threads, resident_rate, min_fill):
        self.drill = drill
        self.reader_threads = reader_threads
        self.resident_rate = resident_rate
        self.min_fill = min_fill
        self.records = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.running = threading.Event()
        self.running.set()
        self.threads = []
        self.resident_number = 0
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=48)
        self.in_flight_posts = 0

    def record(self, **entry):
        with self.lock:
            self.records.append(entry)

    def start(self):
        for number in range(self.reader_threads):
            thread = threading.Thread(target=self.reader, args=(number,), daemon=True)
            thread.start()
            self.threads.append(thread)
        thread = threading.Thread(target=self.residents, daemon=True)
        thread.start()
        self.threads.append(thread)

    def stop(self):
        self.stopping.set()
        self.running.set()
        for thread in self.threads:
            thread.join(timeout=30)
        self.pool.shutdown(wait=True)

    def pause(self):
        self.running.clear()
        time.sleep(self.min_fill + 8)  # the residents in hand finish

    def resume(self):
        self.running.set()

    def reader(self, number):
        import random

        chooser = random.Random(number)  # noqa: S311 (which page next, not a secret)
        paths = [(kind, path) for kind, path, weight in READS for _ in range(weight)]
        connection, uses = None, 0
        while not self.stopping.is_set():
            self.running.wait()
            kind, path = chooser.choice(paths)
            started, phase = now(), self.drill.phase
            retried = False
            while True:
                try:
                    if connection is None:
                        connection, uses = self.drill.https_connection(), 0
                    uses += 1
                    status, _headers, body = request(connection, "GET", path)
                    what = None if status == 200 else what_it_got(status, body)
                except (OSError, http.client.HTTPException) as error:
                    connection = None
                    if uses > 1 and not retried and isinstance(error, CLOSED_BEFORE_ANSWER):
                        retried = True
                        continue
                    status, what = None, what_it_got(None, b"", type(error).__name__)
                break
            self.record(
                kind=kind,
                path=path,
                phase=phase,
                started=started,
                finished=now(),
                status=status,
                what=what,
                retried=retried,
            )
            time.sleep(max(0.0, 0.25 - (now() - started)))

    def residents(self):
        next_at = now()
        while not self.stopping.is_set():
            self.running.wait()
            if self.stopping.is_set():
                break
            self.resident_number += 1
            self.pool.submit(self.resident, self.resident_number)
            next_at += 1 / self.resident_rate
            time.sleep(max(0.0, next_at - now()))
            next_at = max(next_at, now() - 1)

    def resident(self, number, post_at=None):
        """One resident: the form, the fill time, the post; the receipt code if given."""
        address = f"127.{1 + (number >> 16) % 250}.{(number >> 8) & 255}.{number & 255 or 1}"
        phase, started = self.drill.phase, now()
        entry = {
            "kind": "report",
            "path": "/feedback/",
            "phase": phase,
            "started": started,
            "number": number,
            "status": None,
            "what": None,
        }
        try:
            connection = self.drill.https_connection(source=address)
            status, headers, body = request(connection, "GET", "/feedback/")
            if status != 200:
                entry.update(status=status, what="form: " + what_it_got(status, body))
                return entry
            cookie = next(
                c.split(";")[0]
                for c in headers.get_all("Set-Cookie") or []
                if c.startswith("csrftoken=")
            )
            fields = form_fields(body.decode())
            today = datetime.date.today()
            fields.update(
                interaction_date=(today - datetime.timedelta(days=1 + number % 60)).isoformat(),
                account=f"Resident {number} of the drill: an officer explained the program "
                "near the market and gave me the number to call.",
                website="",
            )
            time.sleep(max(self.min_fill + 0.3, (post_at or 0) - now()))
            entry["phase"], entry["started"] = self.drill.phase, now()
            with self.lock:
                self.in_flight_posts += 1
            post = (
                "POST",
                "/feedback/",
                urllib.parse.urlencode(fields).encode(),
                {
                    "Cookie": cookie,
                    "Origin": self.drill.public_url,
                    "Referer": self.drill.public_url + "/feedback/",
                    "Content-Type": "application/x-www-form-urlencoded",
                },
            )
            try:
                try:
                    status, _headers, body = request(connection, *post)
                except CLOSED_BEFORE_ANSWER:
                    entry["retried"] = True
                    connection = self.drill.https_connection(source=address)
                    status, _headers, body = request(connection, *post)
            finally:
                with self.lock:
                    self.in_flight_posts -= 1
            code = RECEIPT.search(body.decode("utf-8", "replace"))
            entry["status"] = status
            if status == 200 and code:
                entry["receipt"] = normalised_code(code.group(1))
            else:
                entry["what"] = what_it_got(status, body)
        except (OSError, http.client.HTTPException, StopIteration, ValueError) as error:
            entry["what"] = what_it_got(None, b"", type(error).__name__)
        finally:
            entry["finished"] = now()
            self.record(**entry)
        return entry


def request(connection, method, path, body=None, headers=None):
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    return response.status, response.headers, response.read()


# --- the drill ---------------------------------------------------------------------------------


class Drill:
    def __init__(self, options):
        self.options = options
        self.workdir = Path(tempfile.mkdtemp(prefix="portal-drill."))
        self.workdir.chmod(0o755)
        self.etc = self.workdir / "etc"
        self.ports = {
            "pg": free_port(),
            "replica": free_port(),
            "redis": free_port(),
            "http": free_port(),
            "https": free_port(),
            "old_primary": free_port(),
            "servers": [free_port() for _ in range(SERVERS)],
        }
        self.public_url = f"https://127.0.0.1:{self.ports['https']}"
        self.phase = "set-up"
        self.phases = []
        self.processes = {}
        self.release_root = ROOT
        self.database_port = self.ports["pg"]
        self.results = {"faults": {}, "publications": []}
        self.uploads_mounted = False
        self.load = None

    # --- files and processes

    def render(self, root, out):
        variables = {
            "PORTAL_DEPLOY_ROOT": str(root),
            "PORTAL_DEPLOY_ETC": str(self.etc),
            "PORTAL_SERVER_NAME": "127.0.0.1",
            "PORTAL_HTTP_PORT": str(self.ports["http"]),
            "PORTAL_HTTPS_PORT": str(self.ports["https"]),
            "PORTAL_TLS_CERTIFICATE": str(self.workdir / "tls" / "portal.crt"),
            "PORTAL_TLS_KEY": str(self.workdir / "tls" / "portal.key"),
            "PORTAL_STATIC_ROOT": str(self.workdir / "static"),
            "PORTAL_MEDIA_ROOT": str(self.workdir / "uploads" / "media"),
            "PORTAL_NGINX_LOG_DIR": str(self.workdir / "nginx"),
            "PORTAL_GUNICORN_HOST": "127.0.0.1",
            "PORTAL_PG_LISTEN": "127.0.0.1",
            "PORTAL_PG_PORT": str(self.ports["pg"]),
            "PORTAL_PG_REPLICA_PORT": str(self.ports["replica"]),
            "PORTAL_PG_PRIMARY_HOST": "127.0.0.1",
            "PORTAL_PG_REPLICATION_USER": "replicator",
            "PORTAL_PG_REPLICA_NAME": REPLICA_NAME,
            "PORTAL_PG_CLIENT_NETWORK": "127.0.0.1/32",
            # Loopback only; a real site uses scram-sha-256 and a .pgpass file.
            "PORTAL_PG_AUTH_METHOD": "trust",
            "PORTAL_PG_DATABASE": "portal",
            "PORTAL_PG_USER": "portal",
            "PORTAL_REDIS_BIND": "127.0.0.1",
            "PORTAL_REDIS_PORT": str(self.ports["redis"]),
            "PORTAL_REDIS_MAXMEMORY": "256mb",
            "PORTAL_REDIS_DIR": str(self.workdir / "redis"),
            "PORTAL_APP_SERVERS": " ".join(f"127.0.0.1:{p}" for p in self.ports["servers"]),
        }
        run(
            [DEPLOY / "render", out],
            env={"PATH": os.environ["PATH"], **variables},
            stdout=subprocess.DEVNULL,
        )

    def environment_file(self):
        """``portal.env`` from ``deploy/portal.env.example``: each variable the drill sets
        replaces its line; every other line stays as the template has it."""
        from cryptography.fernet import Fernet

        values = {
            # Production, less the captcha and mail (portal/settings/bench.py).
            "DJANGO_SETTINGS_MODULE": "portal.settings.bench",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "127.0.0.1",
            "CSRF_TRUSTED_ORIGINS": self.public_url,
            "PORTAL_BASE_URL": self.public_url,
            "DATABASE_URL": f"postgres://portal@127.0.0.1:{self.database_port}/portal",
            "REDIS_URL": f"redis://127.0.0.1:{self.ports['redis']}/0",
            "FEEDBACK_CONTACT_KEYS": Fernet.generate_key().decode(),
            "RECAPTCHA_PUBLIC_KEY": "drill-site-key",
            "RECAPTCHA_PRIVATE_KEY": "drill-secret-key",
            "PORTAL_TRUSTED_PROXY_COUNT": "1",
            "STATIC_ROOT": str(self.workdir / "static"),
            "MEDIA_ROOT": str(self.workdir / "uploads" / "media"),
            "PRIVATE_MEDIA_ROOT": str(self.workdir / "uploads" / "private"),
            "PORTAL_TASKS_BACKEND": "database",
            "LOG_LEVEL": "WARNING",
            # Three servers of two workers share this machine's CPUs with the rest.
            "WEB_CONCURRENCY": "2",
        }
        lines = []
        for line in (DEPLOY / "portal.env.example").read_text().splitlines():
            name = re.match(r"#? ?([A-Z][A-Z0-9_]*)=", line)
            if name and name.group(1) in values:
                line = f"{name.group(1)}={values.pop(name.group(1))}"
            lines.append(line)
        if values:
            raise SystemExit(f"deploy/portal.env.example lacks {', '.join(values)}")
        path = self.etc / "portal.env"
        path.write_text("\n".join(lines) + "\n")
        path.chmod(0o600)

    def set_database_url(self, port):
        path = self.etc / "portal.env"
        path.write_text(
            re.sub(
                r"^DATABASE_URL=.*$",
                f"DATABASE_URL=postgres://portal@127.0.0.1:{port}/portal",
                path.read_text(),
                flags=re.M,
            )
        )
        self.database_port = port

    def unit(self, name, instance=None, etc=None):
        """(argv, working directory, environment) of a systemd unit's service."""
        text = ((etc or self.etc) / name).read_text().replace("%i", instance or "")
        service = text.split("[Service]", 1)[1].split("\n[", 1)[0]
        settings = [
            line.split("=", 1)
            for line in service.splitlines()
            if "=" in line and not line.lstrip().startswith("#")
        ]
        environment = {"PATH": os.environ["PATH"], "HOME": str(self.workdir), "LANG": "C.UTF-8"}
        command, directory = None, None
        for key, value in settings:
            key = key.strip()
            if key == "EnvironmentFile":
                environment.update(read_environment_file(Path(value)))
            elif key == "Environment":
                variable, _, setting = value.partition("=")
                environment[variable] = setting
            elif key == "WorkingDirectory":
                directory = value
            elif key == "ExecStart" and command is None:
                command = shlex.split(value)
        return command, directory, environment

    def start_unit(self, key, name, instance=None, etc=None):
        command, directory, environment = self.unit(name, instance, etc)
        log_file = (self.workdir / "logs" / f"{key}.log").open("a")
        self.processes[key] = subprocess.Popen(  # noqa: S603 (the unit's own command)
            command,
            cwd=directory,
            env=environment,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def manage(self, *args, extra=None, root=None):
        _command, _directory, environment = self.unit("portal-worker.service")
        with (self.workdir / "logs" / "manage.log").open("a") as output:
            finished = run(
                [PYTHON, "manage.py", *args],
                cwd=root or self.release_root,
                env={**environment, **(extra or {})},
                stdout=output,
                stderr=output,
                check=False,
            )
        if finished.returncode:
            tail = (self.workdir / "logs" / "manage.log").read_text()[-3000:]
            raise SystemExit(f"manage.py {args[0]} failed:\n{tail}")

    def stop_process(self, key, sig=signal.SIGTERM, timeout=90):
        process = self.processes.pop(key, None)
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def nginx(self, *args):
        run(
            [
                "nginx",
                "-p",
                self.workdir / "nginx",
                "-c",
                self.workdir / "nginx" / "nginx.conf",
                "-e",
                self.workdir / "nginx" / "error.log",
                *args,
            ]
        )

    def nginx_reload_command(self):
        return (
            f"nginx -p {self.workdir}/nginx -c {self.workdir}/nginx/nginx.conf "
            f"-e {self.workdir}/nginx/error.log -s reload"
        )

    def upstream(self, action, port):
        run(
            [DEPLOY / "upstream", action, f"127.0.0.1:{port}"],
            env={
                "PATH": os.environ["PATH"],
                "PORTAL_DEPLOY_ETC": str(self.etc),
                "NGINX_RELOAD": self.nginx_reload_command(),
            },
        )

    def https_connection(self, source=None):
        context = ssl.create_default_context(cafile=str(self.workdir / "tls" / "portal.crt"))
        return http.client.HTTPSConnection(
            "127.0.0.1",
            self.ports["https"],
            timeout=30,
            context=context,
            source_address=(source, 0) if source else None,
        )

    def server_get(self, port, path):
        """A request straight to one application server, as nginx sends it."""
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            return request(
                connection,
                "GET",
                path,
                headers={
                    "Host": f"127.0.0.1:{self.ports['https']}",
                    "X-Forwarded-Proto": "https",
                    "X-Forwarded-For": "127.0.0.9",
                },
            )
        finally:
            connection.close()

    def wait_ready(self, port, seconds=90):
        deadline = now() + seconds
        while now() < deadline:
            with contextlib.suppress(OSError, http.client.HTTPException):
                if self.server_get(port, "/readyz")[0] == 200:
                    return
            time.sleep(0.5)
        raise SystemExit(f"the server on port {port} was not ready within {seconds} s")

    def sql(self, query, port=None, database="portal"):
        import psycopg

        with psycopg.connect(
            f"postgres://postgres@127.0.0.1:{port or self.database_port}/{database}",
            autocommit=True,
            connect_timeout=5,
        ) as connection:
            cursor = connection.execute(query)
            return cursor.fetchall() if cursor.description else []

    # --- set-up

    def set_up(self):
        for folder in ("logs", "nginx/tmp", "redis", "tls", "static", "uploads", "pg"):
            (self.workdir / folder).mkdir(parents=True, exist_ok=True)
        (self.workdir / "nginx" / "tmp").chmod(0o777)
        self.mount_uploads()
        (self.workdir / "uploads" / "media").mkdir(exist_ok=True)
        (self.workdir / "uploads" / "private").mkdir(exist_ok=True)
        self.render(ROOT, self.etc)
        self.environment_file()
        run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
                "-keyout",
                self.workdir / "tls" / "portal.key",
                "-out",
                self.workdir / "tls" / "portal.crt",
            ],
            capture_output=True,
        )
        self.start_postgres()
        self.start_redis()
        log("migrating and loading the demo site on the primary")
        self.manage("migrate", "--noinput")
        self.manage("load_demo_site", "--no-admin")
        self.manage("collectstatic", "--noinput")
        for port in self.ports["servers"]:
            self.start_unit(f"server-{port}", "portal-gunicorn@.service", str(port))
        self.start_unit("worker", "portal-worker.service")
        self.start_nginx()
        for port in self.ports["servers"]:
            self.wait_ready(port)
        log(
            f"nginx on {self.public_url}, servers on {self.ports['servers']}, "
            f"primary on {self.ports['pg']}, replica on {self.ports['replica']}"
        )

    def mount_uploads(self):
        uploads = self.workdir / "uploads"
        mounted = run(
            ["mount", "-t", "tmpfs", "-o", f"size={self.options.uploads_mb}m", "tmpfs", uploads],
            check=False,
            capture_output=True,
        )
        self.uploads_mounted = mounted.returncode == 0
        if not self.uploads_mounted:
            log("uploads: this machine allows no tmpfs mount; the disk fault cannot be run")

    def start_postgres(self):
        if run(["id", "postgres"], check=False, capture_output=True).returncode != 0:
            run(
                [
                    "useradd",
                    "--system",
                    "--no-create-home",
                    "--shell",
                    "/usr/sbin/nologin",
                    "postgres",
                ]
            )
        pg = self.workdir / "pg"
        run(["chown", "postgres", pg])
        primary, replica = pg / "primary", pg / "replica"
        as_postgres(
            PG_BIN / "initdb",
            "-D",
            primary,
            "--auth=trust",
            "-U",
            "postgres",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            stdout=subprocess.DEVNULL,
        )
        with (primary / "postgresql.conf").open("a") as conf:
            conf.write(
                f"\nunix_socket_directories = '{pg}'\n"
                f"include '{self.etc}/postgresql-primary.conf'\n"
            )
        with (primary / "pg_hba.conf").open("a") as hba:
            hba.write((self.etc / "pg_hba-replication.conf").read_text())
        self.pg_ctl(primary, "start")
        self.sql_as_postgres("CREATE ROLE portal LOGIN CREATEDB")
        self.sql_as_postgres("CREATE ROLE replicator LOGIN REPLICATION")
        self.sql_as_postgres("CREATE DATABASE portal OWNER portal")
        # The standby first: with synchronous replication every commit waits for it.
        as_postgres(
            PG_BIN / "pg_basebackup",
            "-h",
            "127.0.0.1",
            "-p",
            self.ports["pg"],
            "-U",
            "replicator",
            "-D",
            replica,
            "-X",
            "stream",
            "-c",
            "fast",
        )
        conf = (
            (replica / "postgresql.conf")
            .read_text()
            .replace(
                f"include '{self.etc}/postgresql-primary.conf'",
                f"include '{self.etc}/postgresql-replica.conf'",
            )
        )
        (replica / "postgresql.conf").write_text(conf)
        (replica / "standby.signal").touch()
        run(["chown", "-R", "postgres", replica])
        self.pg_ctl(replica, "start")
        self.wait_streaming()

    def pg_ctl(self, data, action, *options):
        as_postgres(
            PG_BIN / "pg_ctl",
            "-D",
            data,
            "-l",
            data.parent / f"{data.name}.log",
            "-w",
            "-t",
            "60",
            *options,
            action,
            stdout=subprocess.DEVNULL,
        )

    def sql_as_postgres(self, query, port=None):
        # Before the standby exists: these commits must not wait for it.
        as_postgres(
            "env",
            "PGOPTIONS=-c synchronous_commit=local",
            PG_BIN / "psql",
            "-h",
            "127.0.0.1",
            "-p",
            port or self.ports["pg"],
            "-U",
            "postgres",
            "-v",
            "ON_ERROR_STOP=1",
            "-qc",
            query,
            stdout=subprocess.DEVNULL,
        )

    def wait_streaming(self):
        for _ in range(120):
            rows = self.sql(
                "SELECT sync_state FROM pg_stat_replication WHERE application_name"  # noqa: S608
                f" = '{REPLICA_NAME}' AND state = 'streaming'",
                self.ports["pg"],
                "postgres",
            )
            if rows:
                log(f"replica streaming ({rows[0][0]})")
                return
            time.sleep(0.5)
        raise SystemExit("the replica did not start streaming")

    def start_redis(self):
        log_file = (self.workdir / "logs" / "redis.log").open("a")
        self.processes["redis"] = subprocess.Popen(  # noqa: S603 (Debian's redis-server)
            [shutil.which("redis-server"), str(self.etc / "redis-portal.conf")],
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        for _ in range(100):
            with contextlib.suppress(OSError):
                import socket

                socket.create_connection(("127.0.0.1", self.ports["redis"]), 0.2).close()
                return
            time.sleep(0.1)
        raise SystemExit("redis-server did not start")

    def start_nginx(self):
        conf = self.workdir / "nginx" / "nginx.conf"
        tmp = self.workdir / "nginx" / "tmp"
        conf.write_text(
            f"pid {self.workdir}/nginx/nginx.pid;\nworker_processes 1;\n"
            "events { worker_connections 1024; }\n"
            "http {\n    include /etc/nginx/mime.types;\n"
            "    default_type application/octet-stream;\n    sendfile on;\n"
            + "".join(
                f"    {kind}_temp_path {tmp}/{kind};\n"
                for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
            )
            + f"    include {self.etc}/nginx-portal.conf;\n}}\n"
        )
        self.nginx("-t", "-q")
        self.nginx()

    # --- phases

    def begin(self, name):
        self.phase = name
        self.phases.append({"name": name, "start": now()})
        log(f"--- {name}")

    def fault_now(self):
        """The moment the fault itself happens, in this phase: recovery is counted from it."""
        self.phases[-1]["fault_at"] = now()
        return self.phases[-1]["fault_at"]

    def publish_and_check(self, label):
        """Publish a change from a process of its own (as another server would), then ask
        each server and nginx at once whether they show it."""
        marker = f"drill {label} {secrets.token_hex(3)}"
        script = (
            "from home.models import ExplainerPage\n"
            f"page = ExplainerPage.objects.get(url_path__endswith='{EXPLAINER}', "
            "locale__language_code='en')\n"
            f"page.title = 'What is LEAD? ({marker})'\n"
            "page.save_revision().publish()\n"
        )
        self.manage("shell", "-c", script)
        published = now()
        shown = {}
        for port in self.ports["servers"]:
            try:
                status, _headers, body = self.server_get(port, EXPLAINER)
                shown[str(port)] = status == 200 and marker in body.decode()
            except (OSError, http.client.HTTPException):
                shown[str(port)] = False
        connection = self.https_connection()
        status, _headers, body = request(connection, "GET", EXPLAINER)
        shown["nginx"] = status == 200 and marker in body.decode()
        entry = {
            "after": label,
            "every_server_shows_it": all(shown.values()),
            "shown": shown,
            "checked_within_seconds": round(now() - published, 2),
        }
        self.results["publications"].append(entry)
        log(f"publication after {label}: {shown}")
        return entry

    def settle(self, seconds):
        time.sleep(seconds)

    # faults

    def fault_kill(self):
        self.begin("kill")
        port = self.ports["servers"][0]
        # A group of residents who post at the same moment, so that every server, the one
        # killed included, has submissions in hand when it dies.
        post_at = now() + self.load.min_fill + 3
        for _ in range(self.options.kill_burst):
            self.load.resident_number += 1
            self.load.pool.submit(self.load.resident, self.load.resident_number, post_at)
        while now() < post_at + 2 and self.load.in_flight_posts < self.options.kill_burst // 2:
            time.sleep(0.005)
        in_flight = self.load.in_flight_posts
        started = self.fault_now()
        self.stop_process(f"server-{port}", signal.SIGKILL, timeout=10)
        log(f"kill -9 of the server on {port} with {in_flight} submissions in flight")
        time.sleep(5)  # systemd's RestartSec
        self.start_unit(
            f"server-{port}", "portal-gunicorn@.service", str(port), etc=self.release_etc()
        )
        self.wait_ready(port)
        restarted = now() - started
        self.settle(self.options.settle)
        return {
            "submissions_in_flight_at_the_kill": in_flight,
            "server_back_after_s": round(restarted, 1),
        }

    def fault_redis(self):
        self.begin("redis")
        self.publish_and_check("before the Redis restart")
        self.fault_now()
        self.stop_process("redis")
        time.sleep(2)
        self.start_redis()
        # Straight after: every server shows what was published before, then a new change.
        just_after = {}
        for port in self.ports["servers"]:
            _status, _headers, body = self.server_get(port, EXPLAINER)
            last = self.results["publications"][-1]
            marker = re.search(r"drill before the Redis restart \w+", body.decode())
            just_after[str(port)] = bool(marker) and last["every_server_shows_it"]
        self.settle(self.options.settle)
        return {"down_seconds": 2, "every_server_showed_the_last_publication": just_after}

    def fault_worker(self):
        self.begin("worker")
        self.stop_process("worker")
        stopped = self.fault_now()
        stopped_at = self.sql("SELECT now()")[0][0]
        waiting = []
        while now() - stopped < self.options.worker_stop_seconds:
            time.sleep(10)
            waiting.append(self.ready_tasks())
        restarted_at = self.sql("SELECT now()")[0][0]
        self.start_unit("worker", "portal-worker.service", etc=self.release_etc())
        restarted = now()
        drained = None
        while now() - restarted < 180:
            # What waited while the worker was stopped (new tasks keep coming meanwhile).
            if self.ready_tasks(before=restarted_at) == 0:
                drained = round(now() - restarted, 1)
                break
            time.sleep(1)
        self.settle(self.options.settle)
        return {
            "stopped_seconds": self.options.worker_stop_seconds,
            "tasks_waiting_most": max(waiting, default=0),
            "reports_sent_while_stopped": self.reports_between(stopped_at, restarted_at),
            "waiting_tasks_done_after_restart_s": drained,
        }

    def reports_between(self, start, end):
        return self.sql_with(
            "SELECT count(*) FROM feedback_report WHERE created_at >= %s AND created_at < %s",
            [start, end],
        )[0][0]

    def ready_tasks(self, before=None):
        query = "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'READY'"
        if before is None:
            return self.sql(query)[0][0]
        return self.sql_with(query + " AND enqueued_at < %s", [before])[0][0]

    def release_etc(self):
        return self.workdir / "etc-release" if self.release_root != ROOT else self.etc

    def build_release(self):
        """A copy of this tree with one more migration: a nullable column on reports."""
        release = self.workdir / "release-2"
        files = (
            run(
                ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                cwd=ROOT,
                capture_output=True,
            )
            .stdout.decode()
            .split("\0")
        )
        for name in filter(None, files):
            source = ROOT / name
            if source.is_file():
                target = release / name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)
        for compiled in ROOT.glob("locale/*/LC_MESSAGES/*.mo"):
            shutil.copy2(compiled, release / compiled.relative_to(ROOT))
        for shared in (".venv", "node_modules"):
            (release / shared).symlink_to(ROOT / shared)
        migrations = sorted((release / "feedback" / "migrations").glob("0*.py"))
        last = migrations[-1].stem
        number = int(last.split("_")[0]) + 1
        (release / "feedback" / "migrations" / f"{number:04d}_report_release_note.py").write_text(
            "from django.db import migrations, models\n\n\n"
            "class Migration(migrations.Migration):\n"
            f"    dependencies = [('feedback', '{last}')]\n"
            "    operations = [\n"
            "        migrations.AddField('report', 'release_note', "
            "models.TextField(blank=True, null=True)),\n"
            "    ]\n"
        )
        return release

    def fault_release(self):
        self.begin("release")
        release = self.build_release()
        self.render(release, self.workdir / "etc-release")
        # Expand: migrate once, from the new release, while the old one serves.
        self.manage("migrate", "--noinput", root=release, extra={"PGOPTIONS": "-c lock_timeout=5s"})
        self.manage("collectstatic", "--noinput", root=release)
        self.release_root = release
        self.fault_now()
        timings = []
        for port in self.ports["servers"]:
            started = now()
            self.upstream("drain", port)
            time.sleep(2)  # nginx's old workers finish what they sent it
            self.stop_process(f"server-{port}")
            self.start_unit(
                f"server-{port}", "portal-gunicorn@.service", str(port), etc=self.release_etc()
            )
            self.wait_ready(port)
            self.upstream("restore", port)
            timings.append(round(now() - started, 1))
        self.stop_process("worker")
        self.start_unit("worker", "portal-worker.service", etc=self.release_etc())
        column = self.sql(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = "
            "'feedback_report' AND column_name = 'release_note'"
        )[0][0]
        self.settle(self.options.settle)
        return {"seconds_out_of_nginx_per_server": timings, "column_added": bool(column)}

    def measure_submission_rate(self, synchronous, residents=40):
        """Submissions per second through nginx, many residents posting at once, with the
        primary's commits waiting for the standby or not."""
        setting = (
            "ALTER SYSTEM RESET synchronous_standby_names"
            if synchronous
            else "ALTER SYSTEM SET synchronous_standby_names = ''"
        )
        self.sql(setting, self.ports["pg"], "postgres")
        self.sql("SELECT pg_reload_conf()", self.ports["pg"], "postgres")
        time.sleep(1)
        mode = self.sql("SHOW synchronous_standby_names", self.ports["pg"], "postgres")[0][0]
        post_at = now() + self.load.min_fill + 6
        with concurrent.futures.ThreadPoolExecutor(max_workers=residents) as pool:
            numbers = [900000 + self.load.resident_number + n for n in range(residents)]
            self.load.resident_number += residents + 1
            outcomes = list(pool.map(lambda n: self.load.resident(n, post_at), numbers))
        acknowledged = [o for o in outcomes if "receipt" in o]
        span = max(o["finished"] for o in acknowledged) - post_at if acknowledged else 0
        return {
            "synchronous_standby_names": mode,
            "residents": residents,
            "acknowledged": len(acknowledged),
            "per_second": round(len(acknowledged) / span, 1) if span else None,
        }

    def synchronous_cost(self):
        self.begin("synchronous replication cost")
        self.load.pause()
        rounds = []
        for synchronous in (False, True, False, True):
            rounds.append(self.measure_submission_rate(synchronous))
        self.load.resume()
        asynchronous = [r["per_second"] for r in rounds if not r["synchronous_standby_names"]]
        synchronous = [r["per_second"] for r in rounds if r["synchronous_standby_names"]]
        best_async, best_sync = max(asynchronous), max(synchronous)
        return {
            "rounds": rounds,
            "asynchronous_per_second": best_async,
            "synchronous_per_second": best_sync,
            "cost_percent": round(100 * (1 - best_sync / best_async), 1),
        }

    def fault_failover(self):
        self.begin("failover")
        primary, replica = self.workdir / "pg" / "primary", self.workdir / "pg" / "replica"
        before = self.sql(
            "SELECT sync_state, pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn), "
            "extract(epoch FROM replay_lag) FROM pg_stat_replication",
            self.ports["pg"],
            "postgres",
        )
        started = self.fault_now()
        self.pg_ctl(primary, "stop", "-m", "immediate")
        log("primary stopped (immediate: as a crash)")
        at_promotion = self.sql(
            "SELECT (pg_last_committed_xact()).xid::text::bigint, "
            "(pg_last_committed_xact()).timestamp, pg_last_wal_replay_lsn()::text",
            self.ports["replica"],
            "postgres",
        )[0]
        self.pg_ctl(replica, "promote")
        promoted = now() - started
        self.set_database_url(self.ports["replica"])
        for port in self.ports["servers"]:
            self.stop_process(f"server-{port}")
            self.start_unit(
                f"server-{port}", "portal-gunicorn@.service", str(port), etc=self.release_etc()
            )
        self.stop_process("worker")
        self.start_unit("worker", "portal-worker.service", etc=self.release_etc())
        for port in self.ports["servers"]:
            self.wait_ready(port)
        serving = now() - started
        self.settle(self.options.settle)
        return {
            "replication_before": [list(map(str, row)) for row in before],
            "replica_at_promotion": list(map(str, at_promotion)),
            "promoted_after_s": round(promoted, 1),
            "servers_on_new_primary_after_s": round(serving, 1),
        }

    def failover_loss(self, at_promotion):
        """Start the old primary alone (crash recovery, nothing else) and compare its last
        commit and its reports with the new primary's."""
        primary = self.workdir / "pg" / "primary"
        self.pg_ctl(
            primary,
            "start",
            "-o",
            f"-p {self.ports['old_primary']} -c synchronous_standby_names=''",
        )
        try:
            last = self.sql(
                "SELECT (pg_last_committed_xact()).xid::text::bigint, "
                "(pg_last_committed_xact()).timestamp",
                self.ports["old_primary"],
                "postgres",
            )[0]
            old_codes = {
                normalised_code(c)
                for (c,) in self.sql(
                    "SELECT receipt_code FROM feedback_report", self.ports["old_primary"]
                )
            }
        finally:
            self.pg_ctl(primary, "stop", "-m", "fast")
        xid, timestamp = at_promotion
        new_codes = self.stored_receipts()
        return {
            "transactions_behind": int(last[0]) - int(xid),
            "seconds_behind": round((last[1] - timestamp).total_seconds(), 3),
            "reports_only_on_old_primary": len(old_codes - new_codes),
            "old_primary_codes": old_codes,
        }

    def fault_disk(self):
        self.begin("disk")
        if not self.uploads_mounted:
            return {"run": False, "why": "this machine allows no tmpfs mount"}
        filler = self.workdir / "uploads" / "filler"
        self.fault_now()
        with contextlib.suppress(OSError), filler.open("wb") as handle:
            while True:
                handle.write(b"\0" * (1 << 20))
        free = shutil.disk_usage(self.workdir / "uploads").free
        # The kept downloads forgotten: each is built again and cannot be kept.
        self.sql("DELETE FROM publicdata_storeddownload")
        answers = {}
        connection = self.https_connection()
        for path in (
            "/data/lead-baltimore-open-data.zip",
            "/data/referrals-and-enrolments/download.xlsx",
        ):
            status, _headers, body = request(connection, "GET", path)
            answers[path] = status if status == 200 else what_it_got(status, body)
        kept_while_full = self.sql("SELECT count(*) FROM publicdata_storeddownload")[0][0]
        self.settle(self.options.settle)
        filler.unlink()
        status, _headers, _body = request(connection, "GET", "/data/lead-baltimore-open-data.zip")
        kept_after = self.sql("SELECT count(*) FROM publicdata_storeddownload")[0][0]
        self.settle(5)
        return {
            "run": True,
            "free_bytes_when_full": free,
            "downloads_while_full": answers,
            "kept_while_full": kept_while_full,
            "kept_after_space_freed": kept_after,
        }

    def stored_anyway(self, numbers):
        """How many of these residents' reports, answered with an error, were stored all
        the same (the answer was lost, not the report): sent again, they come twice."""
        if not numbers:
            return 0
        patterns = [f"Resident {number} of the drill:%" for number in numbers]
        return self.sql_with(
            "SELECT count(*) FROM feedback_report WHERE account LIKE ANY(%s)", [patterns]
        )[0][0]

    def sql_with(self, query, parameters):
        import psycopg

        with psycopg.connect(
            f"postgres://postgres@127.0.0.1:{self.database_port}/portal",
            autocommit=True,
            connect_timeout=5,
        ) as connection:
            return connection.execute(query, parameters).fetchall()

    def stored_receipts(self):
        return {normalised_code(c) for (c,) in self.sql("SELECT receipt_code FROM feedback_report")}

    # --- the run

    def run(self):
        self.set_up()
        self.load = Load(
            self, self.options.readers, self.options.resident_rate, self.options.min_fill
        )
        self.begin("steady load")
        self.load.start()
        self.settle(self.options.warm_up)
        self.publish_and_check("start")
        faults = self.options.faults
        for fault in faults:
            if fault == "failover":
                self.results["synchronous_replication"] = self.synchronous_cost()
            outcome = getattr(self, f"fault_{fault}")()
            self.results["faults"][fault] = outcome
            self.publish_and_check(f"{fault}")
        self.begin("after the faults")
        self.settle(self.options.settle)
        self.load.stop()
        self.phase = "done"
        self.report()

    def report(self):
        records = self.load.records
        for number, phase in enumerate(self.phases):
            phase["end"] = (
                self.phases[number + 1]["start"] if number + 1 < len(self.phases) else now()
            )
        by_phase = {}
        for phase in self.phases:
            mine = [r for r in records if r["phase"] == phase["name"]]
            bad = [r for r in mine if r["what"]]
            kinds = {}
            for record in bad:
                kinds[record["what"]] = kinds.get(record["what"], 0) + 1
            by_phase[phase["name"]] = {
                "seconds": round(phase["end"] - phase["start"], 1),
                "requests": len(mine),
                "failed": len(bad),
                "sent_again_on_a_new_connection": sum(1 for r in mine if r.get("retried")),
                "what_failed_requests_got": kinds,
                # From the fault itself (or the phase's start) to the last bad answer.
                "all_good_again_after_s": (
                    round(
                        max(
                            0,
                            max(r["finished"] for r in bad) - phase.get("fault_at", phase["start"]),
                        ),
                        1,
                    )
                    if bad
                    else 0
                ),
                "failed_submissions_stored_anyway": self.stored_anyway(
                    [r["number"] for r in bad if r["kind"] == "report" and "number" in r]
                ),
            }
        stored = self.stored_receipts()
        acknowledged = [r for r in records if r.get("receipt")]
        missing = [r for r in acknowledged if r["receipt"] not in stored]
        failover = self.results["faults"].get("failover")
        old_codes = set()
        if failover:
            xid, timestamp = failover["replica_at_promotion"][:2]
            loss = self.failover_loss((xid, datetime.datetime.fromisoformat(timestamp)))
            old_codes = loss.pop("old_primary_codes")
            failover["loss"] = loss
        # Stored on the old primary but not on the new one: what the failover lost. Anything
        # else missing was never stored anywhere.
        lost_in_failover = [r for r in missing if r["receipt"] in old_codes]
        lost_elsewhere = [r for r in missing if r["receipt"] not in old_codes]
        if failover:
            failover["loss"]["acknowledged_reports_lost"] = len(lost_in_failover)
        self.results.update(
            date=datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            phases=by_phase,
            reports={
                "acknowledged": len(acknowledged),
                "acknowledged_and_stored": len(acknowledged) - len(missing),
                "lost_outside_the_failover": len(lost_elsewhere),
                "lost_in_the_failover": len(lost_in_failover),
                "lost_codes": [r["receipt"] for r in missing][:20],
            },
            stack_traces=sum(1 for r in records if r["what"] and "STACK TRACE" in r["what"]),
            late_publications=[
                p for p in self.results["publications"] if not p["every_server_shows_it"]
            ],
        )

    def clean_up(self):
        if self.load is not None:
            self.load.stopping.set()
            self.load.running.set()
        with contextlib.suppress(Exception):
            self.nginx("-s", "quit")
        for key in list(self.processes):
            self.stop_process(key, timeout=30)
        for data in ("primary", "replica"):
            folder = self.workdir / "pg" / data
            if (folder / "postmaster.pid").exists():
                as_postgres(
                    PG_BIN / "pg_ctl",
                    "-D",
                    folder,
                    "-m",
                    "immediate",
                    "stop",
                    check=False,
                    capture_output=True,
                )
        if self.uploads_mounted:
            run(["umount", self.workdir / "uploads"], check=False)
        if self.options.keep:
            log(f"kept {self.workdir}")
        else:
            shutil.rmtree(self.workdir, ignore_errors=True)


def read_environment_file(path):
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            name, _, value = line.partition("=")
            values[name.strip()] = value
    return values


def verdict(results):
    problems = []
    reports = results["reports"]
    if reports["lost_outside_the_failover"]:
        problems.append(
            f"{reports['lost_outside_the_failover']} acknowledged report(s) lost "
            "outside the failover"
        )
    if results["stack_traces"]:
        problems.append(f"{results['stack_traces']} answer(s) with a stack trace")
    if results["late_publications"]:
        problems.append(
            f"a publication was not shown at once by every server: {results['late_publications']}"
        )
    if not reports["acknowledged"]:
        problems.append("no resident was given a receipt code")
    return problems


def print_summary(results):
    print(f"Drill of {results['date']}: faults {', '.join(results['faults'])}")
    print()
    print(
        "| phase | seconds | requests | failed | what they got | all good again after "
        "| unanswered reports stored anyway |"
    )
    print("| --- | ---: | ---: | ---: | --- | ---: | ---: |")
    for name, phase in results["phases"].items():
        got = "; ".join(f"{k} × {v}" for k, v in phase["what_failed_requests_got"].items())
        print(
            f"| {name} | {phase['seconds']} | {phase['requests']} | {phase['failed']} "
            f"| {got or '–'} | {phase['all_good_again_after_s']} s "
            f"| {phase['failed_submissions_stored_anyway']} |"
        )
    print()
    print(f"Reports: {json.dumps(results['reports'])}")
    for fault, outcome in results["faults"].items():
        print(f"- {fault}: {json.dumps(outcome, default=str)}")
    if "synchronous_replication" in results:
        print(f"- synchronous replication: {json.dumps(results['synchronous_replication'])}")
    print(f"- publications: {json.dumps(results['publications'])}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--faults",
        default=",".join(FAULTS),
        help=f"comma-separated, in order, from {', '.join(FAULTS)}",
    )
    parser.add_argument(
        "--ci",
        action="store_true",
        help="the quickest fault only (kill), with a short load: CI's check",
    )
    parser.add_argument("--readers", type=int, default=3)
    parser.add_argument("--resident-rate", type=float, default=2.0, help="reports a second")
    parser.add_argument("--min-fill", type=int, default=4, help="FEEDBACK_MIN_FILL_SECONDS")
    parser.add_argument("--warm-up", type=int, default=15)
    parser.add_argument(
        "--settle", type=int, default=20, help="seconds of load after each fault before the next"
    )
    parser.add_argument("--worker-stop-seconds", type=int, default=120)
    parser.add_argument(
        "--kill-burst", type=int, default=24, help="residents posting at the kill -9"
    )
    parser.add_argument("--uploads-mb", type=int, default=48)
    parser.add_argument("--output", type=Path)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    options = parser.parse_args()
    if options.ci:
        options.faults, options.warm_up, options.settle = "kill", 8, 12
    options.faults = [f for f in options.faults.split(",") if f]
    unknown = set(options.faults) - set(FAULTS)
    if unknown:
        parser.error(f"unknown faults: {', '.join(sorted(unknown))}")
    if os.geteuid() != 0:
        raise SystemExit("drill: run as root (PostgreSQL as its own user, a tmpfs mount)")

    drill = Drill(options)
    started = now()
    try:
        drill.run()
    finally:
        drill.clean_up()
    results = drill.results
    results["minutes"] = round((now() - started) / 60, 1)
    problems = verdict(results)
    results["problems"] = problems
    output = options.output
    if output is None and not options.ci:
        output = RESULTS / f"drill-{datetime.date.today().isoformat()}.json"
    if output is not None:
        output.parent.mkdir(exist_ok=True)
        output.write_text(json.dumps(results, indent=2, default=str) + "\n")
        log(f"results in {output}")
    print_summary(results)
    print()
    for problem in problems:
        print(f"FAILED: {problem}")
    print("drill: " + ("FAIL" if problems else "PASS") + f" in {results['minutes']} minutes")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

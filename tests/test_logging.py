"""Production logs are one JSON object per line, with the request's safe fields only, and
the redaction filter still cleans every line (privacy rules 1 and 2)."""

import copy
import io
import json
import logging
import logging.config

from django.test import RequestFactory

from tests.production_helpers import run_python

LOG_A_FEW_LINES = """
import django
django.setup()
import logging
log = logging.getLogger("portal.checks")
log.warning("Notice sent to jane@example.org from 203.0.113.9")
try:
    1 / 0
except ZeroDivisionError:
    log.exception("Sending to 410-555-0199 failed")
"""


def console_handler(settings, log_format):
    """The ``console`` handler as settings.LOGGING builds it (its filters and the
    formatter named ``log_format``), writing to a string."""
    config = copy.deepcopy(settings.LOGGING)
    configurator = logging.config.DictConfigurator(config)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(configurator.configure_formatter(config["formatters"][log_format]))
    for name in config["handlers"]["console"]["filters"]:
        handler.addFilter(configurator.configure_filter(config["filters"][name]))
    return handler, stream


def log_through(handler, level, message, *args, **kwargs):
    logger = logging.getLogger("portal.tests.logging")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        logger.log(level, message, *args, **kwargs)
    finally:
        logger.removeHandler(handler)


def lines(stream):
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_a_log_line_is_one_json_object_with_time_level_logger_and_message(settings):
    handler, stream = console_handler(settings, "json")
    log_through(handler, logging.WARNING, "Dataset %s refreshed", "referrals")
    [entry] = lines(stream)
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "portal.tests.logging"
    assert entry["message"] == "Dataset referrals refreshed"
    assert entry["time"].endswith("+00:00")


def test_a_request_line_has_method_path_and_status_but_no_query_address_or_cookie(settings):
    request = RequestFactory().get(
        "/search/?q=my+neighbour+at+12+Oak+Street",
        REMOTE_ADDR="203.0.113.9",
        HTTP_COOKIE="sessionid=abc123",
        HTTP_USER_AGENT="Example/1.0",
    )
    handler, stream = console_handler(settings, "json")
    log_through(
        handler,
        logging.ERROR,
        "Internal Server Error: %s",
        request.path,
        extra={"request": request, "status_code": 500},
    )
    [entry] = lines(stream)
    assert entry["method"] == "GET"
    assert entry["path"] == "/search/"
    assert entry["status"] == 500
    written = stream.getvalue()
    for secret in ["neighbour", "Oak", "203.0.113.9", "abc123", "Example/1.0", "q="]:
        assert secret not in written


def test_redaction_still_applies_to_the_message_the_path_and_the_traceback(settings):
    request = RequestFactory().get("/feedback/jane@example.org/")
    handler, stream = console_handler(settings, "json")
    try:
        raise ValueError("no answer from 410-555-0199 at 198.51.100.7")
    except ValueError:
        log_through(
            handler,
            logging.ERROR,
            "Could not notify jane@example.org",
            exc_info=True,
            extra={"request": request},
        )
    [entry] = lines(stream)
    assert entry["message"] == "Could not notify [email]"
    assert entry["path"] == "/feedback/[email]/"
    assert "Traceback (most recent call last)" in entry["exception"]
    assert "ValueError: no answer from [phone] at [ip address]" in entry["exception"]
    for secret in ["jane@example.org", "410-555-0199", "198.51.100.7"]:
        assert secret not in stream.getvalue()


def test_development_and_tests_log_plain_text(settings):
    assert settings.PORTAL_LOG_FORMAT == "plain"
    assert settings.LOGGING["handlers"]["console"]["formatter"] == "plain"


def test_production_logs_json_with_redaction_and_tracebacks():
    result = run_python(LOG_A_FEW_LINES)
    assert result.returncode == 0, result.stderr
    entries = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    notice, failure = [entry for entry in entries if entry["logger"] == "portal.checks"]
    assert notice["level"] == "WARNING"
    assert notice["message"] == "Notice sent to [email] from [ip address]"
    assert failure["level"] == "ERROR"
    assert failure["message"] == "Sending to [phone] failed"
    assert "ZeroDivisionError" in failure["exception"]
    for secret in ["jane@example.org", "203.0.113.9", "410-555-0199"]:
        assert secret not in result.stderr


def test_production_logs_plain_text_when_asked():
    result = run_python(LOG_A_FEW_LINES, PORTAL_LOG_FORMAT="plain")
    assert result.returncode == 0, result.stderr
    assert "WARNING portal.checks: Notice sent to [email] from [ip address]" in result.stderr
    assert '"logger"' not in result.stderr


def test_an_unknown_log_format_stops_start_up():
    result = run_python(LOG_A_FEW_LINES, PORTAL_LOG_FORMAT="xml")
    assert result.returncode != 0
    assert "PORTAL_LOG_FORMAT must be one of plain, json" in result.stderr


GUNICORN_REQUEST = """
import datetime, runpy, types
from gunicorn.config import Config

conf = runpy.run_path("portal/gunicorn.conf.py")
cfg = Config()
for name in ("accesslog", "errorlog", "loglevel", "logconfig_dict", "access_log_format"):
    cfg.set(name, conf[name])
log = conf["logger_class"](cfg)
request = types.SimpleNamespace(
    method="GET", path="/search/", uri="/search/?q=12+Oak+Street", headers=[]
)
response = types.SimpleNamespace(status="200 OK", headers=[], sent=512)
environ = {
    "REQUEST_METHOD": "GET",
    "PATH_INFO": "/feedback/jane@example.org/",
    "QUERY_STRING": "q=12+Oak+Street",
    "RAW_URI": "/feedback/jane@example.org/?q=12+Oak+Street",
    "SERVER_PROTOCOL": "HTTP/1.1",
    "REMOTE_ADDR": "203.0.113.9",
    "HTTP_COOKIE": "sessionid=abc123",
}
log.access(response, request, environ, datetime.timedelta(milliseconds=42))
try:
    1 / 0
except ZeroDivisionError:
    log.exception("Error handling request %s %s", request.method, request.uri)
"""


def test_gunicorn_writes_json_access_lines_with_the_safe_fields_only():
    result = run_python(GUNICORN_REQUEST)
    assert result.returncode == 0, result.stderr
    [access] = [json.loads(line) for line in result.stdout.splitlines()]
    assert access["logger"] == "gunicorn.access"
    assert access["method"] == "GET"
    assert access["path"] == "/feedback/[email]/"
    assert access["status"] == 200
    assert access["duration_ms"] == 42.0
    [error] = [json.loads(line) for line in result.stderr.splitlines()]
    assert error["message"] == "Error handling request GET /search/"
    assert "ZeroDivisionError" in error["exception"]
    for secret in ["Oak", "jane@example.org", "203.0.113.9", "abc123"]:
        assert secret not in result.stdout + result.stderr


def test_gunicorn_plain_access_lines_keep_no_address_or_query_string():
    result = run_python(GUNICORN_REQUEST, PORTAL_LOG_FORMAT="plain")
    assert result.returncode == 0, result.stderr
    assert '"GET /feedback/[email]/ HTTP/1.1" 200 512 42ms' in result.stdout
    assert "Error handling request GET /search/\n" in result.stderr
    for secret in ["Oak", "jane@example.org", "203.0.113.9", "abc123"]:
        assert secret not in result.stdout + result.stderr

"""gunicorn settings for production: ``gunicorn -c portal/gunicorn.conf.py portal.wsgi``.

Environment variables (all optional):

- ``GUNICORN_BIND``: address to listen on, default ``127.0.0.1:8000`` (the reverse proxy
  in front connects to it); ``PORT`` alone gives ``0.0.0.0:$PORT``.
- ``WEB_CONCURRENCY``: worker processes, default two per CPU plus one.
- ``GUNICORN_TIMEOUT``: seconds a request may take before its worker is restarted.
- ``LOG_LEVEL``: gunicorn's own log level, the same variable as the application's.
- ``PORTAL_LOG_FORMAT``: ``json`` (default) writes gunicorn's lines as the application's
  production lines, one JSON object each (portal/log_format.py); ``plain`` as text.

The access log never holds the visitor's address (privacy rule 2) nor the query string,
which can carry what someone typed into the search box; error lines lose the query string
too, and every line goes through the application's redaction filter (portal/log_filters.py).
"""

import multiprocessing
import os

from gunicorn.glogging import Logger

bind = os.environ.get("GUNICORN_BIND") or (
    f"0.0.0.0:{os.environ['PORT']}" if os.environ.get("PORT") else "127.0.0.1:8000"
)
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
# Large downloads stream for a while; anything slower than this is stuck.
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 60)
# Load the application once before forking: workers share its memory, and a broken
# configuration stops the master at start instead of every worker in turn.
preload_app = True
wsgi_app = "portal.wsgi:application"

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# In the plain format: time, method, path without its query, protocol, status, bytes,
# duration in milliseconds.
# No %(h)s (address), %(q)s/%(r)s (query string), %(f)s (referrer) or %(a)s (user agent).
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'


LOG_FORMAT = os.environ.get("PORTAL_LOG_FORMAT", "json").strip().lower() or "json"


def _without_query(value):
    return value.partition("?")[0] if isinstance(value, str) else value


class PortalLogger(Logger):
    """gunicorn's logger, with no query string in its error lines and, in the JSON format,
    access lines that pass the request's safe fields (method, path, status, duration) to
    the formatter, and nothing else of the request."""

    def exception(self, msg, *args, **kwargs):
        # gunicorn names a request that failed by its URI, query string included.
        if isinstance(msg, str) and msg.startswith("Error handling request"):
            args = tuple(_without_query(arg) for arg in args)
        super().exception(msg, *args, **kwargs)

    def access(self, resp, req, environ, request_time):
        if LOG_FORMAT != "json":
            super().access(resp, req, environ, request_time)
            return
        if not self.access_log_enabled:
            return
        status = resp.status
        if isinstance(status, str):
            status = status.split(None, 1)[0]
        http = {
            "method": environ.get("REQUEST_METHOD") or getattr(req, "method", None),
            "path": environ.get("PATH_INFO") or _without_query(getattr(req, "path", None)),
            "status": int(status),
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
        }
        self.access_log.info(
            "%s %s %s", http["method"], http["path"], http["status"], extra={"http": http}
        )


def log_config():
    """gunicorn's own lines through the application's redaction filter, as JSON or plain
    text: errors to stderr, access lines to stdout."""

    def handler(stream, formatter):
        return {
            "class": "logging.StreamHandler",
            "formatter": formatter,
            "filters": ["redact"],
            "stream": f"ext://sys.{stream}",
        }

    as_json = LOG_FORMAT == "json"
    return {
        "formatters": {
            "json": {"()": "portal.log_format.JSONFormatter"},
            "error": {"format": "%(asctime)s [%(process)d] [%(levelname)s] %(message)s"},
            "access": {"format": "%(message)s"},
        },
        "filters": {"redact": {"()": "portal.log_filters.RedactPersonalData"}},
        "handlers": {
            "console": handler("stdout", "json" if as_json else "access"),
            "error_console": handler("stderr", "json" if as_json else "error"),
        },
        "root": {"level": "INFO", "handlers": ["error_console"]},
        "loggers": {
            "gunicorn.error": {
                "level": loglevel.upper(),
                "handlers": ["error_console"],
                "propagate": False,
            },
            "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
        },
    }


logger_class = PortalLogger
logconfig_dict = log_config()

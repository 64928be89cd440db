"""The JSON log format of production: one JSON object per line, for a log collector to
index (``PORTAL_LOG_FORMAT=json``, docs/configuration.md).

Each line has ``time``, ``level``, ``logger`` and ``message``; ``exception`` holds the
traceback when there is one. A line about a request adds only what is safe to keep:
``method``, ``path`` (never the query string), ``status`` and, on gunicorn's access lines,
``duration_ms``. Never the client's address, cookies, headers or anything a resident
wrote. The redaction filter (portal/log_filters.py) has already cleaned the message and the
traceback when this runs; the path is cleaned here, since it is not part of the message.
"""

import json
import logging
from datetime import UTC, datetime

from portal.log_filters import redact

# The request fields a line may carry, and nothing else from the request.
REQUEST_FIELDS = ("method", "path", "status", "duration_ms")


def request_fields(record):
    """The safe request fields of ``record``: those gunicorn's access logger passes as
    ``http`` (portal/gunicorn.conf.py), or those read from the Django request that
    ``django.request``, ``django.server`` and ``django.security`` attach."""
    fields = dict(getattr(record, "http", None) or {})
    request = getattr(record, "request", None)
    if request is not None and hasattr(request, "path"):
        fields.setdefault("method", getattr(request, "method", None))
        fields.setdefault("path", request.path)
    status = getattr(record, "status_code", None)
    if status is not None:
        fields.setdefault("status", status)
    safe = {name: fields[name] for name in REQUEST_FIELDS if fields.get(name) is not None}
    if "path" in safe:
        safe["path"] = redact(str(safe["path"]).partition("?")[0])
    return safe


class JSONFormatter(logging.Formatter):
    """One JSON object per record, on one line."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(request_fields(record))
        if record.exc_info and not record.exc_text:
            # Only when no redaction filter ran: the filter formats and cleans it first.
            record.exc_text = redact(self.formatException(record.exc_info))
        if record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = redact(self.formatStack(record.stack_info))
        return json.dumps(entry, default=str)

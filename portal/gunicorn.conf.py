"""gunicorn settings for production: ``gunicorn -c portal/gunicorn.conf.py portal.wsgi``.

Environment variables (all optional):

- ``GUNICORN_BIND``: address to listen on, default ``127.0.0.1:8000`` (the reverse proxy
  in front connects to it); ``PORT`` alone gives ``0.0.0.0:$PORT``.
- ``WEB_CONCURRENCY``: worker processes, default two per CPU plus one.
- ``GUNICORN_TIMEOUT``: seconds a request may take before its worker is restarted.
- ``LOG_LEVEL``: gunicorn's own log level, the same variable as the application's.

The access log never holds the visitor's address (privacy rule 2) nor the query string,
which can carry what someone typed into the search box.
"""

import multiprocessing
import os

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
# Time, method, path without its query, protocol, status, bytes, duration in milliseconds.
# No %(h)s (address), %(q)s/%(r)s (query string), %(f)s (referrer) or %(a)s (user agent).
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'

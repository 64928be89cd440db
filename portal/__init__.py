"""The shared core of the LEAD Baltimore portal: settings, the URL map, and the machinery
every app uses (docs/architecture.md).

- ``caching/``: the page cache, its scopes, kept parts, the page tree's facts, pages with
  a visitor's values and the CDN purge;
- ``security.py``: security headers; ``health.py``: the health check and the "try again"
  page when the database is down;
- ``log_filters.py``, ``log_format.py``: logging and its redaction;
- ``staff/``: staff sign-in, lockouts and two-factor (the ``staff`` app);
- ``visitors.py``, ``abuse.py``: who a visitor is, rate limits and form tokens;
- ``languages.py``, ``translated_fields.py``, ``pages.py``: languages and translated fields,
  and what every app's page types share;
- ``pagination.py``, ``query_strings.py``: pagination and query-string helpers;
- ``moved.py``: old module paths that still answer.

The core imports no app: apps register what they own with it (cache scopes and their
signals, CDN addresses, redaction patterns, staff groups) in their ``apps.py``. Only
``urls.py`` and the settings name the apps. It holds no models.
"""

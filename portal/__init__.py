"""Django project wiring for the LEAD Baltimore portal: settings, URLs and WSGI.

The project package holds no models; the domain lives in ``home``, ``feedback`` and
``publicdata``.
"""

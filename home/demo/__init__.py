"""Demo content: the whole demo site, built idempotently by ``manage.py load_demo_site``.

Texts live in ``explainers.py``, ``help_pages.py`` and ``news.py`` as plain data; ``build.py``
turns them into pages. Later features add their own demo steps to ``build.STEPS``.
"""
